import type { EpochMillis } from '@billing/contracts';
import { planPeriod, type PlanPeriod } from './periods';
import { isSubscription, type SubscriptionState } from './subscription-state';

/**
 * The calendar periods to grant without a payment, oldest first: every started and
 * ungranted period of a contract plan, and only the first period of a plan bought online
 * (its order paid it; a renewal pays each later one). A cancelled plan owes the periods
 * that started before it was cancelled, and a plan cancelled at period end none from then.
 */
export function periodsDue(subscription: SubscriptionState, now: EpochMillis): readonly PlanPeriod[] {
  if (!isSubscription(subscription)) return [];
  const due: PlanPeriod[] = [];
  const last = subscription.billing === 'provider' ? 1 : Number.POSITIVE_INFINITY;
  for (let index = subscription.periodsGranted; index < last; index++) {
    const period = planPeriod(subscription.anchor, index);
    if (period.periodStart > now) break;
    if (subscription.cancelledAt !== null && period.periodStart >= subscription.cancelledAt) break;
    if (subscription.endsAt !== null && period.periodStart >= subscription.endsAt) break;
    due.push(period);
  }
  return due;
}

/** The calendar period a plan bought online renews next, once its start has passed: what a provider bills. */
export function renewalDue(subscription: SubscriptionState, now: EpochMillis): PlanPeriod | null {
  if (!isSubscription(subscription) || subscription.billing !== 'provider' || subscription.status === 'cancelled' || subscription.periodsGranted === 0) return null;
  const next = planPeriod(subscription.anchor, subscription.periodsGranted);
  if (next.periodStart > now || (subscription.endsAt !== null && next.periodStart >= subscription.endsAt)) return null;
  return next;
}

/** A cancellation at period end whose moment has come: the plan is to be ended. */
export function scheduledEndDue(subscription: SubscriptionState, now: EpochMillis): boolean {
  return isSubscription(subscription) && subscription.status !== 'cancelled' && subscription.endsAt !== null && now >= subscription.endsAt;
}
