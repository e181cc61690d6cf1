import Stripe from 'stripe';
import { PurchaseRpc } from '@billing/contracts';
import { STRIPE_SIGNATURE_HEADER } from '@billing/payment-provider';
import { addCalendarMonths } from '@billing/purchase-domain';
import { eventually } from '@billing/util/testing';
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

/** Stripe bills from its own subscription start, a few seconds before the checkout's confirmation: the second period, in seconds. */
const RENEWAL = { start: seconds(addCalendarMonths(NOW - 4_000, 1)), end: seconds(addCalendarMonths(NOW - 4_000, 2)) };
const renewal = (id: string, accountId: string, orderId: string) => ({
  id,
  object: 'invoice',
  billing_reason: 'subscription_cycle',
  amount_paid: 2_900,
  amount_due: 2_900,
  currency: 'usd',
  attempt_count: 1,
  next_payment_attempt: null,
  lines: { object: 'list', data: [{ id: `il_${id}`, period: RENEWAL }] },
  parent: { type: 'subscription_details', subscription_details: { subscription: `sub_${orderId}`, metadata: { orderId, accountId } } },
});
/** The purchase service said it cancelled this subscription at Stripe (stripe-mock answered). */
const cancelledAtStripe = (world: PurchaseWorld, subscriptionId: string) =>
  eventually(() => world.logs.some((line) => line['message'] === 'subscription cancelled at the payment provider' && line['providerSubscriptionId'] === subscriptionId), `${subscriptionId} cancelled at Stripe`);
const lastEvent = async (world: PurchaseWorld, stream: string) => (await world.purchaseStore.readStream(stream)).at(-1);

/** What the workflow sent the wallet for an account, besides its grants. */
const walletCommands = (world: PurchaseWorld, accountId: string) =>
  world.sentToWallet.filter((c) => c.accountId === accountId && c.type !== 'GrantCredits').map((c) => [c.type, c.data]);

describe('plans (Stripe subscriptions) refunded and disputed like packs (stripe-mock, signed webhooks)', () => {
  const suite = stripeSuite('purchase-stripe-plans-');

  /** The test's world against stripe-mock, or null when stripe-mock cannot run. */
  async function started(): Promise<PurchaseWorld | null> {
    const mock = runningStripeMock(suite);
    if (!mock) return null;
    suite.world = await startPurchaseWorld(suite.dir, { environment: 'production', priceBookId: 'points', payments: stripeMockPayments(mock, SECRET) }, NOW);
    return suite.world;
  }

  /**
   * A plan checked out and paid: the first invoice confirms the order; its PaymentIntent,
   * reported before the checkout's confirmation (`linkFirst`) or after, is linked to the order once.
   */
  async function subscribed(world: PurchaseWorld, accountId: string, orderId: string, intent: string, linkFirst = false) {
    const webhook = (body: ReturnType<typeof signed>) => world.rpc(PurchaseRpc.paymentWebhook, body);
    const placed = await world.rpc(PurchaseRpc.placeOrder, { accountId, orderId, item: { kind: 'plan', planId: 'explorer' } });
    const session = { id: placed.providerReference, object: 'checkout.session', mode: 'subscription', client_reference_id: orderId, metadata: { orderId, accountId }, amount_total: 2_900, currency: 'usd', payment_status: 'paid', payment_intent: null, subscription: `sub_${orderId}`, invoice: `in_${orderId}`, total_details: { amount_tax: 0 } };
    const link = signed('invoice_payment.paid', invoicePaid(`in_${orderId}`, intent));
    await expect(webhook(forged(link))).rejects.toMatchObject({ problem: { status: 400 } });
    // Before the checkout's confirmation, the link is kept for the order to come; delivered again, it changes nothing.
    if (linkFirst) expect((await webhook(link)).outcome).toBe('applied');
    if (linkFirst) expect((await webhook(signed('invoice_payment.paid', invoicePaid(`in_${orderId}`, intent), NOW, `evt_again_${orderId}`))).outcome).toBe('duplicate');
    expect(await webhook(signed('checkout.session.completed', session))).toMatchObject({ outcome: 'applied', order: { paymentId: `in_${orderId}`, linkedPaymentId: linkFirst ? intent : null } });
    expect(await webhook(link)).toMatchObject({ outcome: linkFirst ? 'duplicate' : 'applied', order: { paymentId: `in_${orderId}`, linkedPaymentId: intent } });
    expect((await webhook(link)).outcome).toBe('duplicate');
    await world.quiesce(accountId);
    return webhook;
  }

  it('given a plan paid through Stripe, when finance refunds it, then its first period’s unspent credits are revoked, the plan ends here and at Stripe, and Stripe’s charge.refunded for it changes nothing', async () => {
    const world = await started();
    if (!world) return;
    const webhook = await subscribed(world, 'acct-r', 'plan-r', 'pi_plan_r', true);

    // The money follows the credits the wallet takes back (settled per revocation: the platform e2e follows it there).
    const refunded = await world.rpc(PurchaseRpc.refundOrder, { orderId: 'plan-r', reason: 'goodwill' });
    expect(refunded).toMatchObject({ status: 'refund_requested', refundedCents: 0 });
    const charge = { id: 'ch_r', object: 'charge', payment_intent: 'pi_plan_r', amount_refunded: 2_900 };
    expect((await webhook(signed('charge.refunded', charge))).outcome).toBe('duplicate');
    expect((await world.rpc(PurchaseRpc.refundOrder, { orderId: 'plan-r', reason: 'again' })).status).toBe('refund_requested');
    await world.quiesce('acct-r');
    expect(walletCommands(world, 'acct-r')).toEqual([['RevokePurchasedCredits', { purchaseId: 'plan-r', grantId: `plan:acct-r:${NOW}`, reason: 'refund (finance): goodwill' }]]);
    expect(await world.rpc(PurchaseRpc.planSubscription, { accountId: 'acct-r' })).toMatchObject({ status: 'cancelled' });
    expect(await lastEvent(world, 'subscription-acct-r')).toMatchObject({ type: 'SubscriptionCancelled', data: { reason: 'refund (finance): goodwill', cause: 'refund' } });
    await cancelledAtStripe(world, 'sub_plan-r');
  }, 60_000);

  it('given a plan whose first PaymentIntent Stripe has not reported yet, when finance refunds it, then it is refused (502) and nothing is recorded', async () => {
    const world = await started();
    if (!world) return;
    const placed = await world.rpc(PurchaseRpc.placeOrder, { accountId: 'acct-e', orderId: 'plan-e', item: { kind: 'plan', planId: 'explorer' } });
    const session = { id: placed.providerReference, object: 'checkout.session', mode: 'subscription', client_reference_id: 'plan-e', metadata: { orderId: 'plan-e', accountId: 'acct-e' }, amount_total: 2_900, currency: 'usd', payment_status: 'paid', payment_intent: null, subscription: 'sub_plan-e', invoice: 'in_plan-e' };
    expect((await world.rpc(PurchaseRpc.paymentWebhook, signed('checkout.session.completed', session))).outcome).toBe('applied');
    await expect(world.rpc(PurchaseRpc.refundOrder, { orderId: 'plan-e', reason: 'early' })).rejects.toMatchObject({ problem: { status: 502, code: 'payment_not_linked' } });
    expect((await world.rpc(PurchaseRpc.getOrder, { orderId: 'plan-e' })).status).toBe('paid');
  }, 60_000);

  it('given a plan refunded in Stripe’s dashboard, then its refund is requested with what Stripe returned and the plan ends, once; a refund for a payment no order knows is ignored', async () => {
    const world = await started();
    if (!world) return;
    const webhook = await subscribed(world, 'acct-d', 'plan-d', 'pi_plan_d');
    const charge = signed('charge.refunded', { id: 'ch_d', object: 'charge', payment_intent: 'pi_plan_d', amount_refunded: 1_000 });
    await expect(webhook(forged(charge))).rejects.toMatchObject({ problem: { status: 400 } });
    expect(await webhook(charge)).toMatchObject({ outcome: 'applied', order: { status: 'refund_requested', refund: { initiatedBy: 'provider', providerRefundedCents: 1_000 } } });
    expect((await webhook(charge)).outcome).toBe('duplicate');
    expect((await webhook(signed('charge.refunded', { id: 'ch_x', object: 'charge', payment_intent: 'pi_unknown', amount_refunded: 10 }))).outcome).toBe('ignored');
    await world.quiesce('acct-d');
    expect(await world.rpc(PurchaseRpc.planSubscription, { accountId: 'acct-d' })).toMatchObject({ status: 'cancelled' });
    expect(walletCommands(world, 'acct-d')).toEqual([['RevokePurchasedCredits', { purchaseId: 'plan-d', grantId: `plan:acct-d:${NOW}`, reason: 'refund (provider): refunded at the payment provider' }]]);
  }, 60_000);

  it('given a plan’s payment disputed, then the dispute is recorded once; won, the plan goes on; lost (even delivered before its opening), the disputed amount is refunded and the plan ends, here and at Stripe (a chargeback)', async () => {
    const world = await started();
    if (!world) return;
    const won = await subscribed(world, 'acct-w', 'plan-w', 'pi_plan_w');
    const opened = signed('charge.dispute.created', dispute('dp_w', 'pi_plan_w', 'needs_response'));
    expect(await won(opened)).toMatchObject({ outcome: 'applied', order: { dispute: { disputeId: 'dp_w', status: 'open' } } });
    expect((await won(opened)).outcome).toBe('duplicate');
    expect(await won(signed('charge.dispute.closed', dispute('dp_w', 'pi_plan_w', 'won')))).toMatchObject({ outcome: 'applied', order: { status: 'paid', dispute: { status: 'won' } } });
    await world.quiesce('acct-w');
    expect(await world.rpc(PurchaseRpc.planSubscription, { accountId: 'acct-w' })).toMatchObject({ status: 'active' });
    // The first period's grant, paid by the order, was frozen, then released.
    const firstPeriod = (accountId: string, orderId: string) => ({ purchaseId: orderId, grantId: `plan:${accountId}:${NOW}` });
    expect(walletCommands(world, 'acct-w')).toEqual([
      ['FreezePurchasedCredits', { ...firstPeriod('acct-w', 'plan-w'), reason: 'dispute dp_w opened' }],
      ['UnfreezePurchasedCredits', { ...firstPeriod('acct-w', 'plan-w'), reason: 'dispute dp_w won' }],
    ]);

    const lost = await subscribed(world, 'acct-l', 'plan-l', 'pi_plan_l', true);
    const closed = signed('charge.dispute.closed', dispute('dp_l', 'pi_plan_l', 'lost'));
    await expect(lost(forged(closed))).rejects.toMatchObject({ problem: { status: 400 } });
    expect(await lost(closed)).toMatchObject({ outcome: 'applied', order: { status: 'refund_requested', refund: { providerRefundedCents: 2_900 }, dispute: { status: 'lost' } } });
    expect((await lost(signed('charge.dispute.created', dispute('dp_l', 'pi_plan_l', 'needs_response')))).outcome).toBe('duplicate');
    await world.quiesce('acct-l');
    expect(await world.rpc(PurchaseRpc.planSubscription, { accountId: 'acct-l' })).toMatchObject({ status: 'cancelled' });
    expect(walletCommands(world, 'acct-l')).toEqual([['RevokePurchasedCredits', { ...firstPeriod('acct-l', 'plan-l'), reason: 'refund (provider): dispute dp_l lost' }]]);
    expect(await lastEvent(world, 'subscription-acct-l')).toMatchObject({ type: 'SubscriptionCancelled', data: { reason: 'chargeback: dispute dp_l lost', cause: 'chargeback' } });
    await cancelledAtStripe(world, 'sub_plan-l');
    // The won dispute's plan goes on at Stripe.
    expect(world.logs.some((line) => line['providerSubscriptionId'] === 'sub_plan-w')).toBe(false);
  }, 60_000);

  it('given a renewal whose PaymentIntent Stripe reported before its invoice (twice), when its payment is disputed and lost, then its period’s grant is frozen, then revoked, and the plan ends, once', async () => {
    const world = await started();
    if (!world) return;
    const webhook = await subscribed(world, 'acct-n', 'plan-n', 'pi_plan_n');
    const link = signed('invoice_payment.paid', invoicePaid('in_n1', 'pi_n1'));
    expect((await webhook(link)).outcome).toBe('applied');
    expect((await webhook(link)).outcome).toBe('duplicate');
    expect((await webhook(signed('invoice.paid', renewal('in_n1', 'acct-n', 'plan-n')))).outcome).toBe('applied');
    const opened = signed('charge.dispute.created', dispute('dp_n', 'pi_n1', 'needs_response'));
    expect(await webhook(opened)).toMatchObject({ outcome: 'applied', accountId: 'acct-n' });
    expect((await webhook(opened)).outcome).toBe('duplicate');
    await world.quiesce('acct-n');
    const period = { purchaseId: 'in_n1', grantId: `plan:acct-n:${RENEWAL.start * 1000}` };
    expect(walletCommands(world, 'acct-n')).toEqual([['FreezePurchasedCredits', { ...period, reason: 'dispute dp_n opened' }]]);

    expect((await webhook(signed('charge.dispute.closed', dispute('dp_n', 'pi_n1', 'lost')))).outcome).toBe('applied');
    expect((await webhook(signed('charge.dispute.closed', dispute('dp_n', 'pi_n1', 'lost')))).outcome).toBe('duplicate');
    await world.quiesce('acct-n');
    expect(walletCommands(world, 'acct-n').at(-1)).toEqual(['RevokePurchasedCredits', { ...period, reason: 'refund (provider): dispute dp_n lost' }]);
    expect(await world.rpc(PurchaseRpc.planSubscription, { accountId: 'acct-n' })).toMatchObject({ status: 'cancelled' });
    const events = (await world.purchaseStore.readStream('subscription-acct-n')).map((e) => e.type);
    expect(events.slice(-4)).toEqual(['RenewalDisputed', 'RenewalDisputeClosed', 'RenewalRefundRequested', 'SubscriptionCancelled']);
    expect(await lastEvent(world, 'subscription-acct-n')).toMatchObject({ data: { reason: 'chargeback: dispute dp_n lost', cause: 'chargeback' } });
    await cancelledAtStripe(world, 'sub_plan-n');
  }, 60_000);

  it('given a renewal linked after its invoice, when Stripe refunds it (reported twice), then its period’s unspent credits are revoked once and the plan goes on', async () => {
    const world = await started();
    if (!world) return;
    const webhook = await subscribed(world, 'acct-m', 'plan-m', 'pi_plan_m');
    expect((await webhook(signed('invoice.paid', renewal('in_m1', 'acct-m', 'plan-m')))).outcome).toBe('applied');
    expect((await webhook(signed('invoice_payment.paid', invoicePaid('in_m1', 'pi_m1')))).outcome).toBe('applied');
    const refunded = signed('charge.refunded', { id: 'ch_m1', object: 'charge', payment_intent: 'pi_m1', amount_refunded: 1_000 });
    expect(await webhook(refunded)).toMatchObject({ outcome: 'applied', accountId: 'acct-m' });
    expect((await webhook(refunded)).outcome).toBe('duplicate');
    await world.quiesce('acct-m');
    const period = { purchaseId: 'in_m1', grantId: `plan:acct-m:${RENEWAL.start * 1000}` };
    expect(walletCommands(world, 'acct-m')).toEqual([['RevokePurchasedCredits', { ...period, reason: 'refund (provider): refunded at the payment provider' }]]);
    // A refunded renewal is not a chargeback: the plan goes on.
    expect(await world.rpc(PurchaseRpc.planSubscription, { accountId: 'acct-m' })).toMatchObject({ status: 'active' });
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
