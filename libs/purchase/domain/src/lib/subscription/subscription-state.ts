import type { EpochMillis, PlanTerms, SubscriptionEvent } from '@billing/contracts';
import { assertNever } from '@billing/util';
import { planGrantId, planUpgradeGrantId } from '../workflow/purchase-command';
import type { PaidRenewal } from './renewal-payments';

/** `provider`: bought online, every period after the first is paid by a renewal; `contract`: granted by the calendar. */
export type SubscriptionBilling = 'provider' | 'contract';

/** The renewal the provider could not collect yet. */
export interface PastDueRenewal {
  readonly invoiceId: string;
  readonly periodStart: EpochMillis;
  readonly periodEnd: EpochMillis;
  readonly attempts: number;
  readonly lastAttemptAt: EpochMillis;
}

/** A downgrade waiting for the paid period to end: the renewal after `effectiveAt` is this plan's. */
export interface PendingPlanChange {
  readonly planId: string;
  readonly monthlyMillicredits: number;
  readonly monthlyPriceCents: number;
  readonly effectiveAt: EpochMillis;
  readonly terms?: PlanTerms;
}

export interface Subscription {
  readonly status: 'active' | 'past_due' | 'cancelled';
  readonly accountId: string;
  readonly planId: string;
  readonly monthlyMillicredits: number;
  readonly pool: string;
  readonly billing: SubscriptionBilling;
  readonly orderId?: string;
  readonly providerSubscriptionId?: string;
  /** Every calendar period starts this many calendar months after the anchor. */
  readonly anchor: EpochMillis;
  /** Periods are granted in order, so a count says which ones. */
  readonly periodsGranted: number;
  /** Where the last granted period ends: a renewal for a period ending no later is already settled. */
  readonly paidThrough: EpochMillis | null;
  /** Where the last granted period starts (absent before the first): with `paidThrough`, the paid period a change is priced in. */
  readonly paidFrom?: EpochMillis;
  readonly pastDue: PastDueRenewal | null;
  readonly cancelledAt: EpochMillis | null;
  /** Set by a cancellation at period end: the plan ends then unless resumed before. */
  readonly endsAt: EpochMillis | null;
  /** The plan's terms as sold, when the start carried them; each granted period repeats them. */
  readonly terms?: PlanTerms;
  /** The monthly price of the plan now, once a change named it (else the order's amount). */
  readonly monthlyPriceCents?: number;
  readonly pendingChange: PendingPlanChange | null;
  /** Each period a renewal paid, by invoice: what its dispute or refund finds. */
  readonly renewals: ReadonlyMap<string, PaidRenewal>;
}

export type SubscriptionState = { readonly status: 'none' } | Subscription;

export const initialSubscriptionState: SubscriptionState = { status: 'none' };

export function isSubscription(state: SubscriptionState): state is Subscription {
  return state.status !== 'none';
}

/** The plan gives its terms at `now`: started, not ended, not past a scheduled end (a past-due plan still counts). */
export function planInForce(state: SubscriptionState, now: EpochMillis): state is Subscription {
  return isSubscription(state) && state.status !== 'cancelled' && (state.endsAt === null || now < state.endsAt);
}

export function evolveSubscription(state: SubscriptionState, event: SubscriptionEvent): SubscriptionState {
  if (event.type === 'SubscriptionStarted') return started(event.data);
  if (!isSubscription(state)) return state;
  switch (event.type) {
    case 'PlanPeriodGranted': {
      const granted = {
        ...state,
        status: state.status === 'cancelled' ? ('cancelled' as const) : ('active' as const),
        periodsGranted: state.periodsGranted + 1,
        paidFrom: event.data.periodStart,
        paidThrough: event.data.periodEnd,
        pastDue: null,
        renewals: withPaidRenewal(state.renewals, event.data),
      };
      const pending = state.pendingChange;
      if (pending === null || pending.planId !== event.data.planId) return granted;
      // The renewal after a downgrade's moment is the new plan's.
      const { effectiveAt: _effectiveAt, terms, ...plan } = pending;
      return { ...granted, ...plan, ...(terms ? { terms } : {}), pendingChange: null };
    }
    case 'PlanUpgraded': {
      const { planId, monthlyMillicredits, monthlyPriceCents } = event.data;
      const terms = termsOf(event.data);
      return { ...state, planId, monthlyMillicredits, monthlyPriceCents, ...(terms ? { terms } : {}), pendingChange: null, renewals: withPaidUpgrade(state.renewals, event.data) };
    }
    case 'PlanDowngradeScheduled': {
      const { planId, monthlyMillicredits, monthlyPriceCents, effectiveAt } = event.data;
      const terms = termsOf(event.data);
      return { ...state, pendingChange: { planId, monthlyMillicredits, monthlyPriceCents, effectiveAt, ...(terms ? { terms } : {}) } };
    }
    case 'SubscriptionPastDue': {
      const { invoiceId, periodStart, periodEnd, attempt, at } = event.data;
      return { ...state, status: 'past_due', pastDue: { invoiceId, periodStart, periodEnd, attempts: attempt, lastAttemptAt: at } };
    }
    case 'RenewalDisputed':
    case 'RenewalDisputeClosed': {
      const { invoiceId, disputeId } = event.data;
      const status = event.type === 'RenewalDisputed' ? 'open' : event.data.outcome;
      return withRenewal(state, invoiceId, (renewal) => ({ ...renewal, dispute: { disputeId, status } }));
    }
    case 'RenewalRefundRequested': {
      const { initiatedBy, reason, providerRefundedCents } = event.data;
      const refund = { initiatedBy, reason, ...(providerRefundedCents === undefined ? {} : { providerRefundedCents }) };
      return withRenewal(state, event.data.invoiceId, (renewal) => ({ ...renewal, refund }));
    }
    case 'RenewalRefunded': {
      const { invoiceId, amountCents, revocationId, revokedMillicredits } = event.data;
      return withRenewal(state, invoiceId, (renewal) => ({
        ...renewal,
        refundedCents: renewal.refundedCents + amountCents,
        revokedMillicredits: renewal.revokedMillicredits + revokedMillicredits,
        revocations: [...renewal.revocations, revocationId],
      }));
    }
    case 'SubscriptionCancelled':
      return { ...state, status: 'cancelled', cancelledAt: event.data.at };
    case 'SubscriptionCancellationScheduled':
      return { ...state, endsAt: event.data.endsAt };
    case 'SubscriptionResumed':
      return { ...state, endsAt: null };
    default:
      return assertNever(event, 'subscription event');
  }
}

/** A period a renewal paid (a first period and a contract plan's have no invoice) is kept for its dispute or refund. */
function withPaidRenewal(renewals: ReadonlyMap<string, PaidRenewal>, data: Extract<SubscriptionEvent, { type: 'PlanPeriodGranted' }>['data']): ReadonlyMap<string, PaidRenewal> {
  const { invoiceId, periodStart, periodEnd, monthlyMillicredits, amountCents, currency } = data;
  if (invoiceId === undefined || amountCents === undefined || currency === undefined) return renewals;
  const grantId = planGrantId(data.accountId, periodStart);
  const renewal: PaidRenewal = { kind: 'renewal', invoiceId, grantId, periodStart, periodEnd, millicredits: monthlyMillicredits, amountCents, currency, ...unsettled };
  return new Map(renewals).set(invoiceId, renewal);
}

/** An upgrade the provider invoiced, with credits granted, is a charge of its period like a renewal: kept for its dispute or refund. */
function withPaidUpgrade(renewals: ReadonlyMap<string, PaidRenewal>, data: Extract<SubscriptionEvent, { type: 'PlanUpgraded' }>['data']): ReadonlyMap<string, PaidRenewal> {
  const { invoiceId, accountId, at, periodEnd, proratedMillicredits, proratedCents, currency } = data;
  if (invoiceId === undefined || proratedMillicredits === 0) return renewals;
  const upgrade: PaidRenewal = { kind: 'upgrade', invoiceId, grantId: planUpgradeGrantId(accountId, at), periodStart: at, periodEnd, millicredits: proratedMillicredits, amountCents: proratedCents, currency, ...unsettled };
  return new Map(renewals).set(invoiceId, upgrade);
}

const unsettled = { dispute: null, refund: null, refundedCents: 0, revokedMillicredits: 0, revocations: [] } as const;

function withRenewal(state: Subscription, invoiceId: string, change: (renewal: PaidRenewal) => PaidRenewal): Subscription {
  const renewal = state.renewals.get(invoiceId);
  return renewal === undefined ? state : { ...state, renewals: new Map(state.renewals).set(invoiceId, change(renewal)) };
}

/** The plan's terms, when a message carries all three. */
export function termsOf(data: Partial<PlanTerms>): PlanTerms | undefined {
  const { concurrencyLimit, priority, entitlements } = data;
  return concurrencyLimit === undefined || priority === undefined || entitlements === undefined ? undefined : { concurrencyLimit, priority, entitlements };
}

function started(data: Extract<SubscriptionEvent, { type: 'SubscriptionStarted' }>['data']): Subscription {
  const { accountId, planId, monthlyMillicredits, pool, periodStart, orderId, providerSubscriptionId } = data;
  const planTerms = termsOf(data);
  const terms = planTerms ? { terms: planTerms } : {};
  return {
    status: 'active',
    accountId,
    planId,
    monthlyMillicredits,
    pool,
    billing: orderId === undefined ? 'contract' : 'provider',
    ...(orderId === undefined ? {} : { orderId }),
    ...(providerSubscriptionId === undefined ? {} : { providerSubscriptionId }),
    anchor: periodStart,
    periodsGranted: 0,
    paidThrough: null,
    pastDue: null,
    cancelledAt: null,
    endsAt: null,
    pendingChange: null,
    renewals: new Map(),
    ...terms,
  };
}
