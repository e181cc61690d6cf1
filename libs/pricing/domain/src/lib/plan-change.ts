/** A plan's monthly grant and price, as the book in force sells it. */
export interface PlanRate {
  readonly monthlyMillicredits: number;
  readonly monthlyPriceCents: number;
}

/** The paid period a change falls in: [periodStart, periodEnd). */
export interface PaidPeriod {
  readonly periodStart: number;
  readonly periodEnd: number;
}

/**
 * A plan change priced. `upgrade` (a larger monthly grant) takes effect now:
 * `millicredits` are granted and `amountCents` charged for the rest of the period;
 * `downgrade` (a smaller or equal grant) takes effect when the period ends, for nothing now.
 */
export type PlanChangePrice =
  | { readonly kind: 'upgrade'; readonly millicredits: number; readonly amountCents: number; readonly remainingMillis: number; readonly periodMillis: number }
  | { readonly kind: 'downgrade'; readonly effectiveAt: number };

/**
 * The rule: the difference between the two plans' monthly grant, and between their monthly
 * price, times the share of the paid period still to run (`(periodEnd - at) / (periodEnd - periodStart)`,
 * in milliseconds), each rounded down once to a whole unit (millicredit, cent). So a change
 * at the period's start costs the full difference, one at its end nothing, and neither
 * amount is ever more than the exact share. A cheaper plan with a larger grant charges nothing.
 */
export function priceOfPlanChange(from: PlanRate, to: PlanRate, period: PaidPeriod, at: number): PlanChangePrice {
  if (to.monthlyMillicredits <= from.monthlyMillicredits) return { kind: 'downgrade', effectiveAt: period.periodEnd };
  const periodMillis = period.periodEnd - period.periodStart;
  const remainingMillis = Math.min(periodMillis, Math.max(0, period.periodEnd - at));
  return {
    kind: 'upgrade',
    millicredits: shareOf(to.monthlyMillicredits - from.monthlyMillicredits, remainingMillis, periodMillis),
    amountCents: shareOf(Math.max(0, to.monthlyPriceCents - from.monthlyPriceCents), remainingMillis, periodMillis),
    remainingMillis,
    periodMillis,
  };
}

/** floor(amount x part / whole), exact for any safe integers. */
function shareOf(amount: number, part: number, whole: number): number {
  if (whole <= 0) return 0;
  return Number((BigInt(amount) * BigInt(part)) / BigInt(whole));
}
