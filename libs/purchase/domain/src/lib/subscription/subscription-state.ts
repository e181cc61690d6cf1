import type { EpochMillis, PlanTerms, SubscriptionEvent } from '@billing/contracts';
import { assertNever } from '@billing/util';

export interface Subscription {
  readonly status: 'active' | 'cancelled';
  readonly accountId: string;
  readonly planId: string;
  readonly monthlyMillicredits: number;
  readonly pool: string;
  /** Every period starts this many calendar months after the anchor. */
  readonly anchor: EpochMillis;
  /** Periods are granted in order, so a count says which ones. */
  readonly periodsGranted: number;
  readonly cancelledAt: EpochMillis | null;
  /** The plan's terms as sold, when the start carried them; each granted period repeats them. */
  readonly terms?: PlanTerms;
}

export type SubscriptionState = { readonly status: 'none' } | Subscription;

export const initialSubscriptionState: SubscriptionState = { status: 'none' };

export function isSubscription(state: SubscriptionState): state is Subscription {
  return state.status !== 'none';
}

export function evolveSubscription(state: SubscriptionState, event: SubscriptionEvent): SubscriptionState {
  switch (event.type) {
    case 'SubscriptionStarted': {
      const { accountId, planId, monthlyMillicredits, pool, periodStart, concurrencyLimit, priority, entitlements } = event.data;
      const terms = concurrencyLimit === undefined || priority === undefined || entitlements === undefined ? {} : { terms: { concurrencyLimit, priority, entitlements } };
      return { status: 'active', accountId, planId, monthlyMillicredits, pool, anchor: periodStart, periodsGranted: 0, cancelledAt: null, ...terms };
    }
    case 'PlanPeriodGranted':
      return isSubscription(state) ? { ...state, periodsGranted: state.periodsGranted + 1 } : state;
    case 'SubscriptionCancelled':
      return isSubscription(state) ? { ...state, status: 'cancelled', cancelledAt: event.data.at } : state;
    default:
      return assertNever(event, 'subscription event');
  }
}
