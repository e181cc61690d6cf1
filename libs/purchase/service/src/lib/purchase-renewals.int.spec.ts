import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addCalendarMonths } from '@billing/purchase-domain';
import { startPurchaseWorld, type PurchaseWorld } from '../testing/purchase-world';
import { PurchaseRpc } from '@billing/contracts';
import { SANDBOX_RENEWAL_RETRY_MILLIS } from './sandbox-renewals';

const NOW = Date.UTC(2026, 0, 31, 9, 30);
const month = (index: number) => addCalendarMonths(NOW, index);

describe('plans billed per period by the sandbox provider, on the platform clock', () => {
  let dir: string;
  let world: PurchaseWorld;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'purchase-renewals-'));
    world = await startPurchaseWorld(
      dir,
      { environment: 'embedded', priceBookId: 'points', payments: { kind: 'sandbox', checkoutBaseUrl: 'http://localhost/checkout', webhookSecret: 'whsec_renewals' } },
      NOW,
    );
  });
  afterEach(async () => {
    await world.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const grants = () => world.sentToWallet.filter((c) => c.type === 'GrantCredits').map((c) => [c.data['grantId'], c.data['millicredits'], c.data['expiresAt']]);
  const grantOf = (index: number) => [`plan:acct-p:${month(index)}`, 1_000_000, month(index + 1)];
  const subscription = () => world.rpc(PurchaseRpc.planSubscription, { accountId: 'acct-p' });
  const tickAt = async (at: number) => {
    world.clock.set(at);
    await world.purchase.runJob('grant-plan-periods');
    await world.purchase.runJob('grant-plan-periods');
    await world.quiesce('acct-p');
  };
  const subscribe = async () => {
    await world.rpc(PurchaseRpc.placeOrder, { accountId: 'acct-p', orderId: 'plan-order', item: { kind: 'plan', planId: 'explorer' } });
    await world.rpc(PurchaseRpc.confirmSandboxPayment, { orderId: 'plan-order' });
    await world.quiesce('acct-p');
  };

  it('given a plan subscribed, renewed twice, one renewal declined then recovered, then cancelled at period end, then each paid period is granted exactly once and no other', async () => {
    await subscribe();
    expect(grants()).toEqual([grantOf(0)]);

    await tickAt(month(1) - 1);
    expect(grants()).toEqual([grantOf(0)]);
    await tickAt(month(1));
    await tickAt(month(2));
    expect(grants()).toEqual([grantOf(0), grantOf(1), grantOf(2)]);

    await world.rpc(PurchaseRpc.failNextSandboxRenewals, { accountId: 'acct-p' });
    await tickAt(month(3));
    expect(grants()).toHaveLength(3);
    expect(await subscription()).toMatchObject({ status: 'past_due', paidThrough: month(3) });
    // Still on the plan while the provider retries.
    expect((await world.rpc(PurchaseRpc.accountPlan, { accountId: 'acct-p' })).planId).toBe('explorer');
    await tickAt(month(3) + SANDBOX_RENEWAL_RETRY_MILLIS - 1);
    expect(grants()).toHaveLength(3);
    await tickAt(month(3) + SANDBOX_RENEWAL_RETRY_MILLIS);
    expect(grants()).toEqual([grantOf(0), grantOf(1), grantOf(2), grantOf(3)]);
    expect(await subscription()).toMatchObject({ status: 'active', paidThrough: month(4) });

    expect(await world.rpc(PurchaseRpc.cancelPlanAtPeriodEnd, { accountId: 'acct-p' })).toMatchObject({ status: 'active', endsAt: month(4) });
    expect(await world.rpc(PurchaseRpc.resumePlan, { accountId: 'acct-p' })).toMatchObject({ status: 'active', endsAt: null });
    expect(await world.rpc(PurchaseRpc.cancelPlanAtPeriodEnd, { accountId: 'acct-p' })).toMatchObject({ endsAt: month(4) });
    expect(await world.rpc(PurchaseRpc.cancelPlanAtPeriodEnd, { accountId: 'acct-p' })).toMatchObject({ endsAt: month(4) });
    await tickAt(month(4));
    await tickAt(month(6));
    expect(grants()).toEqual([grantOf(0), grantOf(1), grantOf(2), grantOf(3)]);
    expect(await subscription()).toMatchObject({ status: 'cancelled', cancelledAt: month(4) });
    expect((await world.rpc(PurchaseRpc.accountPlan, { accountId: 'acct-p' })).source).toBe('default');
    await expect(world.rpc(PurchaseRpc.resumePlan, { accountId: 'acct-p' })).rejects.toMatchObject({ problem: { status: 404 } });
  }, 60_000);

  it('given every try at a renewal declined, then the sandbox gives up, the plan ends, and the unpaid period is never granted', async () => {
    await subscribe();
    await world.rpc(PurchaseRpc.failNextSandboxRenewals, { accountId: 'acct-p', count: 3 });
    await tickAt(month(1));
    await tickAt(month(1) + SANDBOX_RENEWAL_RETRY_MILLIS);
    expect(await subscription()).toMatchObject({ status: 'past_due' });
    await tickAt(month(1) + 2 * SANDBOX_RENEWAL_RETRY_MILLIS);
    expect(await subscription()).toMatchObject({ status: 'cancelled' });
    await tickAt(month(3));
    expect(grants()).toEqual([grantOf(0)]);
    const types = (await world.purchaseStore.readStream('subscription-acct-p')).map((e) => e.type);
    expect(types).toEqual(['SubscriptionStarted', 'PlanPeriodGranted', 'SubscriptionPastDue', 'SubscriptionPastDue', 'SubscriptionPastDue', 'SubscriptionCancelled']);
  }, 60_000);
});
