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
  /** A plan: the provider bills `amountCents` every month until the subscription is cancelled. */
  readonly recurring?: { readonly interval: 'month' };
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
  /** A subscription checkout: the provider's subscription, which bills the later periods. */
  readonly providerSubscriptionId?: string;
  /** The tax the provider computed, when it did; its hosted receipt or invoice, when it has one. */
  readonly taxCents?: number;
  readonly receiptUrl?: string;
}

/**
 * The payment that a refund or a dispute will name, for one the order already knows under
 * another id (Stripe: the PaymentIntent that paid a subscription's first invoice).
 */
export interface PaymentLinked {
  readonly kind: 'payment_linked';
  /** What confirmed the order (a Stripe invoice id). */
  readonly paymentId: string;
  readonly linkedPaymentId: string;
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

/** A renewal of a plan's subscription, paid or not; the period is the one the provider billed. */
export interface RenewalPaid {
  readonly kind: 'renewal_paid';
  readonly accountId: string;
  readonly invoiceId: string;
  readonly periodStart: number;
  readonly periodEnd: number;
  readonly amountCents: number;
  readonly currency: string;
  readonly taxCents?: number;
  readonly receiptUrl?: string;
}

export interface RenewalFailed {
  readonly kind: 'renewal_failed';
  readonly accountId: string;
  readonly invoiceId: string;
  readonly periodStart: number;
  readonly periodEnd: number;
  readonly attempt: number;
  /** The provider will not try again: the subscription ends. */
  readonly finalAttempt: boolean;
  readonly reason: string;
}

/** The provider ended the subscription (cancelled at period end, or unpaid). */
export interface SubscriptionEnded {
  readonly kind: 'subscription_ended';
  readonly accountId: string;
  readonly reason: string;
}

/** The provider returned money for a payment (a refund made in its dashboard, or ours reported back). */
export interface PaymentRefunded {
  readonly kind: 'payment_refunded';
  readonly paymentId: string;
  /** All the money returned for the payment so far. */
  readonly refundedCents: number;
}

/** The buyer disputed a payment with their bank; `closed` says how it ended. */
export interface DisputeOpened {
  readonly kind: 'dispute_opened';
  readonly paymentId: string;
  readonly disputeId: string;
  readonly amountCents: number;
}

export interface DisputeClosed {
  readonly kind: 'dispute_closed';
  readonly paymentId: string;
  readonly disputeId: string;
  readonly outcome: 'won' | 'lost';
  readonly amountCents: number;
}

export type PaymentNotification =
  | DisputeOpened
  | DisputeClosed
  | PaymentRefunded
  | PaymentLinked
  | PaymentConfirmed | PaymentFailed | RenewalPaid | RenewalFailed | SubscriptionEnded | NotificationIgnored;

export type WebhookBody = string | Uint8Array;
export type WebhookHeaders = Readonly<Record<string, string | readonly string[] | undefined>>;

/** Money back for a payment: part or all of it; the key makes a repeated request return the same refund. */
export interface RefundRequest {
  readonly orderId: string;
  readonly paymentId: string;
  readonly amountCents: number;
  readonly currency: string;
  readonly idempotencyKey: string;
}

export interface Refund {
  readonly providerRefundId: string;
}

/**
 * A plan's subscription moved to another monthly price. `prorate`: charge the difference
 * for the rest of the period now (an upgrade); otherwise the new price applies from the
 * next renewal (a downgrade). The key makes a repeated request the same change.
 */
export interface PlanChangeRequest {
  readonly providerSubscriptionId: string;
  readonly accountId: string;
  readonly orderId: string;
  readonly description: string;
  readonly monthlyAmountCents: number;
  readonly currency: string;
  readonly prorate: boolean;
  readonly idempotencyKey: string;
}

/** What the provider billed for a prorated change, when it made an invoice for it. */
export interface PlanChangeBilled {
  readonly invoiceId?: string;
  readonly taxCents?: number;
  readonly receiptUrl?: string;
}

/** A charge of the account's saved payment method with nobody at the keyboard (an auto top-up); the key makes a repeat the same charge. */
export interface SavedMethodCharge {
  readonly orderId: string;
  readonly accountId: string;
  readonly description: string;
  readonly amountCents: number;
  readonly currency: string;
  readonly idempotencyKey: string;
}

/** Paid, or declined (no saved method, a card refused, authentication needed): the order's outcome, as a notification would say it. */
export type SavedMethodOutcome = PaymentConfirmed | PaymentFailed;

/**
 * The port. `parseWebhook` needs the body exactly as received (signatures cover bytes),
 * and takes `now` (ms since the epoch) for the replay window; it throws `PaymentWebhookError`.
 */
export interface PaymentProvider {
  createCheckout(request: CheckoutRequest): Promise<Checkout>;
  parseWebhook(rawBody: WebhookBody, headers: WebhookHeaders, now: number): PaymentNotification;
  /** Stops (`true`) or resumes (`false`) the renewals after the current period. */
  setCancelAtPeriodEnd(providerSubscriptionId: string, cancelAtPeriodEnd: boolean): Promise<void>;
  /** Ends the subscription now (a chargeback, a refund): nothing more is billed. Ending one already ended changes nothing. */
  cancelSubscription(providerSubscriptionId: string): Promise<void>;
  refund(request: RefundRequest): Promise<Refund>;
  changePlan(request: PlanChangeRequest): Promise<PlanChangeBilled>;
  /** Throws `PaymentProviderError` only when the provider could not answer (worth retrying); a refusal is a `payment_failed` outcome. */
  chargeSavedMethod(request: SavedMethodCharge): Promise<SavedMethodOutcome>;
}
