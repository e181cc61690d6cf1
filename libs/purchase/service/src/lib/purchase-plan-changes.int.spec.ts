import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PurchaseRpc } from '@billing/contracts';
import { addCalendarMonths } from '@billing/purchase-domain';
import { startPurchaseWorld, type PurchaseWorld } from '../testing/purchase-world';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 0, 31, 9, 30);
const month = (index: number) => addCalendarMonths(NOW, index);

describe('plan changes and receipts with the sandbox provider (points book: Explorer $29 / 1,000, Creator $99 / 5,000)', () => {
  let dir: string;
  let world: PurchaseWorld;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'purchase-plan-changes-'));
    world = await startPurchaseWorld(
      dir,
      { environment: 'embedded', priceBookId: 'points', payments: { kind: 'sandbox', checkoutBaseUrl: 'http://localhost/checkout', webhookSecret: 'whsec_changes' } },
      NOW,
    );
  });
  afterEach(async () => {
    await world.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const grants = () => world.sentToWallet.filter((c) => c.type === 'GrantCredits').map((c) => [c.data['grantId'], c.data['millicredits'], c.data['expiresAt']]);
  const tickAt = async (at: number) => {
    world.clock.set(at);
    await world.purchase.runJob('grant-plan-periods');
    await world.quiesce('acct-c');
  };
  const change = (planId: string) => world.rpc(PurchaseRpc.changePlan, { accountId: 'acct-c', planId });

  it('given Explorer paid on 31 January, when upgraded on day 10 of 28 and downgraded in the next period, then 2,571.428 points are granted at once, Creator renews in full, Explorer after; every payment has its receipt', async () => {
    await world.rpc(PurchaseRpc.placeOrder, { accountId: 'acct-c', orderId: 'plan-c', item: { kind: 'plan', planId: 'explorer' } });
    await world.rpc(PurchaseRpc.confirmSandboxPayment, { orderId: 'plan-c' });
    await world.quiesce('acct-c');

    // 18 of 28 days left: 4,000 points x 18/28 = 2,571.428571... -> 2,571.428 points; $70 x 18/28 = $45.00.
    const upgradeAt = NOW + 10 * DAY;
    world.clock.set(upgradeAt);
    expect(await change('creator')).toMatchObject({ planId: 'creator', status: 'active', paidThrough: month(1), pendingChange: null });
    expect(await change('creator')).toMatchObject({ planId: 'creator' });
    await world.quiesce('acct-c');
    expect(grants()).toEqual([
      [`plan:acct-c:${NOW}`, 1_000_000, month(1)],
      [`plan-upgrade:acct-c:${upgradeAt}`, 2_571_428, month(1)],
    ]);
    expect(await world.rpc(PurchaseRpc.accountPlan, { accountId: 'acct-c' })).toMatchObject({ planId: 'creator', entitlements: ['batch_generation', 'api_access'] });

    await tickAt(month(1));
    const downgradeAt = month(1) + 5 * DAY;
    world.clock.set(downgradeAt);
    expect(await change('explorer')).toMatchObject({ planId: 'creator', pendingChange: { planId: 'explorer', from: month(2) } });
    await world.quiesce('acct-c');
    await tickAt(month(2));
    expect(grants().slice(2)).toEqual([
      [`plan:acct-c:${month(1)}`, 5_000_000, month(2)],
      [`plan:acct-c:${month(2)}`, 1_000_000, month(3)],
    ]);
    expect(await world.rpc(PurchaseRpc.planSubscription, { accountId: 'acct-c' })).toMatchObject({ planId: 'explorer', pendingChange: null });

    const { receipts } = await world.rpc(PurchaseRpc.receipts, { accountId: 'acct-c' });
    expect(receipts.map((r) => [r.kind, r.amountCents, r.creditsMillicredits, r.periodStart, r.periodEnd])).toEqual([
      ['renewal', 2_900, 1_000_000, month(2), month(3)],
      ['renewal', 9_900, 5_000_000, month(1), month(2)],
      ['upgrade', 4_500, 2_571_428, upgradeAt, month(1)],
      ['order', 2_900, 1_000_000, NOW, month(1)],
    ]);
    expect((await world.rpc(PurchaseRpc.receipts, { accountId: 'acct-c', orderId: 'plan-c' })).receipts).toMatchObject([{ receiptId: 'order:plan-c', taxCents: null, receiptUrl: null }]);
    expect((await world.rpc(PurchaseRpc.receipts, { accountId: 'someone-else', orderId: 'plan-c' })).receipts).toEqual([]);
  }, 60_000);

  it('given a plan that is not sold online, of another pool, or a plan past due, then the change is refused and nothing is granted', async () => {
    await expect(change('creator')).rejects.toMatchObject({ problem: { status: 404 } });
    await world.rpc(PurchaseRpc.placeOrder, { accountId: 'acct-c', orderId: 'plan-c', item: { kind: 'plan', planId: 'explorer' } });
    await world.rpc(PurchaseRpc.confirmSandboxPayment, { orderId: 'plan-c' });
    await world.quiesce('acct-c');
    await expect(change('studio')).rejects.toMatchObject({ problem: { status: 400 } });
    await expect(change('nope')).rejects.toMatchObject({ problem: { status: 404 } });
    await world.rpc(PurchaseRpc.failNextSandboxRenewals, { accountId: 'acct-c' });
    await tickAt(month(1));
    await expect(change('creator')).rejects.toMatchObject({ problem: { status: 409 } });
    expect(grants()).toHaveLength(1);
  }, 60_000);
});
