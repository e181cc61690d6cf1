import type { ActorView, BalanceView, FactorView, MoneyView, OrderView, PlanSubscriptionView, QuoteView, ReceiptView, RejectionView, RenewalView, TaskQuoteView, TaskView } from '@billing/gateway-application';
import { formatCredits, parseCredits } from '@billing/util';
import type {
  ActorMessage,
  GenerationModeName,
  MoneyMessage,
  OrderMessage,
  PlanSubscriptionMessage,
  PoolBalanceMessage,
  QuoteFactorMessage,
  QuoteMessage,
  ReceiptMessage,
  RenewalMessage,
  TaskMessage,
  TaskQuoteMessage,
  TaskRejectionMessage,
  Timestamp,
} from './billing-messages';

/*
 * The gateway's public views (shared with REST) as `billing.v1` messages. Credits arrive
 * as numbers with at most three decimals, which are exact: each becomes its decimal text
 * and its whole millicredits, never through a float multiplication.
 */

const millicreditsOf = (credits: number): number => parseCredits(credits);
const creditsText = (credits: number): string => formatCredits(millicreditsOf(credits));
/** Seconds have at most three decimals too (whole milliseconds): the same exact decimal text. */
const secondsText = (seconds: number): string => formatCredits(parseCredits(seconds));

/** `timed_out` in enum TaskStatus is `TASK_STATUS_TIMED_OUT`; null is the enum's UNSPECIFIED. */
export const enumName = (prefix: string, value: string | null): string => `${prefix}_${value === null ? 'UNSPECIFIED' : value.toUpperCase()}`;

export function timestampOf(epochMillis: number): Timestamp {
  const seconds = Math.floor(epochMillis / 1000);
  return { seconds: String(seconds), nanos: (epochMillis - seconds * 1000) * 1_000_000 };
}

const timestampOfIso = (iso: string): Timestamp => timestampOf(Date.parse(iso));

const factors = (breakdown: readonly FactorView[]): QuoteFactorMessage[] => breakdown.map(({ name, value, description }) => ({ name, value, description }));

const modeName = (mode: string): GenerationModeName => (mode === 'preview' ? 'GENERATION_MODE_PREVIEW' : 'GENERATION_MODE_STANDARD');

export function quoteMessage(quote: QuoteView): QuoteMessage {
  return {
    quoteId: quote.quote_id,
    priceBookId: quote.price_book,
    priceBookVersion: quote.version,
    credits: creditsText(quote.credits),
    millicredits: String(millicreditsOf(quote.credits)),
    breakdown: factors(quote.breakdown),
    tasks: quote.items.map((item, index) => ({
      index,
      credits: creditsText(item.credits),
      millicredits: String(millicreditsOf(item.credits)),
      breakdown: factors(item.breakdown),
    })),
    pool: quote.pool ?? '',
    quotedAt: timestampOfIso(quote.quoted_at),
    expiresAt: timestampOfIso(quote.expires_at),
  };
}

function taskQuoteMessage(quote: TaskQuoteView): TaskQuoteMessage {
  return {
    quoteId: quote.quote_id,
    priceBookId: quote.price_book,
    priceBookVersion: quote.version,
    model: quote.model,
    mode: modeName(quote.mode),
    durationSeconds: secondsText(quote.duration_seconds),
    credits: creditsText(quote.credits),
    millicredits: String(millicreditsOf(quote.credits)),
    breakdown: factors(quote.breakdown),
    quotedAt: timestampOfIso(quote.quoted_at),
    expiresAt: timestampOfIso(quote.expires_at),
  };
}

function rejectionMessage(rejection: RejectionView, pool: string): TaskRejectionMessage | undefined {
  if ((rejection.reason === 'insufficient_credits' || rejection.reason === 'key_budget_exceeded') && rejection.required !== null && rejection.available !== null) {
    const shortfall = {
      pool,
      available: creditsText(rejection.available),
      availableMillicredits: String(millicreditsOf(rejection.available)),
      required: creditsText(rejection.required),
      requiredMillicredits: String(millicreditsOf(rejection.required)),
    };
    return rejection.reason === 'insufficient_credits' ? { insufficientCredits: shortfall } : { keyBudgetExceeded: shortfall };
  }
  if (rejection.reason === 'concurrency_limit' && rejection.limit !== null && rejection.running !== null) {
    return { concurrencyLimit: { limit: rejection.limit, running: rejection.running } };
  }
  return undefined;
}

export function taskMessage(task: TaskView): TaskMessage {
  const rejection = task.rejection ? rejectionMessage(task.rejection, task.pool) : undefined;
  return {
    taskId: task.id,
    status: enumName('TASK_STATUS', task.status),
    pool: task.pool,
    channel: task.channel,
    creditsReserved: creditsText(task.credits_reserved),
    creditsReservedMillicredits: String(millicreditsOf(task.credits_reserved)),
    ...(task.credits_cost === null ? {} : { creditsCost: creditsText(task.credits_cost), creditsCostMillicredits: String(millicreditsOf(task.credits_cost)) }),
    quote: taskQuoteMessage(task.quote),
    endReason: enumName('TASK_END_REASON', task.end_reason),
    ...(rejection ? { rejection } : {}),
    ...(task.batch_id === null ? {} : { batchId: task.batch_id }),
    ...(task.batch_index === null ? {} : { batchIndex: task.batch_index }),
    preview: task.preview,
    adopted: task.adopted,
    ...(task.delivered_duration_seconds === null ? {} : { deliveredDurationSeconds: secondsText(task.delivered_duration_seconds) }),
    chargeBasis: enumName('CHARGE_BASIS', task.charge_basis),
    ...actorField(task.actor),
  };
}

/** REST's `actor` as `billing.v1.Actor`; absent (not an empty message) when none was recorded. */
const actorField = (actor: ActorView | null): { actor?: ActorMessage } => (actor === null ? {} : { actor: { kind: enumName('ACTOR_KIND', actor.kind), id: actor.id } });

export function poolBalanceMessage(balance: BalanceView): PoolBalanceMessage {
  return {
    pool: balance.pool,
    balance: creditsText(balance.balance),
    balanceMillicredits: String(millicreditsOf(balance.balance)),
    held: creditsText(balance.held),
    heldMillicredits: String(millicreditsOf(balance.held)),
    available: creditsText(balance.available),
    availableMillicredits: String(millicreditsOf(balance.available)),
  };
}

export function orderMessage(order: OrderView): OrderMessage {
  const { item } = order;
  return {
    orderId: order.id,
    status: order.status,
    kind: item.kind,
    packId: item.pack_id ?? '',
    planId: item.plan_id ?? '',
    pool: item.pool,
    credits: creditsText(item.credits),
    amount: moneyMessage(order.amount),
    refunded: moneyMessage(order.refunded),
    paymentId: order.payment_id ?? '',
    ...actorField(order.actor),
  };
}

export function planSubscriptionMessage(subscription: PlanSubscriptionView): PlanSubscriptionMessage {
  return {
    planId: subscription.plan_id,
    status: subscription.status,
    billing: subscription.billing,
    paidThrough: subscription.paid_through ?? '',
    endsAt: subscription.ends_at ?? '',
    cancelledAt: subscription.cancelled_at ?? '',
    ...(subscription.pending_change ? { pendingChange: { planId: subscription.pending_change.plan_id, from: subscription.pending_change.from } } : {}),
  };
}

export function receiptMessage(receipt: ReceiptView): ReceiptMessage {
  return {
    receiptId: receipt.id,
    kind: receipt.kind,
    orderId: receipt.order_id ?? '',
    description: receipt.description,
    amount: moneyMessage(receipt.amount),
    ...(receipt.tax ? { tax: moneyMessage(receipt.tax) } : {}),
    credits: creditsText(receipt.credits),
    pool: receipt.pool,
    periodStart: receipt.period_start ?? '',
    periodEnd: receipt.period_end ?? '',
    paidAt: receipt.paid_at,
    receiptUrl: receipt.receipt_url ?? '',
    invoiceId: receipt.invoice_id ?? '',
    refundStatus: receipt.refund_status,
    refunded: moneyMessage(receipt.refunded),
    refundable: receipt.refundable,
  };
}

export function renewalMessage(renewal: RenewalView): RenewalMessage {
  return {
    invoiceId: renewal.id,
    accountId: renewal.account_id,
    status: renewal.status,
    periodStart: renewal.period_start,
    periodEnd: renewal.period_end,
    amount: moneyMessage(renewal.amount),
    credits: creditsText(renewal.credits),
    refunded: moneyMessage(renewal.refunded),
    revokedCredits: creditsText(renewal.revoked_credits),
  };
}

const moneyMessage = (money: MoneyView): MoneyMessage => ({ amountCents: String(money.amount_cents), currency: money.currency });
