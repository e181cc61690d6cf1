import type { Decider, FailRenewal, GrantPeriod, PayRenewal, StartSubscription, SubscriptionCommand, SubscriptionEvent } from '@billing/contracts';
import { assertNever, isMillicredits } from '@billing/util';
import { PurchaseError } from '../purchase-errors';
import { planPeriod } from './periods';
import { scheduleDowngrade, upgradePlan } from './plan-changes';
import { closeRenewalDispute, openRenewalDispute, recordRenewalRefund, refundRenewal, refundUpgradesOfOrderPeriod } from './renewal-payments';
import { evolveSubscription, initialSubscriptionState, isSubscription, type Subscription, type SubscriptionState } from './subscription-state';

/**
 * A plan subscription per account. A contract plan's periods are granted by the calendar,
 * once each, in order. A plan bought online gets its first period from its order and each
 * later one only from a paid renewal; a renewal for a period already paid changes nothing,
 * whatever order the provider's notifications arrive in.
 */
export function decideSubscription(command: SubscriptionCommand, state: SubscriptionState): readonly SubscriptionEvent[] {
  const at = command.metadata.now;
  if (command.type === 'StartSubscription') return startSubscription(command, state);
  if (!isSubscription(state)) throw new PurchaseError('no_subscription', `account ${command.data.accountId} has no plan`);
  const { accountId, planId } = state;
  switch (command.type) {
    case 'GrantPeriod':
      return grantPeriod(command, state);
    case 'PayRenewal':
      return payRenewal(command, state);
    case 'FailRenewal':
      return failRenewal(command, state);
    case 'CancelSubscription': {
      const { reason, cause, refundUpgrades } = command.data;
      const ended: SubscriptionEvent[] = state.status === 'cancelled' ? [] : [{ type: 'SubscriptionCancelled', data: { accountId, planId, reason, ...(cause === undefined ? {} : { cause }), at } }];
      return refundUpgrades === undefined ? ended : [...ended, ...refundUpgradesOfOrderPeriod(state, refundUpgrades, at)];
    }
    case 'ScheduleCancellation': {
      if (state.endsAt !== null || state.status === 'cancelled') return [];
      const endsAt = currentPeriodEnd(state);
      return [{ type: 'SubscriptionCancellationScheduled', data: { accountId, planId, endsAt, reason: command.data.reason, at } }];
    }
    case 'ResumeSubscription':
      if (state.endsAt === null) return [];
      if (state.status === 'cancelled' || at >= state.endsAt) throw new PurchaseError('subscription_cancelled', `account ${accountId}: the plan has ended`);
      return [{ type: 'SubscriptionResumed', data: { accountId, planId, at } }];
    case 'UpgradePlan':
      return upgradePlan(command, state);
    case 'ScheduleDowngrade':
      return scheduleDowngrade(command, state);
    case 'OpenRenewalDispute':
      return openRenewalDispute(command, state);
    case 'CloseRenewalDispute':
      return closeRenewalDispute(command, state);
    case 'RefundRenewal':
      return refundRenewal(command, state);
    case 'RecordRenewalRefund':
      return recordRenewalRefund(command, state);
    default:
      return assertNever(command, 'subscription command');
  }
}

function startSubscription(command: StartSubscription, state: SubscriptionState): readonly SubscriptionEvent[] {
  const { accountId, planId, monthlyMillicredits, periodStart } = command.data;
  if (isSubscription(state) && state.status !== 'cancelled') {
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
  if (state.billing === 'provider' && state.periodsGranted > 0) {
    throw new PurchaseError('period_not_paid', `account ${accountId}: plan ${planId} is billed per period; the period from ${periodStart} is granted when its renewal is paid`);
  }
  if (periodStart > command.metadata.now) throw new PurchaseError('period_not_started', `account ${accountId}: the period from ${periodStart} has not started`);
  assertNotEnded(state, periodStart);
  return [{ type: 'PlanPeriodGranted', data: { accountId, planId, monthlyMillicredits, pool, periodStart, periodEnd, at: command.metadata.now, ...state.terms } }];
}

function payRenewal(command: PayRenewal, state: Subscription): readonly SubscriptionEvent[] {
  const { invoiceId, periodStart, periodEnd, amountCents, currency, taxCents, receiptUrl } = command.data;
  const { accountId, pool } = state;
  assertPeriod(accountId, periodStart, periodEnd);
  if (state.billing !== 'provider') throw new PurchaseError('invalid_subscription', `account ${accountId}: plan ${state.planId} is a contract plan; nothing renews it`);
  if (settled(state, periodEnd)) return [];
  assertNotEnded(state, periodStart);
  // A downgrade scheduled for a moment this period runs past: the period is the new plan's.
  const pending = state.pendingChange !== null && periodEnd > state.pendingChange.effectiveAt ? state.pendingChange : null;
  const { planId, monthlyMillicredits } = pending ?? state;
  const terms = pending ? pending.terms : state.terms;
  const receipt = { ...(taxCents === undefined ? {} : { taxCents }), ...(receiptUrl === undefined ? {} : { receiptUrl }) };
  return [
    {
      type: 'PlanPeriodGranted',
      data: { accountId, planId, monthlyMillicredits, pool, periodStart, periodEnd, invoiceId, amountCents, currency, ...receipt, at: command.metadata.now, ...terms },
    },
  ];
}

function failRenewal(command: FailRenewal, state: Subscription): readonly SubscriptionEvent[] {
  const { invoiceId, periodStart, periodEnd, attempt, finalAttempt, reason } = command.data;
  const { accountId, planId } = state;
  assertPeriod(accountId, periodStart, periodEnd);
  if (state.status === 'cancelled' || settled(state, periodEnd)) return [];
  const at = command.metadata.now;
  const known = state.pastDue !== null && state.pastDue.invoiceId === invoiceId && state.pastDue.attempts >= attempt;
  const pastDue: SubscriptionEvent[] = known ? [] : [{ type: 'SubscriptionPastDue', data: { accountId, planId, invoiceId, periodStart, periodEnd, attempt, reason, at } }];
  if (!finalAttempt) return pastDue;
  return [...pastDue, { type: 'SubscriptionCancelled', data: { accountId, planId, reason: `renewal_unpaid: ${reason}`, at } }];
}

/** A renewal for a period that ends no later than the last one granted is settled: a repeat, a late failure, the first invoice. */
function settled(state: Subscription, periodEnd: number): boolean {
  return state.paidThrough !== null && periodEnd <= state.paidThrough;
}

function assertPeriod(accountId: string, periodStart: number, periodEnd: number): void {
  if (!Number.isSafeInteger(periodStart) || !Number.isSafeInteger(periodEnd) || periodEnd <= periodStart) {
    throw new PurchaseError('invalid_subscription', `account ${accountId}: a period must end after it starts (${periodStart}..${periodEnd})`);
  }
}

function assertNotEnded(state: Subscription, periodStart: number): void {
  const { accountId } = state;
  if (state.cancelledAt !== null && periodStart >= state.cancelledAt) throw new PurchaseError('subscription_cancelled', `account ${accountId}: the plan was cancelled before ${periodStart}`);
  if (state.status === 'cancelled') throw new PurchaseError('subscription_cancelled', `account ${accountId}: the plan has ended`);
  if (state.endsAt !== null && periodStart >= state.endsAt) throw new PurchaseError('subscription_cancelled', `account ${accountId}: the plan ends at ${state.endsAt}`);
}

/** Where the period in course ends: the last granted one's end, or the anchor's first month. */
function currentPeriodEnd(state: Subscription): number {
  return state.paidThrough ?? planPeriod(state.anchor, 0).periodEnd;
}

export const subscriptionDecider: Decider<SubscriptionCommand, SubscriptionEvent, SubscriptionState> = {
  decide: decideSubscription,
  evolve: evolveSubscription,
  initialState: initialSubscriptionState,
};
