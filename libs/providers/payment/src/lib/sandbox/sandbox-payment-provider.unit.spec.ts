import { PaymentProviderError, PaymentWebhookError } from '../payment-errors';
import type { CheckoutRequest } from '../payment-provider';
import { SandboxPaymentProvider } from './sandbox-payment-provider';
import { SANDBOX_SIGNATURE_HEADER, signSandboxPayload } from './sandbox-signature';

const now = Date.UTC(2026, 2, 1, 9, 30, 0);
const options = { environment: 'development', checkoutBaseUrl: 'http://localhost:3000/v1/sandbox/checkout/', webhookSecret: 'sandbox-secret' };
const order: CheckoutRequest = {
  orderId: 'order-7',
  accountId: 'acct-1',
  description: 'Creator pack: 1,000 credits',
  amountCents: 1_999,
  currency: 'USD',
};

function refusal(run: () => unknown): PaymentWebhookError {
  try {
    run();
  } catch (error) {
    if (error instanceof PaymentWebhookError) return error;
    throw error;
  }
  throw new Error('expected the notification to be refused');
}

describe('SandboxPaymentProvider', () => {
  it.each(['production', 'Production', ' production '])('refuses to start when the environment is %j', (environment) => {
    expect(() => new SandboxPaymentProvider({ ...options, environment })).toThrow(/refuses to start in production/);
  });

  it('returns a local checkout URL for the order', async () => {
    const sandbox = new SandboxPaymentProvider(options);
    await expect(sandbox.createCheckout(order)).resolves.toEqual({
      providerReference: 'sandbox_cs_order-7',
      checkoutUrl: 'http://localhost:3000/v1/sandbox/checkout/order-7',
    });
  });

  it('refuses a checkout with a lower-case currency or a non-integer amount', async () => {
    const sandbox = new SandboxPaymentProvider(options);
    await expect(sandbox.createCheckout({ ...order, currency: 'usd' })).rejects.toMatchObject({ code: 'invalid_checkout' });
    await expect(sandbox.createCheckout({ ...order, amountCents: 19.99 })).rejects.toMatchObject({ code: 'invalid_checkout' });
  });

  it('given a checkout, confirm produces a signed notification that parseWebhook accepts', async () => {
    const sandbox = new SandboxPaymentProvider(options);
    await sandbox.createCheckout(order);

    const { rawBody, headers } = sandbox.confirm('order-7', now);

    expect(sandbox.parseWebhook(rawBody, headers, now + 5_000)).toEqual({
      kind: 'payment_confirmed',
      orderId: 'order-7',
      paymentId: 'sandbox_pay_order-7',
      amountCents: 1_999,
      currency: 'USD',
    });
    expect(sandbox.parseWebhook(Buffer.from(rawBody), headers, now)).toMatchObject({ kind: 'payment_confirmed' });
  });

  it('given a checkout, fail produces a payment_failed notification', async () => {
    const sandbox = new SandboxPaymentProvider(options);
    await sandbox.createCheckout(order);
    const { rawBody, headers } = sandbox.fail('order-7', now, 'insufficient_funds');
    expect(sandbox.parseWebhook(rawBody, headers, now)).toEqual({ kind: 'payment_failed', orderId: 'order-7', reason: 'insufficient_funds' });
  });

  it('refuses to confirm an order it never checked out', () => {
    const sandbox = new SandboxPaymentProvider(options);
    expect(() => sandbox.confirm('order-unknown', now)).toThrow(PaymentProviderError);
  });

  it('refuses a tampered body', async () => {
    const sandbox = new SandboxPaymentProvider(options);
    await sandbox.createCheckout(order);
    const { rawBody, headers } = sandbox.confirm('order-7', now);
    const tampered = rawBody.replace('1999', '199900');
    expect(refusal(() => sandbox.parseWebhook(tampered, headers, now)).reason).toBe('bad_signature');
  });

  it('refuses a notification signed by another sandbox, a replayed one, and one without a signature', async () => {
    const sandbox = new SandboxPaymentProvider(options);
    const other = new SandboxPaymentProvider({ ...options, webhookSecret: 'other-secret' });
    await other.createCheckout(order);
    const foreign = other.confirm('order-7', now);
    expect(refusal(() => sandbox.parseWebhook(foreign.rawBody, foreign.headers, now)).reason).toBe('bad_signature');

    await sandbox.createCheckout(order);
    const old = sandbox.confirm('order-7', now);
    expect(refusal(() => sandbox.parseWebhook(old.rawBody, old.headers, now + 301_000)).reason).toBe('stale_timestamp');
    expect(refusal(() => sandbox.parseWebhook(old.rawBody, {}, now)).reason).toBe('missing_signature');
    expect(refusal(() => sandbox.parseWebhook(old.rawBody, { [SANDBOX_SIGNATURE_HEADER]: 'v1=abc' }, now)).reason).toBe('malformed_signature');
  });

  it.each([
    ['not JSON', 'payment_confirmed'],
    ['a confirmation without an amount', JSON.stringify({ id: 'evt_1', type: 'payment_confirmed', data: { orderId: 'o', paymentId: 'p', currency: 'USD' } })],
    ['a lower-case currency', JSON.stringify({ id: 'evt_1', type: 'payment_confirmed', data: { orderId: 'o', paymentId: 'p', amountCents: 5, currency: 'usd' } })],
    ['no data', JSON.stringify({ id: 'evt_1', type: 'payment_failed' })],
  ])('refuses a correctly signed but invalid body: %s', (_case, rawBody) => {
    const sandbox = new SandboxPaymentProvider(options);
    const headers = { [SANDBOX_SIGNATURE_HEADER]: signSandboxPayload(rawBody, options.webhookSecret, now) };
    expect(refusal(() => sandbox.parseWebhook(rawBody, headers, now)).reason).toBe('invalid_body');
  });

  it('ignores a signed event of a type it does not handle', () => {
    const sandbox = new SandboxPaymentProvider(options);
    const rawBody = JSON.stringify({ id: 'evt_9', type: 'payout_sent', data: {} });
    const headers = { [SANDBOX_SIGNATURE_HEADER]: signSandboxPayload(rawBody, options.webhookSecret, now) };
    expect(sandbox.parseWebhook(rawBody, headers, now)).toEqual({ kind: 'ignored', type: 'payout_sent' });
  });
});
