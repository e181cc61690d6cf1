import type { Decider, GrantPeriod, StartSubscription, SubscriptionCommand, SubscriptionEvent } from '@billing/contracts';
import { assertNever, isMillicredits } from '@billing/util';
import { PurchaseError } from '../purchase-errors';
import { planPeriod } from './periods';
import { evolveSubscription, initialSubscriptionState, isSubscription, type Subscription, type SubscriptionState } from './subscription-state';

/**
 * A plan subscription per account: each monthly period is granted once, in order.
 * Re-granting a period already granted changes nothing; a period that does not
 * follow on from the last one is an error.
 */
export function decideSubscription(command: SubscriptionCommand, state: SubscriptionState): readonly SubscriptionEvent[] {
  const at = command.metadata.now;
  if (command.type === 'StartSubscription') return startSubscription(command, state);
  if (!isSubscription(state)) throw new PurchaseError('no_subscription', `account ${command.data.accountId} has no plan`);
  switch (command.type) {
    case 'GrantPeriod':
      return grantPeriod(command, state);
    case 'CancelSubscription':
      if (state.status === 'cancelled') return [];
      return [{ type: 'SubscriptionCancelled', data: { accountId: state.accountId, planId: state.planId, reason: command.data.reason, at } }];
    default:
      return assertNever(command, 'subscription command');
  }
}

function startSubscription(command: StartSubscription, state: SubscriptionState): readonly SubscriptionEvent[] {
  const { accountId, planId, monthlyMillicredits, periodStart } = command.data;
  if (isSubscription(state) && state.status === 'active') {
    if (state.planId === planId && state.anchor === periodStart) return [];
    throw new PurchaseError('already_subscribed', `account ${accountId} already has plan ${state.planId}`);
  }
  if (!isMillicredits(monthlyMillicredits) || monthlyMillicredits <= 0) {
    throw new PurchaseError('invalid_subscription', `plan ${planId}: the monthly grant must be whole millicredits above zero`);
  }
  return [{ type: 'SubscriptionStarted', data: { ...command.data, at: command.metadata.now } }];
}

function grantPeriod(command: GrantPeriod, state: Subscription): readonly SubscriptionEvent[] {
  const { periodStart, periodEnd } = command.data;
  const { accountId, planId, monthlyMillicredits, pool } = state;
  for (let index = 0; index < state.periodsGranted; index++) {
    const granted = planPeriod(state.anchor, index);
    if (granted.periodStart === periodStart && granted.periodEnd === periodEnd) return [];
  }
  const next = planPeriod(state.anchor, state.periodsGranted);
  if (next.periodStart !== periodStart || next.periodEnd !== periodEnd) {
    throw new PurchaseError('period_out_of_sequence', `account ${accountId}: the next period is ${next.periodStart}..${next.periodEnd}, not ${periodStart}..${periodEnd}`);
  }
  if (periodStart > command.metadata.now) throw new PurchaseError('period_not_started', `account ${accountId}: the period from ${periodStart} has not started`);
  if (state.cancelledAt !== null && periodStart >= state.cancelledAt) {
    throw new PurchaseError('subscription_cancelled', `account ${accountId}: the plan was cancelled before ${periodStart}`);
  }
  return [{ type: 'PlanPeriodGranted', data: { accountId, planId, monthlyMillicredits, pool, periodStart, periodEnd, at: command.metadata.now, ...state.terms } }];
}

export const subscriptionDecider: Decider<SubscriptionCommand, SubscriptionEvent, SubscriptionState> = {
  decide: decideSubscription,
  evolve: evolveSubscription,
  initialState: initialSubscriptionState,
};
