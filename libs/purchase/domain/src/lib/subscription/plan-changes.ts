import type { PlanOffer, ScheduleDowngrade, SubscriptionEvent, UpgradePlan } from '@billing/contracts';
import { isMillicredits } from '@billing/util';
import { PurchaseError } from '../purchase-errors';
import { planPeriod } from './periods';
import { planInForce, type Subscription } from './subscription-state';

/**
 * Plan changes of a plan bought online (`libs/purchase/README.md`, "Plan changes"): an
 * upgrade takes effect now with its pro rata grant and charge (priced outside, passed in);
 * a downgrade when the paid period ends. Asking again for the plan already in force, or
 * already scheduled, changes nothing.
 */
export function upgradePlan(command: UpgradePlan, state: Subscription): readonly SubscriptionEvent[] {
  const { to, proratedMillicredits, proratedCents, invoiceId, taxCents, receiptUrl } = command.data;
  const at = command.metadata.now;
  if (state.planId === to.planId) return [];
  const periodEnd = changeablePeriodEnd(state, at);
  if (to.monthlyMillicredits <= state.monthlyMillicredits) refuse(state, `plan ${to.planId} grants no more than ${state.planId}: it is a downgrade, taken at the period's end`);
  if (!isMillicredits(proratedMillicredits) || proratedMillicredits < 0 || !Number.isSafeInteger(proratedCents) || proratedCents < 0) {
    throw new PurchaseError('invalid_subscription', `account ${state.accountId}: a pro rata grant and charge are whole millicredits and cents, not below zero`);
  }
  const { accountId, planId: fromPlanId, pool } = state;
  const receipt = { ...(invoiceId === undefined ? {} : { invoiceId }), ...(taxCents === undefined ? {} : { taxCents }), ...(receiptUrl === undefined ? {} : { receiptUrl }) };
  return [{ type: 'PlanUpgraded', data: { accountId, fromPlanId, ...offerData(to), pool, periodEnd, proratedMillicredits, proratedCents, currency: to.currency, ...receipt, at } }];
}

export function scheduleDowngrade(command: ScheduleDowngrade, state: Subscription): readonly SubscriptionEvent[] {
  const { to } = command.data;
  const at = command.metadata.now;
  if (state.planId === to.planId || state.pendingChange?.planId === to.planId) return [];
  const effectiveAt = changeablePeriodEnd(state, at);
  if (to.monthlyMillicredits > state.monthlyMillicredits) refuse(state, `plan ${to.planId} grants more than ${state.planId}: it is an upgrade, taken now`);
  return [{ type: 'PlanDowngradeScheduled', data: { accountId: state.accountId, fromPlanId: state.planId, ...offerData(to), effectiveAt, at } }];
}

/** The end of the paid period a change falls in; only an active plan bought online, not ending, is changed. */
function changeablePeriodEnd(state: Subscription, at: number): number {
  if (state.billing !== 'provider') refuse(state, `plan ${state.planId} is a contract plan: it is changed by contract`);
  if (!planInForce(state, at) || state.endsAt !== null) refuse(state, 'the plan has ended or ends at the period’s end: resume it first');
  if (state.status !== 'active') refuse(state, 'a renewal is unpaid: the plan changes once it is paid');
  const periodEnd = state.paidThrough ?? planPeriod(state.anchor, 0).periodEnd;
  if (at >= periodEnd) refuse(state, 'the paid period is over: the plan changes once the next is paid');
  return periodEnd;
}

function offerData(offer: PlanOffer) {
  const { planId, monthlyMillicredits, monthlyPriceCents, concurrencyLimit, priority, entitlements } = offer;
  const terms = concurrencyLimit === undefined || priority === undefined || entitlements === undefined ? {} : { concurrencyLimit, priority, entitlements };
  return { planId, monthlyMillicredits, monthlyPriceCents, ...terms };
}

function refuse(state: Subscription, why: string): never {
  throw new PurchaseError('plan_change_refused', `account ${state.accountId}: ${why}`);
}
