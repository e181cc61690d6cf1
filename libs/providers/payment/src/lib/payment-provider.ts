/** Money is integer cents plus an upper-case ISO 4217 code (`USD`), as in the purchase domain. */
export interface CheckoutRequest {
  readonly orderId: string;
  readonly accountId: string;
  /** What the buyer sees on the payment page, e.g. the pack's name. */
  readonly description: string;
  readonly amountCents: number;
  readonly currency: string;
  readonly successUrl?: string;
  readonly cancelUrl?: string;
}

export interface Checkout {
  /** The provider's id for the checkout (a Stripe session id, a sandbox reference). */
  readonly providerReference: string;
  /** Where to send the buyer to pay. */
  readonly checkoutUrl: string;
}

export interface PaymentConfirmed {
  readonly kind: 'payment_confirmed';
  readonly orderId: string;
  /** The provider's payment id; a repeated notification carries the same one. */
  readonly paymentId: string;
  readonly amountCents: number;
  readonly currency: string;
}

export interface PaymentFailed {
  readonly kind: 'payment_failed';
  readonly orderId: string;
  readonly reason: string;
}

/** A correctly signed notification the purchase service has no use for; the endpoint still answers 2xx. */
export interface NotificationIgnored {
  readonly kind: 'ignored';
  readonly type: string;
}

export type PaymentNotification = PaymentConfirmed | PaymentFailed | NotificationIgnored;

export type WebhookBody = string | Uint8Array;
export type WebhookHeaders = Readonly<Record<string, string | readonly string[] | undefined>>;

/**
 * The port. `parseWebhook` needs the body exactly as received (signatures cover bytes),
 * and takes `now` (ms since the epoch) for the replay window; it throws `PaymentWebhookError`.
 */
export interface PaymentProvider {
  createCheckout(request: CheckoutRequest): Promise<Checkout>;
  parseWebhook(rawBody: WebhookBody, headers: WebhookHeaders, now: number): PaymentNotification;
}
