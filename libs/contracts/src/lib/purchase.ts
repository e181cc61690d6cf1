import type { Actor } from './actor';
import type { Command, EpochMillis, Event } from './envelope';
import type { Entitlement } from './pricing';

/**
 * Purchase messages. One stream per order (`order-<orderId>`) and one per account's
 * plan subscription (`subscription-<accountId>`). Money is integer cents with its currency.
 */
export const ORDER_CATEGORY = 'order';
export const orderStreamName = (orderId: string): string => `${ORDER_CATEGORY}-${orderId}`;
export const SUBSCRIPTION_CATEGORY = 'subscription';
export const subscriptionStreamName = (accountId: string): string => `${SUBSCRIPTION_CATEGORY}-${accountId}`;
/** One stream per provider payment that another of its payments settles (`paymentlink-<paymentId>`). */
export const PAYMENT_LINK_CATEGORY = 'paymentlink';
export const paymentLinkStreamName = (paymentId: string): string => `${PAYMENT_LINK_CATEGORY}-${paymentId}`;

/**
 * The provider said which of its payments settled `paymentId` (Stripe: `invoice_payment.paid`,
 * the PaymentIntent that paid an invoice; refunds and disputes name the PaymentIntent).
 * Kept whatever the provider delivered first: an order or a renewal that names `paymentId`
 * finds it when it arrives.
 */
export type ReportPaymentLink = Command<'ReportPaymentLink', { paymentId: string; linkedPaymentId: string }>;
export type PaymentLinkReported = Event<'PaymentLinkReported', { paymentId: string; linkedPaymentId: string; at: EpochMillis }>;

/**
 * What an order buys. A plan item carries its monthly grant and pool as the price book
 * stated them when the order was placed, so the subscription follows the version sold.
 */
export type OrderItem =
  | { readonly kind: 'pack'; readonly pool: string; readonly millicredits: number; readonly packId?: string }
  | ({ readonly kind: 'plan'; readonly planId: string; readonly monthlyMillicredits: number; readonly pool: string } & Partial<PlanTerms>);

/**
 * What a plan gives beyond its grant, as the book stated it when sold. Carried (optional,
 * added after v1) by plan items, `StartSubscription`, `SubscriptionStarted` and
 * `PlanPeriodGranted`, so a
 * consumer of `billing.subscription.v1` knows an account's plan without the price book.
 */
export interface PlanTerms {
  readonly concurrencyLimit: number;
  readonly priority: boolean;
  readonly entitlements: readonly Entitlement[];
}

/** What the provider said about a payment for its receipt: the tax it computed, its hosted receipt or invoice. */
export interface ProviderReceipt {
  readonly taxCents?: number;
  readonly receiptUrl?: string;
}

// ---- order commands ----
export type PlaceOrder = Command<'PlaceOrder', {
  orderId: string;
  accountId: string;
  item: OrderItem;
  amountCents: number;
  currency: string;
  priceBookId: string;
  priceBookVersion: string;
  /** Who placed it (absent: not known, as in orders from before that was recorded). */
  actor?: Actor;
}>;
/** `providerSubscriptionId`: a plan's subscription at the provider, which bills its later periods. */
export type ConfirmPayment = Command<'ConfirmPayment', { orderId: string; paymentId: string; amountCents: number; currency: string; providerSubscriptionId?: string } & ProviderReceipt>;
/**
 * The provider's id of the payment a refund or a dispute names, when it differs from the
 * one that confirmed the order (a Stripe subscription is confirmed by its first invoice,
 * whose PaymentIntent is what Stripe refunds and what a chargeback disputes).
 */
export type LinkPayment = Command<'LinkPayment', { orderId: string; paymentId: string }>;
export type FailPayment = Command<'FailPayment', { orderId: string; reason: string }>;
/** Who asked for a refund: finance, the buyer (an unused pack, within the window), or the provider (money already returned there). */
export type RefundInitiator = 'finance' | 'owner' | 'provider';
export type RefundOrder = Command<'RefundOrder', {
  orderId: string;
  reason: string;
  initiatedBy?: RefundInitiator;
  /** `provider`: what the provider says it returned. */
  providerRefundedCents?: number;
  /** A plan refunded through the provider before it was recorded: the provider's refund (events before pro rata plan refunds). */
  providerRefundId?: string;
  /** A lost dispute's refund: the chargeback that took the money (a plan ends with it). */
  disputeId?: string;
}>;
/**
 * A pack's refund is settled per revocation the wallet made: the money for the credits it
 * took back (pro rata), returned through the provider unless the provider returned it itself.
 */
export type RecordRefund = Command<'RecordRefund', {
  orderId: string;
  /** The wallet's `CreditsRevoked` event id: each is settled once. */
  revocationId: string;
  revokedMillicredits: number;
  amountCents: number;
  providerRefundId: string | null;
}>;

/** The buyer disputed the payment with their bank: a pack's unspent credits are frozen until it closes. */
export type OpenDispute = Command<'OpenDispute', { orderId: string; disputeId: string; amountCents: number }>;
/** Won: the credits are released. Lost: the disputed money is gone, and the order is refunded as by the provider. */
export type CloseDispute = Command<'CloseDispute', { orderId: string; disputeId: string; outcome: 'won' | 'lost'; amountCents: number }>;

export type OrderCommand = PlaceOrder | ConfirmPayment | FailPayment | LinkPayment | RefundOrder | RecordRefund | OpenDispute | CloseDispute;

// ---- order events ----
export type OrderPlaced = Event<'OrderPlaced', {
  orderId: string;
  accountId: string;
  item: OrderItem;
  amountCents: number;
  currency: string;
  priceBookId: string;
  priceBookVersion: string;
  actor?: Actor;
  at: EpochMillis;
}>;
/** Carries the order it pays for, so the purchase workflow needs nothing else. */
export type PaymentConfirmed = Event<'PaymentConfirmed', {
  orderId: string;
  accountId: string;
  paymentId: string;
  item: OrderItem;
  amountCents: number;
  currency: string;
  priceBookId: string;
  priceBookVersion: string;
  providerSubscriptionId?: string;
  at: EpochMillis;
} & ProviderReceipt>;
export type PaymentLinked = Event<'PaymentLinked', { orderId: string; paymentId: string; at: EpochMillis }>;
export type PaymentFailed = Event<'PaymentFailed', { orderId: string; reason: string; at: EpochMillis }>;
/**
 * An order's refund was asked for: the workflow revokes its unspent credits (a pack's lot, or
 * for a plan `grantId`, the grant of the first period its payment paid, and the plan ends),
 * and each revocation is settled in money.
 */
export type OrderRefundRequested = Event<'OrderRefundRequested', {
  orderId: string;
  accountId: string;
  item: OrderItem;
  amountCents: number;
  currency: string;
  reason: string;
  initiatedBy: RefundInitiator;
  providerRefundedCents?: number;
  grantId?: string;
  /** A lost dispute's refund: a chargeback. */
  disputeId?: string;
  at: EpochMillis;
}>;
/**
 * Money returned for an order: one per wallet revocation (`revocationId`), `amountCents`
 * being this refund's share. Before refunds were pro rata, a plan's was the whole order at once.
 */
export type OrderRefunded = Event<'OrderRefunded', {
  orderId: string;
  accountId: string;
  item: OrderItem;
  amountCents: number;
  currency: string;
  reason: string;
  revocationId?: string;
  revokedMillicredits?: number;
  providerRefundId?: string | null;
  at: EpochMillis;
}>;

export type OrderDisputed = Event<'OrderDisputed', {
  orderId: string;
  accountId: string;
  item: OrderItem;
  disputeId: string;
  /** A plan's: the grant of the period this payment paid for, whose unspent credits the dispute freezes. */
  grantId?: string;
  amountCents: number;
  currency: string;
  at: EpochMillis;
}>;
export type DisputeClosed = Event<'DisputeClosed', {
  orderId: string;
  accountId: string;
  item: OrderItem;
  disputeId: string;
  /** A plan's: the grant of the period this payment paid for (won: released; lost: revoked). */
  grantId?: string;
  outcome: 'won' | 'lost';
  amountCents: number;
  currency: string;
  at: EpochMillis;
}>;

export type OrderEvent = OrderPlaced | PaymentConfirmed | PaymentLinked | PaymentFailed | OrderRefundRequested | OrderRefunded | OrderDisputed | DisputeClosed;

// ---- subscription commands ----
export type StartSubscription = Command<'StartSubscription', {
  accountId: string;
  planId: string;
  monthlyMillicredits: number;
  pool: string;
  /** The anchor: every period starts on this day of the month, at this time of day (UTC). */
  periodStart: EpochMillis;
  /** Present when the plan was bought online: the provider bills every later period. */
  orderId?: string;
  providerSubscriptionId?: string;
} & Partial<PlanTerms>>;
/** A period of a contract plan, or the first period of a paid one (its order paid it). */
export type GrantPeriod = Command<'GrantPeriod', { accountId: string; periodStart: EpochMillis; periodEnd: EpochMillis }>;
/** The provider collected a renewal: the period it names is granted. */
export type PayRenewal = Command<'PayRenewal', {
  accountId: string;
  invoiceId: string;
  periodStart: EpochMillis;
  periodEnd: EpochMillis;
  amountCents: number;
  currency: string;
} & ProviderReceipt>;
/** The provider could not collect a renewal; `finalAttempt`: it gives up and the plan ends. */
export type FailRenewal = Command<'FailRenewal', {
  accountId: string;
  invoiceId: string;
  periodStart: EpochMillis;
  periodEnd: EpochMillis;
  attempt: number;
  finalAttempt: boolean;
  reason: string;
}>;
/**
 * Why a plan ended here rather than at the provider: a chargeback (a lost dispute) or a
 * refund of what paid it. Such an ending is carried to the provider (its subscription
 * cancelled at once), which bills nothing more.
 */
export type SubscriptionEndCause = 'chargeback' | 'refund';
/**
 * Ends the plan now (a refund, a chargeback, the provider ended it, a contract closed).
 * `refundUpgrades`: the plan's order was refunded here, so the upgrades paid in its period
 * (the first) are refunded too, as renewals are: their unspent credits revoked, the money pro rata.
 */
export type CancelSubscription = Command<'CancelSubscription', {
  accountId: string;
  reason: string;
  cause?: SubscriptionEndCause;
  refundUpgrades?: { initiatedBy: RefundInitiator; reason: string };
}>;
/** Ends the plan when its current period ends; `ResumeSubscription` before then keeps it. */
export type ScheduleCancellation = Command<'ScheduleCancellation', { accountId: string; reason: string }>;
export type ResumeSubscription = Command<'ResumeSubscription', { accountId: string }>;

/** A plan as the book in force sells it, named in a plan change. */
export type PlanOffer = {
  planId: string;
  monthlyMillicredits: number;
  monthlyPriceCents: number;
  currency: string;
} & Partial<PlanTerms>;
/**
 * Moves to a plan with a larger monthly grant now: the difference in credits for the rest
 * of the paid period is granted, the difference in price charged (both pro rata, priced by
 * the pricing domain and passed in), and later periods renew at the new plan.
 */
export type UpgradePlan = Command<'UpgradePlan', {
  accountId: string;
  to: PlanOffer;
  proratedMillicredits: number;
  proratedCents: number;
  /** The provider's invoice for the difference, when it made one. */
  invoiceId?: string;
} & ProviderReceipt>;
/** Moves to a plan with a smaller grant when the paid period ends: the next renewal is the new plan's. */
export type ScheduleDowngrade = Command<'ScheduleDowngrade', { accountId: string; to: PlanOffer }>;

/**
 * A paid renewal's payment disputed with the bank (`invoiceId`: the renewal that paid the
 * period): the period's unspent credits are frozen until the dispute closes.
 */
export type OpenRenewalDispute = Command<'OpenRenewalDispute', { accountId: string; invoiceId: string; disputeId: string; amountCents: number }>;
/** Won: the period's credits are released. Lost: the money is gone, the renewal is refunded as by the provider, and the plan ends. */
export type CloseRenewalDispute = Command<'CloseRenewalDispute', { accountId: string; invoiceId: string; disputeId: string; outcome: 'won' | 'lost'; amountCents: number }>;
/**
 * A renewal's refund: asked for here (finance; the money follows the credits revoked, pro
 * rata) or made at the provider (`initiatedBy: provider`, with what it returned). Either way
 * the period's unspent credits are revoked.
 */
export type RefundRenewal = Command<'RefundRenewal', { accountId: string; invoiceId: string; reason: string; initiatedBy?: RefundInitiator; providerRefundedCents?: number }>;
/** Settles one wallet revocation of a refunded renewal's credits (`revocationId`: the wallet's `CreditsRevoked` event id). */
export type RecordRenewalRefund = Command<'RecordRenewalRefund', {
  accountId: string;
  invoiceId: string;
  revocationId: string;
  revokedMillicredits: number;
  amountCents: number;
  /** The provider's refund, when one was asked for here. */
  providerRefundId?: string | null;
}>;

export type SubscriptionCommand =
  | OpenRenewalDispute
  | CloseRenewalDispute
  | RefundRenewal
  | RecordRenewalRefund
  | StartSubscription
  | GrantPeriod
  | PayRenewal
  | FailRenewal
  | CancelSubscription
  | ScheduleCancellation
  | ResumeSubscription
  | UpgradePlan
  | ScheduleDowngrade;

// ---- subscription events ----
export type SubscriptionStarted = Event<'SubscriptionStarted', {
  accountId: string;
  planId: string;
  monthlyMillicredits: number;
  pool: string;
  periodStart: EpochMillis;
  orderId?: string;
  providerSubscriptionId?: string;
  at: EpochMillis;
} & Partial<PlanTerms>>;
export type PlanPeriodGranted = Event<'PlanPeriodGranted', {
  accountId: string;
  planId: string;
  monthlyMillicredits: number;
  pool: string;
  periodStart: EpochMillis;
  periodEnd: EpochMillis;
  /** The renewal that paid the period; absent for a first period and for contract plans. */
  invoiceId?: string;
  amountCents?: number;
  currency?: string;
  taxCents?: number;
  receiptUrl?: string;
  at: EpochMillis;
} & Partial<PlanTerms>>;
/** A renewal was not paid: nothing is granted for its period until it is. */
export type SubscriptionPastDue = Event<'SubscriptionPastDue', {
  accountId: string;
  planId: string;
  invoiceId: string;
  periodStart: EpochMillis;
  periodEnd: EpochMillis;
  attempt: number;
  reason: string;
  at: EpochMillis;
}>;
/** The plan ended; with `cause`, it ended here and the provider's subscription is cancelled at once. */
export type SubscriptionCancelled = Event<'SubscriptionCancelled', { accountId: string; planId: string; reason: string; cause?: SubscriptionEndCause; at: EpochMillis }>;
export type SubscriptionCancellationScheduled = Event<'SubscriptionCancellationScheduled', { accountId: string; planId: string; endsAt: EpochMillis; reason: string; at: EpochMillis }>;
export type SubscriptionResumed = Event<'SubscriptionResumed', { accountId: string; planId: string; at: EpochMillis }>;

/**
 * The plan changed now to one with a larger grant: `proratedMillicredits` are granted for
 * [at, periodEnd) and expire with the period, `proratedCents` were charged for it.
 */
export type PlanUpgraded = Event<'PlanUpgraded', {
  accountId: string;
  fromPlanId: string;
  planId: string;
  monthlyMillicredits: number;
  monthlyPriceCents: number;
  pool: string;
  periodEnd: EpochMillis;
  proratedMillicredits: number;
  proratedCents: number;
  currency: string;
  invoiceId?: string;
  taxCents?: number;
  receiptUrl?: string;
  at: EpochMillis;
} & Partial<PlanTerms>>;
/** The plan changes to one with a smaller grant from `effectiveAt` (the paid period's end); the renewal after it is the new plan's. */
export type PlanDowngradeScheduled = Event<'PlanDowngradeScheduled', {
  accountId: string;
  fromPlanId: string;
  planId: string;
  monthlyMillicredits: number;
  monthlyPriceCents: number;
  effectiveAt: EpochMillis;
  at: EpochMillis;
} & Partial<PlanTerms>>;

/** What a renewal's dispute or refund names: the renewal, and the grant of the period it paid, in the plan's pool. */
interface RenewalPayment {
  accountId: string;
  invoiceId: string;
  grantId: string;
  pool: string;
}
export type RenewalDisputed = Event<'RenewalDisputed', RenewalPayment & { disputeId: string; amountCents: number; currency: string; at: EpochMillis }>;
export type RenewalDisputeClosed = Event<'RenewalDisputeClosed', RenewalPayment & { disputeId: string; outcome: 'won' | 'lost'; amountCents: number; currency: string; at: EpochMillis }>;
/**
 * A renewal's refund: the workflow revokes the period's unspent credits, and each revocation
 * is settled (pro rata through the provider; or, `providerRefundedCents`, what the provider returned itself).
 */
export type RenewalRefundRequested = Event<'RenewalRefundRequested', RenewalPayment & { reason: string; initiatedBy: RefundInitiator; providerRefundedCents?: number; at: EpochMillis }>;
/** One revocation of a refunded renewal's credits settled: `amountCents` is its share of the money. */
export type RenewalRefunded = Event<'RenewalRefunded', RenewalPayment & {
  amountCents: number;
  currency: string;
  revocationId: string;
  revokedMillicredits: number;
  providerRefundId?: string | null;
  at: EpochMillis;
}>;

export type SubscriptionEvent =
  | RenewalDisputed
  | RenewalDisputeClosed
  | RenewalRefundRequested
  | RenewalRefunded
  | PlanUpgraded
  | PlanDowngradeScheduled
  | SubscriptionStarted
  | PlanPeriodGranted
  | SubscriptionPastDue
  | SubscriptionCancelled
  | SubscriptionCancellationScheduled
  | SubscriptionResumed;

export type PurchaseEventType = OrderEvent['type'] | SubscriptionEvent['type'];

/** Schema version of each event type's `data`; bump with an upcaster when a shape changes. */
export const PURCHASE_EVENT_SCHEMA_VERSIONS: Readonly<Record<PurchaseEventType, number>> = {
  OrderPlaced: 1,
  PaymentConfirmed: 1,
  PaymentLinked: 1,
  PaymentFailed: 1,
  OrderRefundRequested: 1,
  OrderRefunded: 1,
  OrderDisputed: 1,
  DisputeClosed: 1,
  SubscriptionStarted: 1,
  PlanPeriodGranted: 1,
  RenewalDisputed: 1,
  RenewalDisputeClosed: 1,
  RenewalRefundRequested: 1,
  RenewalRefunded: 1,
  SubscriptionPastDue: 1,
  SubscriptionCancelled: 1,
  SubscriptionCancellationScheduled: 1,
  SubscriptionResumed: 1,
  PlanUpgraded: 1,
  PlanDowngradeScheduled: 1,
};
