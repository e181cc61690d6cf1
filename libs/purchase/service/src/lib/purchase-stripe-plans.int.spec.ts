import Stripe from 'stripe';
import { PurchaseRpc } from '@billing/contracts';
import { STRIPE_SIGNATURE_HEADER } from '@billing/payment-provider';
import { addCalendarMonths } from '@billing/purchase-domain';
import { startPurchaseWorld, type PurchaseWorld } from '../testing/purchase-world';
import { runningStripeMock, stripeMockPayments, stripeSuite } from '../testing/stripe-world';

const NOW = Date.UTC(2026, 2, 3, 12, 0);
const SECRET = 'whsec_stripe_plans';
const signer = new Stripe('sk_test_123');
const seconds = (millis: number) => Math.floor(millis / 1000);

/** A Stripe event signed as Stripe signs it, at `at`. */
function signed(type: string, object: Record<string, unknown>, at = NOW, id = `evt_${type}_${String(object['id'])}_${at}`) {
  const payload = JSON.stringify({ id, object: 'event', type, data: { object } });
  const header = signer.webhooks.generateTestHeaderString({ payload, secret: SECRET, timestamp: seconds(at) });
  return { provider: 'stripe' as const, rawBody: Buffer.from(payload).toString('base64'), headers: { [STRIPE_SIGNATURE_HEADER]: header } };
}
const forged = (body: ReturnType<typeof signed>) => ({ ...body, headers: { [STRIPE_SIGNATURE_HEADER]: body.headers[STRIPE_SIGNATURE_HEADER].replace(/v1=(.)/, (_all, c: string) => `v1=${c === '0' ? '1' : '0'}`) } });

const invoicePaid = (invoice: string, intent: string) => ({ id: `inpay_${invoice}`, object: 'invoice_payment', invoice, status: 'paid', payment: { type: 'payment_intent', payment_intent: intent } });
const dispute = (id: string, intent: string, status: string) => ({ id, object: 'dispute', payment_intent: intent, amount: 2_900, currency: 'usd', status });

describe('plans (Stripe subscriptions) refunded and disputed like packs (stripe-mock, signed webhooks)', () => {
  const suite = stripeSuite('purchase-stripe-plans-');

  /** The test's world against stripe-mock, or null when stripe-mock cannot run. */
  async function started(): Promise<PurchaseWorld | null> {
    const mock = runningStripeMock(suite);
    if (!mock) return null;
    suite.world = await startPurchaseWorld(suite.dir, { environment: 'production', priceBookId: 'points', payments: stripeMockPayments(mock, SECRET) }, NOW);
    return suite.world;
  }

  /** A plan checked out and paid: the first invoice confirms the order, its PaymentIntent is linked when Stripe reports it. */
  async function subscribed(world: PurchaseWorld, accountId: string, orderId: string, intent: string) {
    const webhook = (body: ReturnType<typeof signed>) => world.rpc(PurchaseRpc.paymentWebhook, body);
    const placed = await world.rpc(PurchaseRpc.placeOrder, { accountId, orderId, item: { kind: 'plan', planId: 'explorer' } });
    const session = { id: placed.providerReference, object: 'checkout.session', mode: 'subscription', client_reference_id: orderId, metadata: { orderId, accountId }, amount_total: 2_900, currency: 'usd', payment_status: 'paid', payment_intent: null, subscription: `sub_${orderId}`, invoice: `in_${orderId}`, total_details: { amount_tax: 0 } };
    // Before the checkout's confirmation, the payment has no order to link to.
    expect((await webhook(signed('invoice_payment.paid', invoicePaid(`in_${orderId}`, intent), NOW, `evt_early_${orderId}`))).outcome).toBe('ignored');
    expect((await webhook(signed('checkout.session.completed', session))).outcome).toBe('applied');
    const link = signed('invoice_payment.paid', invoicePaid(`in_${orderId}`, intent));
    await expect(webhook(forged(link))).rejects.toMatchObject({ problem: { status: 400 } });
    expect(await webhook(link)).toMatchObject({ outcome: 'applied', order: { paymentId: `in_${orderId}`, linkedPaymentId: intent } });
    expect((await webhook(link)).outcome).toBe('duplicate');
    await world.quiesce(accountId);
    return webhook;
  }

  it('given a plan paid through Stripe, when finance refunds it, then Stripe refunds its PaymentIntent, the plan ends, and Stripe’s charge.refunded for it changes nothing', async () => {
    const world = await started();
    if (!world) return;
    const webhook = await subscribed(world, 'acct-r', 'plan-r', 'pi_plan_r');

    const refunded = await world.rpc(PurchaseRpc.refundOrder, { orderId: 'plan-r', reason: 'goodwill' });
    expect(refunded).toMatchObject({ status: 'refunded', refundedCents: 2_900 });
    const events = await world.purchaseStore.readStream('order-plan-r');
    expect(events.at(-1)).toMatchObject({ type: 'OrderRefunded', data: { amountCents: 2_900, providerRefundId: expect.stringMatching(/^re_/) } });
    const charge = { id: 'ch_r', object: 'charge', payment_intent: 'pi_plan_r', amount_refunded: 2_900 };
    expect((await webhook(signed('charge.refunded', charge))).outcome).toBe('duplicate');
    expect((await world.rpc(PurchaseRpc.refundOrder, { orderId: 'plan-r', reason: 'again' })).status).toBe('refunded');
    await world.quiesce('acct-r');
    expect(await world.rpc(PurchaseRpc.planSubscription, { accountId: 'acct-r' })).toMatchObject({ status: 'cancelled' });
  }, 60_000);

  it('given a plan refunded in Stripe’s dashboard, then the order records what Stripe returned and the plan ends, once; a refund for a payment no order knows is ignored', async () => {
    const world = await started();
    if (!world) return;
    const webhook = await subscribed(world, 'acct-d', 'plan-d', 'pi_plan_d');
    const charge = signed('charge.refunded', { id: 'ch_d', object: 'charge', payment_intent: 'pi_plan_d', amount_refunded: 1_000 });
    await expect(webhook(forged(charge))).rejects.toMatchObject({ problem: { status: 400 } });
    expect(await webhook(charge)).toMatchObject({ outcome: 'applied', order: { status: 'refunded', refundedCents: 1_000 } });
    expect((await webhook(charge)).outcome).toBe('duplicate');
    expect((await webhook(signed('charge.refunded', { id: 'ch_x', object: 'charge', payment_intent: 'pi_unknown', amount_refunded: 10 }))).outcome).toBe('ignored');
    await world.quiesce('acct-d');
    expect(await world.rpc(PurchaseRpc.planSubscription, { accountId: 'acct-d' })).toMatchObject({ status: 'cancelled' });
  }, 60_000);

  it('given a plan’s payment disputed, then the dispute is recorded once; won, the plan goes on; lost (even delivered before its opening), the disputed amount is refunded and the plan ends', async () => {
    const world = await started();
    if (!world) return;
    const won = await subscribed(world, 'acct-w', 'plan-w', 'pi_plan_w');
    const opened = signed('charge.dispute.created', dispute('dp_w', 'pi_plan_w', 'needs_response'));
    expect(await won(opened)).toMatchObject({ outcome: 'applied', order: { dispute: { disputeId: 'dp_w', status: 'open' } } });
    expect((await won(opened)).outcome).toBe('duplicate');
    expect(await won(signed('charge.dispute.closed', dispute('dp_w', 'pi_plan_w', 'won')))).toMatchObject({ outcome: 'applied', order: { status: 'paid', dispute: { status: 'won' } } });
    await world.quiesce('acct-w');
    expect(await world.rpc(PurchaseRpc.planSubscription, { accountId: 'acct-w' })).toMatchObject({ status: 'active' });

    const lost = await subscribed(world, 'acct-l', 'plan-l', 'pi_plan_l');
    const closed = signed('charge.dispute.closed', dispute('dp_l', 'pi_plan_l', 'lost'));
    await expect(lost(forged(closed))).rejects.toMatchObject({ problem: { status: 400 } });
    expect(await lost(closed)).toMatchObject({ outcome: 'applied', order: { status: 'refunded', refundedCents: 2_900, dispute: { status: 'lost' } } });
    expect((await lost(signed('charge.dispute.created', dispute('dp_l', 'pi_plan_l', 'needs_response')))).outcome).toBe('duplicate');
    await world.quiesce('acct-l');
    expect(await world.rpc(PurchaseRpc.planSubscription, { accountId: 'acct-l' })).toMatchObject({ status: 'cancelled' });
  }, 60_000);

  it('given a plan paid through Stripe, when upgraded mid-period, then Stripe is asked to prorate, the pro rata grant is exact, and the upgrade has its receipt', async () => {
    const world = await started();
    if (!world) return;
    await subscribed(world, 'acct-u', 'plan-u', 'pi_plan_u');
    // 3 March to 3 April: 31 days; 21 left -> 4,000 points x 21/31 = 2,709.677 points, $70 x 21/31 = $47.41.
    const at = NOW + 10 * 86_400_000;
    world.clock.set(at);
    expect(await world.rpc(PurchaseRpc.changePlan, { accountId: 'acct-u', planId: 'creator' })).toMatchObject({ planId: 'creator', paidThrough: addCalendarMonths(NOW, 1) });
    await world.quiesce('acct-u');
    expect(world.sentToWallet.filter((c) => c.type === 'GrantCredits').map((c) => [c.data['grantId'], c.data['millicredits']])).toEqual([
      [`plan:acct-u:${NOW}`, 1_000_000],
      [`plan-upgrade:acct-u:${at}`, 2_709_677],
    ]);
    const { receipts } = await world.rpc(PurchaseRpc.receipts, { accountId: 'acct-u' });
    expect(receipts.map((r) => [r.kind, r.amountCents, r.creditsMillicredits])).toEqual([
      ['upgrade', 4_741, 2_709_677],
      ['order', 2_900, 1_000_000],
    ]);
    // stripe-mock answers the update with its fixture invoice: the upgrade's invoice is Stripe's.
    const upgraded = (await world.purchaseStore.readStream('subscription-acct-u')).find((e) => e.type === 'PlanUpgraded');
    expect(upgraded?.data).toMatchObject({ invoiceId: expect.stringMatching(/^in_/) });
  }, 60_000);
});
