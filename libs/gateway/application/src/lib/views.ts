import type { Actor, ActorKind, BatchReply, CatalogReply, LedgerEntry, Order, PaidRenewalView, PlacedOrder, PlanSubscriptionView as PlanSubscription, PoolBalance, Receipt, QuoteFactor, QuoteReply, QuoteSnapshot, TaskReply, Utilisation } from '@billing/contracts';
import { creditsNumber } from '@billing/util';

/**
 * What clients see (REST bodies, gRPC messages): snake_case, credits as numbers with at
 * most three decimals, money as integer cents with its currency, instants as ISO 8601.
 */
export interface FactorView {
  readonly name: string;
  readonly value: string;
  readonly description: string;
}

export interface MoneyView {
  readonly amount_cents: number;
  readonly currency: string;
}

export interface QuoteView {
  readonly quote_id: string;
  readonly credits: number;
  readonly unit: string;
  readonly pool: string | null;
  readonly breakdown: readonly FactorView[];
  readonly items: readonly { readonly credits: number; readonly breakdown: readonly FactorView[] }[];
  readonly price_book: string;
  readonly version: string;
  readonly rounding: { readonly increment_credits: number; readonly mode: string };
  readonly quoted_at: string;
  readonly expires_at: string;
}

export interface TaskQuoteView {
  readonly quote_id: string;
  readonly credits: number;
  readonly breakdown: readonly FactorView[];
  readonly price_book: string;
  readonly version: string;
  readonly model: string;
  readonly mode: string;
  readonly duration_seconds: number;
  readonly batch_index: number | null;
  readonly batch_size: number | null;
  readonly quoted_at: string;
  readonly expires_at: string;
}

/** Why a task was refused: credits (`required`, `available`) or the limit (`limit`, `running`). */
export interface RejectionView {
  readonly reason: string;
  readonly required: number | null;
  readonly available: number | null;
  readonly limit: number | null;
  readonly running: number | null;
}

export interface TaskView {
  readonly id: string;
  readonly status: string;
  readonly channel: string;
  readonly pool: string;
  readonly credits_reserved: number;
  /** What was charged; null until the charge is posted. */
  readonly credits_cost: number | null;
  readonly quote: TaskQuoteView;
  readonly end_reason: string | null;
  /** Seconds of output delivered (exact to the millisecond); null until the provider delivered. */
  readonly delivered_duration_seconds: number | null;
  /** `full`, or `pro_rata` when a shorter output was charged for its length; null until delivered. */
  readonly charge_basis: string | null;
  readonly rejection: RejectionView | null;
  readonly batch_id: string | null;
  readonly batch_index: number | null;
  readonly preview: boolean;
  readonly adopted: boolean;
  /** Who made it: an API key or a member; null for a task from before that was recorded. */
  readonly actor: ActorView | null;
  /** When the task was quoted and requested. */
  readonly created_at: string;
}

export interface ActorView {
  readonly kind: ActorKind;
  readonly id: string;
}

export interface TaskPageView {
  readonly tasks: readonly TaskView[];
  readonly next: string | null;
}

export interface BatchView {
  readonly batch_id: string;
  readonly quote_id: string;
  readonly credits: number;
  readonly tasks: readonly TaskView[];
}

export interface BalanceView {
  readonly pool: string;
  readonly balance: number;
  readonly held: number;
  readonly available: number;
}

export interface BalancesView {
  readonly account_id: string;
  readonly balances: readonly BalanceView[];
}

export interface LedgerEntryView {
  readonly position: number;
  readonly event_id: string;
  readonly pool: string;
  readonly at: string;
  readonly type: string;
  readonly credits: number;
  readonly balance_change: number;
  readonly held_change: number;
  readonly balance: number;
  readonly held: number;
  readonly available: number;
  readonly task_id: string | null;
  readonly reservation_id: string | null;
  readonly purchase_id: string | null;
  readonly grant_id: string | null;
  readonly refund_id: string | null;
  readonly reason: string | null;
}

export interface LedgerView {
  readonly entries: readonly LedgerEntryView[];
  /** Pass as `after` for the next page; null on the last one. */
  readonly next: number | null;
}

export interface CatalogView {
  readonly price_book: string;
  readonly version: string;
  readonly effective_from: string;
  readonly currency: string;
  readonly unit: string;
  readonly pools: readonly { readonly id: string; readonly channels: readonly string[] }[];
  readonly plans: readonly {
    readonly id: string;
    readonly name: string;
    readonly price: MoneyView | null;
    readonly monthly_credits: number;
    readonly pool: string;
    readonly entitlements: readonly string[];
    readonly concurrency_limit: number;
    readonly priority: boolean;
  }[];
  readonly default_plan: string;
  readonly packs: readonly { readonly id: string; readonly pool: string; readonly credits: number; readonly price: MoneyView }[];
}

export interface OrderView {
  readonly id: string;
  readonly status: string;
  readonly item: { readonly kind: string; readonly pack_id: string | null; readonly plan_id: string | null; readonly pool: string; readonly credits: number };
  readonly amount: MoneyView;
  readonly price_book: string;
  readonly version: string;
  readonly placed_at: string;
  readonly payment_id: string | null;
  readonly refunded: MoneyView;
  /** Who placed it: an API key or a member; null for an order from before that was recorded. */
  readonly actor: ActorView | null;
  /** Where the buyer pays; present when the order was just placed. */
  readonly checkout_url: string | null;
}

export interface PlanSubscriptionView {
  readonly plan_id: string;
  readonly status: string;
  readonly billing: string;
  readonly paid_through: string | null;
  readonly ends_at: string | null;
  readonly cancelled_at: string | null;
  /** A downgrade scheduled: the plan renews as `plan_id` from `from`. */
  readonly pending_change: { readonly plan_id: string; readonly from: string } | null;
}

export interface ReceiptView {
  readonly id: string;
  readonly kind: string;
  readonly order_id: string | null;
  readonly description: string;
  readonly amount: MoneyView;
  readonly tax: MoneyView | null;
  readonly credits: number;
  readonly pool: string;
  readonly period_start: string | null;
  readonly period_end: string | null;
  readonly paid_at: string;
  readonly receipt_url: string | null;
  readonly invoice_id: string | null;
  readonly refund_status: 'none' | 'refund_requested' | 'refunded';
  readonly refunded: MoneyView;
  readonly refundable: boolean;
}

/** A paid renewal (a plan's later month) and its refund. */
export interface RenewalView {
  readonly id: string;
  readonly account_id: string;
  readonly status: string;
  readonly period_start: string;
  readonly period_end: string;
  readonly amount: MoneyView;
  readonly credits: number;
  readonly refunded: MoneyView;
  readonly revoked_credits: number;
}

export function renewalView(renewal: PaidRenewalView): RenewalView {
  const money = (amountCents: number): MoneyView => ({ amount_cents: amountCents, currency: renewal.currency });
  return {
    id: renewal.invoiceId,
    account_id: renewal.accountId,
    status: renewal.status,
    period_start: iso(renewal.periodStart),
    period_end: iso(renewal.periodEnd),
    amount: money(renewal.amountCents),
    credits: creditsNumber(renewal.millicredits),
    refunded: money(renewal.refundedCents),
    revoked_credits: creditsNumber(renewal.revokedMillicredits),
  };
}

/** `mayRefund`: whether the caller may ask for refunds of this kind of receipt (OPERATION_ROLES); one not asked for yet, with a payment to name, is then `refundable`. */
export function receiptView(receipt: Receipt, mayRefund: boolean): ReceiptView {
  const at = (millis: number | null) => (millis === null ? null : iso(millis));
  const money = (amountCents: number): MoneyView => ({ amount_cents: amountCents, currency: receipt.currency });
  return {
    id: receipt.receiptId,
    kind: receipt.kind,
    order_id: receipt.orderId,
    description: receipt.description,
    amount: money(receipt.amountCents),
    tax: receipt.taxCents === null ? null : money(receipt.taxCents),
    credits: creditsNumber(receipt.creditsMillicredits),
    pool: receipt.pool,
    period_start: at(receipt.periodStart),
    period_end: at(receipt.periodEnd),
    paid_at: iso(receipt.paidAt),
    receipt_url: receipt.receiptUrl,
    invoice_id: receipt.invoiceId,
    refund_status: receipt.refund?.status ?? 'none',
    refunded: money(receipt.refund?.refundedCents ?? 0),
    refundable: mayRefund && receipt.refund === null && (receipt.kind === 'order' ? receipt.orderId !== null : receipt.invoiceId !== null),
  };
}

export function planSubscriptionView(subscription: PlanSubscription): PlanSubscriptionView {
  const at = (millis: number | null) => (millis === null ? null : iso(millis));
  return {
    plan_id: subscription.planId,
    status: subscription.status,
    billing: subscription.billing,
    paid_through: at(subscription.paidThrough),
    ends_at: at(subscription.endsAt),
    cancelled_at: at(subscription.cancelledAt),
    pending_change: subscription.pendingChange && { plan_id: subscription.pendingChange.planId, from: iso(subscription.pendingChange.from) },
  };
}

export interface UtilisationView {
  readonly adopted_credits: number;
  readonly charged_credits: number;
  /** "66.67%"; null before anything was charged. */
  readonly percentage: string | null;
}

const iso = (millis: number): string => new Date(millis).toISOString();
const factors = (breakdown: readonly QuoteFactor[]): FactorView[] => breakdown.map(({ name, value, description }) => ({ name, value, description }));

export function quoteView(quote: QuoteReply): QuoteView {
  return {
    quote_id: quote.quoteId,
    credits: creditsNumber(quote.millicredits),
    unit: quote.creditUnit.plural,
    pool: quote.pool ?? null,
    breakdown: factors(quote.breakdown),
    items: quote.tasks.map((task) => ({ credits: creditsNumber(task.millicredits), breakdown: factors(task.breakdown) })),
    price_book: quote.priceBookId,
    version: quote.priceBookVersion,
    rounding: { increment_credits: creditsNumber(quote.rounding.incrementMillicredits), mode: quote.rounding.mode },
    quoted_at: iso(quote.quotedAt),
    expires_at: iso(quote.expiresAt),
  };
}

function taskQuoteView(quote: QuoteSnapshot): TaskQuoteView {
  return {
    quote_id: quote.quoteId,
    credits: creditsNumber(quote.millicredits),
    breakdown: factors(quote.breakdown),
    price_book: quote.priceBookId,
    version: quote.priceBookVersion,
    model: quote.model,
    mode: quote.mode,
    // Durations are whole milliseconds: seconds with at most three decimals, exact like credits.
    duration_seconds: creditsNumber(quote.durationMillis),
    batch_index: quote.batch?.index ?? null,
    batch_size: quote.batch?.size ?? null,
    quoted_at: iso(quote.quotedAt),
    expires_at: iso(quote.expiresAt),
  };
}

function rejectionView(task: TaskReply): RejectionView | null {
  const rejection = task.rejection;
  if (!rejection) return null;
  if (rejection.reason !== 'concurrency_limit') {
    return {
      reason: rejection.reason,
      required: creditsNumber(rejection.requestedMillicredits),
      available: creditsNumber(rejection.availableMillicredits),
      limit: null,
      running: null,
    };
  }
  return { reason: rejection.reason, required: null, available: null, limit: rejection.limit, running: rejection.running };
}

export function taskView(task: TaskReply): TaskView {
  const delivered = task.deliveredDurationMillis ?? null;
  return {
    id: task.taskId,
    status: task.status,
    channel: task.channel,
    pool: task.pool,
    credits_reserved: creditsNumber(task.creditsReservedMillicredits),
    credits_cost: task.creditsCostMillicredits === null ? null : creditsNumber(task.creditsCostMillicredits),
    quote: taskQuoteView(task.quote),
    end_reason: task.endReason,
    delivered_duration_seconds: delivered === null ? null : creditsNumber(delivered),
    charge_basis: task.chargeBasis ?? null,
    rejection: rejectionView(task),
    batch_id: task.batchId,
    batch_index: task.batchIndex,
    preview: task.preview,
    adopted: task.adopted,
    actor: actorView(task.actor),
    created_at: iso(task.quote.quotedAt),
  };
}

export const batchView = (batch: BatchReply): BatchView => ({
  batch_id: batch.batchId,
  quote_id: batch.quoteId,
  credits: creditsNumber(batch.millicredits),
  tasks: batch.tasks.map(taskView),
});

export const balanceView = (balance: PoolBalance): BalanceView => ({
  pool: balance.pool,
  balance: creditsNumber(balance.balanceMillicredits),
  held: creditsNumber(balance.heldMillicredits),
  available: creditsNumber(balance.availableMillicredits),
});

export const ledgerEntryView = (entry: LedgerEntry): LedgerEntryView => ({
  position: entry.position,
  event_id: entry.eventId,
  pool: entry.pool,
  at: iso(entry.at),
  type: entry.type,
  credits: creditsNumber(entry.millicredits),
  balance_change: creditsNumber(entry.balanceChangeMillicredits),
  held_change: creditsNumber(entry.heldChangeMillicredits),
  balance: creditsNumber(entry.balanceMillicredits),
  held: creditsNumber(entry.heldMillicredits),
  available: creditsNumber(entry.availableMillicredits),
  task_id: entry.taskId ?? null,
  reservation_id: entry.reservationId ?? null,
  purchase_id: entry.purchaseId ?? null,
  grant_id: entry.grantId ?? null,
  refund_id: entry.refundId ?? null,
  reason: entry.reason ?? null,
});

export function catalogView(catalog: CatalogReply): CatalogView {
  const money = (amountCents: number): MoneyView => ({ amount_cents: amountCents, currency: catalog.currency });
  return {
    price_book: catalog.priceBookId,
    version: catalog.priceBookVersion,
    effective_from: iso(catalog.effectiveFrom),
    currency: catalog.currency,
    unit: catalog.creditUnit.plural,
    pools: catalog.pools.map((pool) => ({ id: pool.id, channels: [...pool.channels] })),
    plans: catalog.plans.map((plan) => ({
      id: plan.id,
      name: plan.name,
      price: plan.priceCents === null ? null : money(plan.priceCents),
      monthly_credits: creditsNumber(plan.monthlyGrantMillicredits),
      pool: plan.pool,
      entitlements: [...plan.entitlements],
      concurrency_limit: plan.concurrencyLimit,
      priority: plan.priority,
    })),
    default_plan: catalog.defaultPlanId,
    packs: catalog.packs.map((pack) => ({ id: pack.id, pool: pack.pool, credits: creditsNumber(pack.millicredits), price: money(pack.priceCents) })),
  };
}

export function orderView(order: Order, checkoutUrl: string | null = null): OrderView {
  const { item } = order;
  return {
    id: order.orderId,
    status: order.status,
    item: {
      kind: item.kind,
      pack_id: item.kind === 'pack' ? (item.packId ?? null) : null,
      plan_id: item.kind === 'plan' ? item.planId : null,
      pool: item.pool,
      credits: creditsNumber(item.kind === 'pack' ? item.millicredits : item.monthlyMillicredits),
    },
    amount: { amount_cents: order.amountCents, currency: order.currency },
    price_book: order.priceBookId,
    version: order.priceBookVersion,
    placed_at: iso(order.placedAt),
    payment_id: order.paymentId,
    refunded: { amount_cents: order.refundedCents ?? 0, currency: order.currency },
    actor: actorView(order.actor),
    checkout_url: checkoutUrl,
  };
}

const actorView = (actor: Actor | null | undefined): ActorView | null => (actor ? { kind: actor.kind, id: actor.id } : null);

export const placedOrderView = (placed: PlacedOrder): OrderView => orderView(placed.order, placed.checkoutUrl);

export const utilisationView = (u: Utilisation): UtilisationView => ({
  adopted_credits: creditsNumber(u.adoptedMillicredits),
  charged_credits: creditsNumber(u.chargedMillicredits),
  percentage: u.percentage,
});
