import type { EpochMillis } from '@billing/contracts';
import { planPeriod, type PlanPeriod } from './periods';
import { isSubscription, type SubscriptionState } from './subscription-state';

/**
 * The monthly periods whose start has passed (at or before `now`) and that were not
 * granted yet, oldest first. A cancelled plan still owes the periods that started
 * before it was cancelled, and no later ones.
 */
export function periodsDue(subscription: SubscriptionState, now: EpochMillis): readonly PlanPeriod[] {
  if (!isSubscription(subscription)) return [];
  const due: PlanPeriod[] = [];
  for (let index = subscription.periodsGranted; ; index++) {
    const period = planPeriod(subscription.anchor, index);
    if (period.periodStart > now) break;
    if (subscription.cancelledAt !== null && period.periodStart >= subscription.cancelledAt) break;
    due.push(period);
  }
  return due;
}
