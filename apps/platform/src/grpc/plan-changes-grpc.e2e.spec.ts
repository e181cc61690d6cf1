import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { status } from '@grpc/grpc-js';
import { BillingGrpcClient, failureOf, problemOf } from '@billing/gateway-grpc/testing';
import { eventuallyValue } from '@billing/util/testing';
import { EmbeddedBilling } from '../testing/embedded-billing';

/*
 * Plan changes and receipts over billing.v1 against the embedded platform with the points
 * book (plans sold by the month through the sandbox provider); each answer is compared with
 * what REST says of the same thing.
 */

const SAM = 'acct-plan-sam';
const TESS = 'acct-plan-tess';

let dir: string;
let platform: EmbeddedBilling;
let client: BillingGrpcClient;
let sam: string;

const pointsOf = async (credential: string) => (await client.getBalances(credential)).pools.find((pool) => pool.pool === 'points');

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'billing-grpc-plans-e2e-'));
  platform = await EmbeddedBilling.start(dir, { PRICE_BOOK: 'points' });
  client = new BillingGrpcClient(platform.grpcAddress);
  sam = await platform.token(SAM);
}, 60_000);

afterAll(async () => {
  client?.close();
  await platform?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('billing.v1 plan changes and receipts', () => {
  let orderId: string;

  it('given no plan, then ChangeSubscription is NOT_FOUND; given a blank plan, then INVALID_ARGUMENT naming plan_id', async () => {
    expect((await failureOf(client.changeSubscription({ planId: 'creator' }, sam))).code).toBe(status.NOT_FOUND);
    const blank = await failureOf(client.changeSubscription({ planId: ' ' }, sam));
    expect(blank.code).toBe(status.INVALID_ARGUMENT);
    expect(problemOf(blank)['errors']).toEqual([{ field: 'plan_id', message: 'must name a plan' }]);
  });

  it('given Explorer, when changed to Creator, then it is Creator now with the pro rata difference granted; asked again, nothing more', async () => {
    orderId = await platform.buyPlan(SAM, 'explorer');
    const explorer = await client.getSubscription(sam);
    expect(explorer).toMatchObject({ planId: 'explorer', status: 'active', billing: 'provider', endsAt: '' });
    expect(explorer.pendingChange).toBeNull();
    await eventuallyValue(() => pointsOf(sam), (pool) => pool?.balance === '1000', 'Explorer’s 1,000 points');

    const creator = await client.changeSubscription({ planId: 'creator' }, sam);
    expect(creator).toMatchObject({ planId: 'creator', status: 'active', paidThrough: explorer.paidThrough });
    const upgraded = await eventuallyValue(() => pointsOf(sam), (pool) => Number(pool?.balance) > 1000, 'the upgrade’s grant');
    // Most of a month is left: nearly all of the 4,000 points of difference, never more.
    expect(Number(upgraded?.balance)).toBeGreaterThan(4_900);
    expect(Number(upgraded?.balance)).toBeLessThanOrEqual(5_000);
    expect(await client.changeSubscription({ planId: 'creator' }, sam)).toEqual(creator);
    expect((await pointsOf(sam))?.balance).toBe(upgraded?.balance);
    expect(await client.getSubscription(sam)).toEqual(creator);
    expect(await platform.restGet(sam, '/v1/subscription')).toMatchObject({ plan_id: 'creator', paid_through: creator.paidThrough, pending_change: null });
  });

  it('given Creator, when changed back to Explorer, then Explorer is pending from the end of the paid period, as REST shows it', async () => {
    const downgraded = await client.changeSubscription({ planId: 'explorer' }, sam);
    expect(downgraded).toMatchObject({ planId: 'creator', pendingChange: { planId: 'explorer', from: downgraded.paidThrough } });
    expect(await platform.restGet(sam, '/v1/subscription')).toMatchObject({ plan_id: 'creator', pending_change: { plan_id: 'explorer', from: downgraded.paidThrough } });
  });

  it('lists the receipts REST lists, field for field, newest first; GetOrderReceipt answers the order’s and NOT_FOUND for another account', async () => {
    const { receipts } = await client.listReceipts(sam);
    const rest = (await platform.restGet(sam, '/v1/receipts'))['receipts'] as Record<string, unknown>[];
    expect(receipts.map((receipt) => receipt.kind)).toEqual(['upgrade', 'order']);
    expect(receipts).toEqual(
      rest.map((receipt) =>
        expect.objectContaining({
          receiptId: receipt['id'],
          kind: receipt['kind'],
          orderId: receipt['order_id'] ?? '',
          description: receipt['description'],
          amount: { amountCents: String((receipt['amount'] as { amount_cents: number }).amount_cents), currency: 'USD' },
          credits: String(receipt['credits']),
          pool: 'points',
          periodStart: receipt['period_start'],
          periodEnd: receipt['period_end'],
          paidAt: receipt['paid_at'],
          receiptUrl: receipt['receipt_url'] ?? '',
          invoiceId: receipt['invoice_id'] ?? '',
          refundStatus: receipt['refund_status'],
          refunded: { amountCents: String((receipt['refunded'] as { amount_cents: number }).amount_cents), currency: 'USD' },
          refundable: receipt['refundable'],
        }),
      ),
    );
    const [upgrade, first] = receipts;
    // Neither refunded: the owner may ask for both (the gateway's roles; the purchase rules refuse a plan's to its owner later).
    expect(upgrade).toMatchObject({ invoiceId: expect.stringMatching(/^sandbox_in_change-plan:/), refundStatus: 'none', refunded: { amountCents: '0', currency: 'USD' }, refundable: true });
    expect(first).toMatchObject({ orderId, amount: { amountCents: '2900', currency: 'USD' }, credits: '1000', invoiceId: '', refundStatus: 'none', refundable: true });
    expect(first?.tax).toBeNull();

    expect(await client.getOrderReceipt({ orderId }, sam)).toEqual(first);
    expect((await failureOf(client.getOrderReceipt({ orderId }, await platform.token(TESS)))).code).toBe(status.NOT_FOUND);
    expect((await failureOf(client.getOrderReceipt({ orderId: '' }, sam))).code).toBe(status.INVALID_ARGUMENT);
    expect((await client.listReceipts(await platform.token(TESS))).receipts).toEqual([]);
  });
});
