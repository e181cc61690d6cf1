import Stripe from 'stripe';
import { PaymentWebhookError } from '../payment-errors';
import { STRIPE_SIGNATURE_HEADER, StripePaymentProvider } from './stripe-payment-provider';

const webhookSecret = 'whsec_test_secret';
const now = Date.UTC(2026, 4, 20, 8, 0, 0);
const stripe = new StripePaymentProvider({
  secretKey: 'sk_test_123',
  webhookSecret,
  successUrl: 'http://localhost/success',
  cancelUrl: 'http://localhost/cancel',
});
const signer = new Stripe('sk_test_123');

const session = (fields: Record<string, unknown> = {}) => ({
  id: 'cs_test_1',
  object: 'checkout.session',
  client_reference_id: 'order-1',
  metadata: { orderId: 'order-1', accountId: 'acct-1' },
  amount_total: 4_900,
  currency: 'eur',
  payment_status: 'paid',
  payment_intent: 'pi_123',
  ...fields,
});
const event = (type: string, object: object) => JSON.stringify({ id: 'evt_1', object: 'event', type, data: { object } });
const signed = (payload: string, options: { secret?: string; at?: number } = {}) => ({
  [STRIPE_SIGNATURE_HEADER]: signer.webhooks.generateTestHeaderString({
    payload,
    secret: options.secret ?? webhookSecret,
    timestamp: Math.floor((options.at ?? now) / 1000),
  }),
});

function refusal(run: () => unknown): PaymentWebhookError {
  try {
    run();
  } catch (error) {
    if (error instanceof PaymentWebhookError) return error;
    throw error;
  }
  throw new Error('expected the webhook to be refused');
}

describe('StripePaymentProvider webhooks', () => {
  it('maps a paid checkout.session.completed to payment_confirmed, with the currency upper-cased', () => {
    const payload = event('checkout.session.completed', session());
    expect(stripe.parseWebhook(payload, signed(payload), now)).toEqual({
      kind: 'payment_confirmed',
      orderId: 'order-1',
      paymentId: 'pi_123',
      amountCents: 4_900,
      currency: 'EUR',
    });
  });

  it('confirms a delayed payment on async_payment_succeeded, and ignores the unpaid completion before it', () => {
    const unpaid = event('checkout.session.completed', session({ payment_status: 'unpaid' }));
    expect(stripe.parseWebhook(unpaid, signed(unpaid), now)).toEqual({ kind: 'ignored', type: 'checkout.session.completed' });
    const settled = event('checkout.session.async_payment_succeeded', session({ payment_intent: { id: 'pi_456' } }));
    expect(stripe.parseWebhook(settled, signed(settled), now)).toMatchObject({ kind: 'payment_confirmed', paymentId: 'pi_456' });
  });

  it('takes the order from client_reference_id when metadata lacks it', () => {
    const payload = event('checkout.session.completed', session({ metadata: {}, client_reference_id: 'order-2' }));
    expect(stripe.parseWebhook(payload, signed(payload), now)).toMatchObject({ orderId: 'order-2' });
  });

  it.each([
    ['checkout.session.async_payment_failed', 'async_payment_failed'],
    ['checkout.session.expired', 'checkout_expired'],
  ])('maps %s to payment_failed', (type, reason) => {
    const payload = event(type, session({ payment_status: 'unpaid' }));
    expect(stripe.parseWebhook(payload, signed(payload), now)).toEqual({ kind: 'payment_failed', orderId: 'order-1', reason });
  });

  it('ignores other event types', () => {
    const payload = event('charge.captured', { id: 'ch_1', object: 'charge' });
    expect(stripe.parseWebhook(payload, signed(payload), now)).toEqual({ kind: 'ignored', type: 'charge.captured' });
  });

  it('reads a refunded charge as money returned for its PaymentIntent, and refuses one without an amount', () => {
    const payload = event('charge.refunded', { id: 'ch_1', object: 'charge', payment_intent: 'pi_1', amount_refunded: 6_660 });
    expect(stripe.parseWebhook(payload, signed(payload), now)).toEqual({ kind: 'payment_refunded', paymentId: 'pi_1', refundedCents: 6_660 });
    const bad = event('charge.refunded', { id: 'ch_1', object: 'charge' });
    expect(() => stripe.parseWebhook(bad, signed(bad), now)).toThrow(/amount_refunded/);
  });

  it('reads a dispute opening and its close (lost, or won; an inquiry closed without a chargeback counts as won)', () => {
    const dispute = (status: string) => ({ id: 'dp_1', object: 'dispute', payment_intent: 'pi_1', amount: 7_200, currency: 'usd', status });
    const opened = event('charge.dispute.created', dispute('needs_response'));
    expect(stripe.parseWebhook(opened, signed(opened), now)).toEqual({ kind: 'dispute_opened', paymentId: 'pi_1', disputeId: 'dp_1', amountCents: 7_200 });
    for (const [status, outcome] of [['lost', 'lost'], ['won', 'won'], ['warning_closed', 'won']]) {
      const closed = event('charge.dispute.closed', dispute(status as string));
      expect(stripe.parseWebhook(closed, signed(closed), now)).toEqual({ kind: 'dispute_closed', paymentId: 'pi_1', disputeId: 'dp_1', outcome, amountCents: 7_200 });
    }
  });

  it('reads a paid renewal invoice with its period and account, and ignores the first invoice (the checkout paid it)', () => {
    const invoice = (billing_reason: string) => ({
      id: 'in_2',
      object: 'invoice',
      billing_reason,
      amount_paid: 9_900,
      amount_due: 9_900,
      currency: 'usd',
      lines: { data: [{ period: { start: 1_772_000_000, end: 1_774_600_000 } }] },
      parent: { subscription_details: { metadata: { accountId: 'acct-1' } } },
    });
    const renewal = event('invoice.paid', invoice('subscription_cycle'));
    expect(stripe.parseWebhook(renewal, signed(renewal), now)).toEqual({
      kind: 'renewal_paid',
      accountId: 'acct-1',
      invoiceId: 'in_2',
      periodStart: 1_772_000_000_000,
      periodEnd: 1_774_600_000_000,
      amountCents: 9_900,
      currency: 'USD',
    });
    const first = event('invoice.paid', invoice('subscription_create'));
    expect(stripe.parseWebhook(first, signed(first), now)).toEqual({ kind: 'ignored', type: 'invoice.paid' });
  });

  it('accepts the body as bytes', () => {
    const payload = event('checkout.session.completed', session());
    expect(stripe.parseWebhook(Buffer.from(payload), signed(payload), now)).toMatchObject({ kind: 'payment_confirmed' });
  });

  it('refuses a tampered body', () => {
    const payload = event('checkout.session.completed', session());
    const tampered = payload.replace('4900', '490000');
    expect(refusal(() => stripe.parseWebhook(tampered, signed(payload), now)).reason).toBe('bad_signature');
  });

  it('refuses a body signed with another secret', () => {
    const payload = event('checkout.session.completed', session());
    expect(refusal(() => stripe.parseWebhook(payload, signed(payload, { secret: 'whsec_other' }), now)).reason).toBe('bad_signature');
  });

  it('refuses a signature older than the tolerance', () => {
    const payload = event('checkout.session.completed', session());
    const headers = signed(payload, { at: now - 301_000 });
    expect(refusal(() => stripe.parseWebhook(payload, headers, now)).reason).toBe('stale_timestamp');
    expect(stripe.parseWebhook(payload, signed(payload, { at: now - 299_000 }), now)).toMatchObject({ kind: 'payment_confirmed' });
  });

  it('refuses a missing or malformed signature header', () => {
    const payload = event('checkout.session.completed', session());
    expect(refusal(() => stripe.parseWebhook(payload, {}, now)).reason).toBe('missing_signature');
    expect(refusal(() => stripe.parseWebhook(payload, { [STRIPE_SIGNATURE_HEADER]: 'nonsense' }, now)).reason).toBe('malformed_signature');
  });

  it.each([
    ['not JSON', 'checkout.session.completed'],
    ['a paid session without an amount', event('checkout.session.completed', session({ amount_total: null }))],
    ['a session naming no order', event('checkout.session.completed', session({ metadata: null, client_reference_id: null }))],
    ['a fractional amount', event('checkout.session.completed', session({ amount_total: 49.5 }))],
    ['an unknown payment status', event('checkout.session.completed', session({ payment_status: 'maybe' }))],
  ])('refuses a correctly signed but invalid body: %s', (_case, payload) => {
    expect(refusal(() => stripe.parseWebhook(payload, signed(payload), now)).reason).toBe('invalid_body');
  });
});
