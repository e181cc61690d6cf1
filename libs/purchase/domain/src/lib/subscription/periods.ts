import type { EpochMillis } from '@billing/contracts';

/** One month of a plan: [periodStart, periodEnd). */
export interface PlanPeriod {
  readonly periodStart: EpochMillis;
  readonly periodEnd: EpochMillis;
}

const DAY_MILLIS = 86_400_000;

/**
 * The anchor moved by whole calendar months in UTC, keeping its day and time of day.
 * A day the target month lacks becomes that month's last day: a plan started on
 * 31 January renews on 28 (or 29) February, 31 March, 30 April. Each date is computed
 * from the anchor, not from the previous period, so a short month never drifts the rest.
 */
export function addCalendarMonths(anchor: EpochMillis, months: number): EpochMillis {
  const date = new Date(anchor);
  const timeOfDay = anchor - Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  const firstOfTarget = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1));
  const year = firstOfTarget.getUTCFullYear();
  const month = firstOfTarget.getUTCMonth();
  const daysInMonth = new Date(Date.UTC(year, month + 1, 1) - DAY_MILLIS).getUTCDate();
  return Date.UTC(year, month, Math.min(date.getUTCDate(), daysInMonth)) + timeOfDay;
}

/** The plan's n-th period (from 0), counted from its anchor. */
export function planPeriod(anchor: EpochMillis, index: number): PlanPeriod {
  return { periodStart: addCalendarMonths(anchor, index), periodEnd: addCalendarMonths(anchor, index + 1) };
}
