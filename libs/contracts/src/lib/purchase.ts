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

// ---- order commands ----
export type PlaceOrder = Command<'PlaceOrder', {
  orderId: string;
  accountId: string;
  item: OrderItem;
  amountCents: number;
  currency: string;
  priceBookId: string;
  priceBookVersion: string;
}>;
export type ConfirmPayment = Command<'ConfirmPayment', { orderId: string; paymentId: string; amountCents: number; currency: string }>;
export type FailPayment = Command<'FailPayment', { orderId: string; reason: string }>;
export type RefundOrder = Command<'RefundOrder', { orderId: string; reason: string }>;

export type OrderCommand = PlaceOrder | ConfirmPayment | FailPayment | RefundOrder;

// ---- order events ----
export type OrderPlaced = Event<'OrderPlaced', {
  orderId: string;
  accountId: string;
  item: OrderItem;
  amountCents: number;
  currency: string;
  priceBookId: string;
  priceBookVersion: string;
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
  at: EpochMillis;
}>;
export type PaymentFailed = Event<'PaymentFailed', { orderId: string; reason: string; at: EpochMillis }>;
export type OrderRefunded = Event<'OrderRefunded', {
  orderId: string;
  accountId: string;
  item: OrderItem;
  amountCents: number;
  currency: string;
  reason: string;
  at: EpochMillis;
}>;

export type OrderEvent = OrderPlaced | PaymentConfirmed | PaymentFailed | OrderRefunded;

// ---- subscription commands ----
export type StartSubscription = Command<'StartSubscription', {
  accountId: string;
  planId: string;
  monthlyMillicredits: number;
  pool: string;
  /** The anchor: every period starts on this day of the month, at this time of day (UTC). */
  periodStart: EpochMillis;
  orderId?: string;
} & Partial<PlanTerms>>;
export type GrantPeriod = Command<'GrantPeriod', { accountId: string; periodStart: EpochMillis; periodEnd: EpochMillis }>;
export type CancelSubscription = Command<'CancelSubscription', { accountId: string; reason: string }>;

export type SubscriptionCommand = StartSubscription | GrantPeriod | CancelSubscription;

// ---- subscription events ----
export type SubscriptionStarted = Event<'SubscriptionStarted', {
  accountId: string;
  planId: string;
  monthlyMillicredits: number;
  pool: string;
  periodStart: EpochMillis;
  orderId?: string;
  at: EpochMillis;
} & Partial<PlanTerms>>;
export type PlanPeriodGranted = Event<'PlanPeriodGranted', {
  accountId: string;
  planId: string;
  monthlyMillicredits: number;
  pool: string;
  periodStart: EpochMillis;
  periodEnd: EpochMillis;
  at: EpochMillis;
} & Partial<PlanTerms>>;
export type SubscriptionCancelled = Event<'SubscriptionCancelled', { accountId: string; planId: string; reason: string; at: EpochMillis }>;

export type SubscriptionEvent = SubscriptionStarted | PlanPeriodGranted | SubscriptionCancelled;

export type PurchaseEventType = OrderEvent['type'] | SubscriptionEvent['type'];

/** Schema version of each event type's `data`; bump with an upcaster when a shape changes. */
export const PURCHASE_EVENT_SCHEMA_VERSIONS: Readonly<Record<PurchaseEventType, number>> = {
  OrderPlaced: 1,
  PaymentConfirmed: 1,
  PaymentFailed: 1,
  OrderRefunded: 1,
  SubscriptionStarted: 1,
  PlanPeriodGranted: 1,
  SubscriptionCancelled: 1,
};
