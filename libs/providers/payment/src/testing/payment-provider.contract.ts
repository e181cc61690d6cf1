import { PaymentWebhookError } from '../lib/payment-errors';
import type { CheckoutRequest, PaymentProvider } from '../lib/payment-provider';

/** A notification as the adapter's provider would post it. */
export interface SignedPayload {
  readonly rawBody: string;
  readonly headers: Readonly<Record<string, string>>;
}

export interface PaymentProviderHarness {
  readonly provider: PaymentProvider;
  /** The provider's notification that `order` was paid in full, signed at `now`. */
  paid(order: CheckoutRequest, now: number): Promise<SignedPayload>;
  /** The provider's notification that paying `order` failed, signed at `now`. */
  failed(order: CheckoutRequest, now: number): Promise<SignedPayload>;
}

const order: CheckoutRequest = { orderId: 'order-c1', accountId: 'acct-c', description: 'Starter pack', amountCents: 990, currency: 'USD' };
const now = Date.UTC(2026, 5, 1, 12, 0, 0);

function refusal(run: () => unknown): PaymentWebhookError {
  try {
    run();
  } catch (error) {
    if (error instanceof PaymentWebhookError) return error;
    throw error;
  }
  throw new Error('expected the notification to be refused');
}

/** What every payment provider adapter promises about checkouts and notifications. */
export function describePaymentProviderContract(name: string, harnessFor: () => Promise<PaymentProviderHarness>): void {
  describe(`${name} honours the payment provider contract`, () => {
    let harness: PaymentProviderHarness;

    beforeEach(async () => {
      harness = await harnessFor();
    });

    it('given a paid order, then its notification parses to payment_confirmed with the amount in upper-case currency', async () => {
      const { rawBody, headers } = await harness.paid(order, now);
      const notification = harness.provider.parseWebhook(rawBody, headers, now);
      expect(notification).toMatchObject({ kind: 'payment_confirmed', orderId: 'order-c1', amountCents: 990, currency: 'USD' });
      expect(notification.kind === 'payment_confirmed' && notification.paymentId.length).toBeGreaterThan(0);
    });

    it('given the same notification twice, then it names the same payment both times', async () => {
      const { rawBody, headers } = await harness.paid(order, now);
      expect(harness.provider.parseWebhook(rawBody, headers, now)).toEqual(harness.provider.parseWebhook(rawBody, headers, now + 1_000));
    });

    it('given a failed payment, then its notification parses to payment_failed for the order', async () => {
      const { rawBody, headers } = await harness.failed(order, now);
      expect(harness.provider.parseWebhook(rawBody, headers, now)).toMatchObject({ kind: 'payment_failed', orderId: 'order-c1' });
    });

    it('given a tampered, unsigned or replayed notification, then it is refused', async () => {
      const { rawBody, headers } = await harness.paid(order, now);
      expect(refusal(() => harness.provider.parseWebhook(rawBody.replace('990', '99000'), headers, now)).reason).toBe('bad_signature');
      expect(refusal(() => harness.provider.parseWebhook(rawBody, {}, now)).reason).toBe('missing_signature');
      expect(refusal(() => harness.provider.parseWebhook(rawBody, headers, now + 3_600_000)).reason).toBe('stale_timestamp');
    });

    it('given a checkout that breaks the money rules, then it is refused before anything is sent', async () => {
      await expect(harness.provider.createCheckout({ ...order, amountCents: 0 })).rejects.toMatchObject({ code: 'invalid_checkout' });
      await expect(harness.provider.createCheckout({ ...order, currency: 'usd' })).rejects.toMatchObject({ code: 'invalid_checkout' });
    });
  });
}
