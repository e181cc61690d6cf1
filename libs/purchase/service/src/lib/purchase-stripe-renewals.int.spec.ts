import Stripe from 'stripe';
import { STRIPE_SIGNATURE_HEADER } from '@billing/payment-provider';
import { addCalendarMonths } from '@billing/purchase-domain';
import { startPurchaseWorld } from '../testing/purchase-world';
import { runningStripeMock, stripeMockPayments, stripeSuite } from '../testing/stripe-world';
import { PurchaseRpc } from '@billing/contracts';

const NOW = Date.UTC(2026, 2, 3, 12, 0);
const SECRET = 'whsec_stripe_renewals';
const signer = new Stripe('sk_test_123');
const seconds = (millis: number) => Math.floor(millis / 1000);
/** Stripe bills from its own subscription start, a few seconds before the checkout's confirmation reached us. */
const stripeStart = NOW - 4_000;
const stripePeriod = (index: number) => ({ start: seconds(addCalendarMonths(stripeStart, index)), end: seconds(addCalendarMonths(stripeStart, index + 1)) });

/** A Stripe event signed as Stripe signs it, at `at`. */
function signed(type: string, object: Record<string, unknown>, at: number, id = `evt_${type}_${String(object['id'])}_${at}`) {
  const payload = JSON.stringify({ id, object: 'event', type, data: { object } });
  const header = signer.webhooks.generateTestHeaderString({ payload, secret: SECRET, timestamp: seconds(at) });
  return { provider: 'stripe' as const, rawBody: Buffer.from(payload).toString('base64'), headers: { [STRIPE_SIGNATURE_HEADER]: header } };
}

const invoice = (index: number, extra: Record<string, unknown> = {}) => ({
  id: `in_${index}`,
  object: 'invoice',
  billing_reason: index === 0 ? 'subscription_create' : 'subscription_cycle',
  amount_paid: 2_900,
  amount_due: 2_900,
  currency: 'usd',
  attempt_count: 1,
  next_payment_attempt: null,
  lines: { object: 'list', data: [{ id: `il_${index}`, period: stripePeriod(index) }] },
  parent: { type: 'subscription_details', subscription_details: { subscription: 'sub_1', metadata: { orderId: 'plan-s', accountId: 'acct-s' } } },
  ...extra,
});

describe('plans billed per period by Stripe (stripe-mock, signed webhooks)', () => {
  const suite = stripeSuite('purchase-stripe-renewals-');

  it('given a plan checked out as a Stripe subscription, then only paid invoices grant periods, once each, in whatever order and number they arrive', async () => {
    const mock = runningStripeMock(suite);
    if (!mock) return;
    const live = await startPurchaseWorld(suite.dir, { environment: 'production', priceBookId: 'points', payments: stripeMockPayments(mock, SECRET) }, NOW);
    suite.world = live;
    const webhook = (body: ReturnType<typeof signed>) => live.rpc(PurchaseRpc.paymentWebhook, body);
    const grants = () => live.sentToWallet.filter((c) => c.type === 'GrantCredits').map((c) => [c.data['grantId'], c.data['expiresAt']]);
    const tick = async (at: number) => {
      live.clock.set(at);
      await live.purchase.runJob('grant-plan-periods');
      await live.quiesce('acct-s');
    };

    const placed = await live.rpc(PurchaseRpc.placeOrder, { accountId: 'acct-s', orderId: 'plan-s', item: { kind: 'plan', planId: 'explorer' } });
    expect(placed.providerReference).toMatch(/^cs_/);
    const session = { id: placed.providerReference, object: 'checkout.session', mode: 'subscription', client_reference_id: 'plan-s', metadata: { orderId: 'plan-s', accountId: 'acct-s' }, amount_total: 2_900, currency: 'usd', payment_status: 'paid', payment_intent: null, subscription: 'sub_1', invoice: 'in_0' };
    // The first invoice, before or after the checkout's completion, is the checkout's payment: the checkout confirms it.
    expect((await webhook(signed('invoice.paid', invoice(0), NOW))).outcome).toBe('ignored');
    // A renewal for an account with no plan yet is refused, so Stripe delivers it again later.
    await expect(webhook(signed('invoice.paid', invoice(1), NOW))).rejects.toMatchObject({ problem: { status: 404 } });
    expect(await webhook(signed('checkout.session.completed', session, NOW))).toMatchObject({ outcome: 'applied', order: { status: 'paid', paymentId: 'in_0' } });
    expect((await webhook(signed('invoice.paid', invoice(0), NOW))).outcome).toBe('ignored');
    await live.quiesce('acct-s');
    expect(grants()).toEqual([[`plan:acct-s:${NOW}`, addCalendarMonths(NOW, 1)]]);

    // A month passes: the platform grants nothing on its own; Stripe's paid invoice does, once.
    const renewalAt = addCalendarMonths(stripeStart, 1);
    await tick(renewalAt + 60_000);
    expect(grants()).toHaveLength(1);
    const paid1 = signed('invoice.paid', invoice(1), renewalAt);
    expect((await webhook(paid1)).outcome).toBe('applied');
    expect((await webhook(paid1)).outcome).toBe('duplicate');
    // A failure of that invoice delivered late changes nothing.
    expect((await webhook(signed('invoice.payment_failed', invoice(1, { amount_paid: 0, next_payment_attempt: seconds(renewalAt) + 86_400 }), renewalAt))).outcome).toBe('duplicate');
    await live.quiesce('acct-s');
    expect(grants()).toEqual([
      [`plan:acct-s:${NOW}`, addCalendarMonths(NOW, 1)],
      [`plan:acct-s:${stripePeriod(1).start * 1000}`, stripePeriod(1).end * 1000],
    ]);

    // The second renewal is declined, retried, then paid.
    const secondAt = addCalendarMonths(stripeStart, 2);
    live.clock.set(secondAt);
    expect((await webhook(signed('invoice.payment_failed', invoice(2, { amount_paid: 0, next_payment_attempt: seconds(secondAt) + 86_400 }), secondAt))).outcome).toBe('applied');
    expect(await live.rpc(PurchaseRpc.planSubscription, { accountId: 'acct-s' })).toMatchObject({ status: 'past_due' });
    await live.quiesce('acct-s');
    expect(grants()).toHaveLength(2);
    expect((await webhook(signed('invoice.paid', invoice(2, { attempt_count: 2 }), secondAt + 86_400_000))).outcome).toBe('applied');
    expect(await live.rpc(PurchaseRpc.planSubscription, { accountId: 'acct-s' })).toMatchObject({ status: 'active', paidThrough: stripePeriod(2).end * 1000 });

    // A forged notification is refused and changes nothing.
    const forged = signed('invoice.paid', invoice(3), secondAt);
    await expect(webhook({ ...forged, headers: { [STRIPE_SIGNATURE_HEADER]: forged.headers[STRIPE_SIGNATURE_HEADER].replace(/v1=(.)/, (_all, c: string) => `v1=${c === '0' ? '1' : '0'}`) } })).rejects.toMatchObject({
      problem: { type: 'validation', status: 400 },
    });

    // Cancel at period end goes to Stripe (stripe-mock answers the update); Stripe then ends the subscription.
    expect(await live.rpc(PurchaseRpc.cancelPlanAtPeriodEnd, { accountId: 'acct-s' })).toMatchObject({ endsAt: stripePeriod(2).end * 1000 });
    const ended = { id: 'sub_1', object: 'subscription', status: 'canceled', metadata: { orderId: 'plan-s', accountId: 'acct-s' }, cancellation_details: { reason: 'cancellation_requested' } };
    expect((await webhook(signed('customer.subscription.deleted', ended, stripePeriod(2).end * 1000))).outcome).toBe('applied');
    expect((await webhook(signed('customer.subscription.deleted', ended, stripePeriod(2).end * 1000))).outcome).toBe('duplicate');
    await live.quiesce('acct-s');
    expect(grants().map(([grantId]) => grantId)).toEqual([`plan:acct-s:${NOW}`, `plan:acct-s:${stripePeriod(1).start * 1000}`, `plan:acct-s:${stripePeriod(2).start * 1000}`]);
    expect(await live.rpc(PurchaseRpc.planSubscription, { accountId: 'acct-s' })).toMatchObject({ status: 'cancelled' });
  }, 60_000);
});
