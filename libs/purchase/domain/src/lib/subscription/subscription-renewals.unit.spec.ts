import type { SubscriptionCommand, SubscriptionEvent } from '@billing/contracts';
import fc from 'fast-check';
import { PurchaseError } from '../purchase-errors';
import { addCalendarMonths, planPeriod } from './periods';
import { periodsDue, renewalDue, scheduledEndDue } from './periods-due';
import { subscriptionDecider } from './subscription-decider';
import type { SubscriptionState } from './subscription-state';
import { codeOf } from '../../testing/purchase-error-code';

const anchor = Date.UTC(2026, 0, 31, 9, 30);
const month = (index: number) => addCalendarMonths(anchor, index);
const plan = { accountId: 'acct-1', planId: 'creator', monthlyMillicredits: 5_000_000, pool: 'app' };
const started: SubscriptionEvent = { type: 'SubscriptionStarted', data: { ...plan, periodStart: anchor, orderId: 'order-1', providerSubscriptionId: 'sub_1', at: anchor } };
const firstGranted: SubscriptionEvent = { type: 'PlanPeriodGranted', data: { ...plan, ...planPeriod(anchor, 0), at: anchor } };
const meta = (commandId: string, now: number) => ({ commandId, now });

const grant = (index: number, now: number): SubscriptionCommand => ({ type: 'GrantPeriod', data: { accountId: 'acct-1', ...planPeriod(anchor, index) }, metadata: meta(`grant-${index}`, now) });
const paid = (index: number, now = month(index)): SubscriptionCommand => ({
  type: 'PayRenewal',
  data: { accountId: 'acct-1', invoiceId: `in_${index}`, ...planPeriod(anchor, index), amountCents: 9_900, currency: 'USD' },
  metadata: meta(`paid-${index}`, now),
});
const failed = (index: number, attempt: number, finalAttempt = false): SubscriptionCommand => ({
  type: 'FailRenewal',
  data: { accountId: 'acct-1', invoiceId: `in_${index}`, ...planPeriod(anchor, index), attempt, finalAttempt, reason: 'card_declined' },
  metadata: meta(`failed-${index}-${attempt}`, month(index) + attempt),
});
const renewed = (index: number, now = month(index)): SubscriptionEvent => ({
  type: 'PlanPeriodGranted',
  data: { ...plan, ...planPeriod(anchor, index), invoiceId: `in_${index}`, amountCents: 9_900, currency: 'USD', at: now },
});
const pastDue = (index: number, attempt: number): SubscriptionEvent => ({
  type: 'SubscriptionPastDue',
  data: { accountId: 'acct-1', planId: 'creator', invoiceId: `in_${index}`, ...planPeriod(anchor, index), attempt, reason: 'card_declined', at: month(index) + attempt },
});

const stateOf = (events: readonly SubscriptionEvent[]): SubscriptionState => events.reduce(subscriptionDecider.evolve, subscriptionDecider.initialState);
const given = (events: readonly SubscriptionEvent[]) => ({ when: (command: SubscriptionCommand) => subscriptionDecider.decide(command, stateOf(events)) });

describe('plans bought online: one grant per paid period', () => {
  it('given a plan paid once, when months pass without a renewal paid, then nothing more is due or granted', () => {
    const state = stateOf([started, firstGranted]);
    expect(periodsDue(state, month(6))).toEqual([]);
    expect(codeOf(() => given([started, firstGranted]).when(grant(1, month(1))))).toBe('period_not_paid');
  });

  it('given a plan paid, its first period is granted by its order, and the renewal of the next one is due at its start', () => {
    expect(periodsDue(stateOf([started]), anchor)).toEqual([planPeriod(anchor, 0)]);
    expect(given([started]).when(grant(0, anchor))).toEqual([firstGranted]);
    expect(renewalDue(stateOf([started, firstGranted]), month(1) - 1)).toBeNull();
    expect(renewalDue(stateOf([started, firstGranted]), month(1))).toEqual(planPeriod(anchor, 1));
  });

  it('when a renewal is paid, then its period is granted once, with the invoice that paid it', () => {
    expect(given([started, firstGranted]).when(paid(1))).toEqual([renewed(1)]);
    expect(given([started, firstGranted, renewed(1)]).when(paid(1))).toEqual([]);
    expect(given([started, firstGranted, renewed(1)]).when(paid(2))).toEqual([renewed(2)]);
  });

  it('the provider’s first invoice (a period ending no later than the one the order paid) grants nothing', () => {
    const firstInvoice: SubscriptionCommand = {
      type: 'PayRenewal',
      data: { accountId: 'acct-1', invoiceId: 'in_0', periodStart: anchor - 2_000, periodEnd: month(1) - 2_000, amountCents: 9_900, currency: 'USD' },
      metadata: meta('first', anchor),
    };
    expect(given([started, firstGranted]).when(firstInvoice)).toEqual([]);
  });

  it('when a renewal fails, then the plan is past due and nothing is granted; a retry that succeeds grants the period and the plan is active again', () => {
    expect(given([started, firstGranted]).when(failed(1, 1))).toEqual([pastDue(1, 1)]);
    expect(given([started, firstGranted, pastDue(1, 1)]).when(failed(1, 1))).toEqual([]);
    expect(given([started, firstGranted, pastDue(1, 1)]).when(failed(1, 2))).toEqual([pastDue(1, 2)]);
    expect(stateOf([started, firstGranted, pastDue(1, 1)])).toMatchObject({ status: 'past_due', periodsGranted: 1 });
    expect(given([started, firstGranted, pastDue(1, 1)]).when(paid(1, month(1) + 5))).toEqual([renewed(1, month(1) + 5)]);
    expect(stateOf([started, firstGranted, pastDue(1, 1), renewed(1)])).toMatchObject({ status: 'active', pastDue: null, periodsGranted: 2 });
  });

  it('when the provider gives up on a renewal, then the plan ends', () => {
    const ended: SubscriptionEvent = { type: 'SubscriptionCancelled', data: { accountId: 'acct-1', planId: 'creator', reason: 'renewal_unpaid: card_declined', at: month(1) + 3 } };
    expect(given([started, firstGranted, pastDue(1, 1), pastDue(1, 2)]).when(failed(1, 3, true))).toEqual([pastDue(1, 3), ended]);
    expect(given([started, firstGranted, pastDue(1, 3), ended]).when(failed(1, 3, true))).toEqual([]);
    expect(codeOf(() => given([started, firstGranted, pastDue(1, 3), ended]).when(paid(1)))).toBe('subscription_cancelled');
  });

  it('a failure that arrives after its renewal was paid changes nothing', () => {
    expect(given([started, firstGranted, renewed(1)]).when(failed(1, 1))).toEqual([]);
  });

  it('a renewal with a period that ends before it starts is an error', () => {
    const backwards: SubscriptionCommand = { ...paid(1), data: { ...(paid(1).data as object), periodEnd: month(1) } } as SubscriptionCommand;
    expect(codeOf(() => given([started, firstGranted]).when(backwards))).toBe('invalid_subscription');
  });
});

describe('cancelling at period end', () => {
  const scheduled = (endsAt: number, at: number): SubscriptionEvent => ({
    type: 'SubscriptionCancellationScheduled',
    data: { accountId: 'acct-1', planId: 'creator', endsAt, reason: 'customer', at },
  });
  const schedule = (now: number): SubscriptionCommand => ({ type: 'ScheduleCancellation', data: { accountId: 'acct-1', reason: 'customer' }, metadata: meta('schedule', now) });
  const resume = (now: number): SubscriptionCommand => ({ type: 'ResumeSubscription', data: { accountId: 'acct-1' }, metadata: meta('resume', now) });

  it('when cancelled mid-period, then the plan ends when the paid period ends, once', () => {
    const at = month(1) + 86_400_000;
    expect(given([started, firstGranted, renewed(1)]).when(schedule(at))).toEqual([scheduled(month(2), at)]);
    expect(given([started, firstGranted, renewed(1), scheduled(month(2), at)]).when(schedule(at))).toEqual([]);
    const state = stateOf([started, firstGranted, renewed(1), scheduled(month(2), at)]);
    expect(renewalDue(state, month(2))).toBeNull();
    expect(scheduledEndDue(state, month(2) - 1)).toBe(false);
    expect(scheduledEndDue(state, month(2))).toBe(true);
    expect(codeOf(() => given([started, firstGranted, renewed(1), scheduled(month(2), at)]).when(paid(2)))).toBe('subscription_cancelled');
  });

  it('when resumed before the end, then the plan renews as before; after the end it cannot be', () => {
    const at = month(0) + 1;
    const events = [started, firstGranted, scheduled(month(1), at)];
    expect(given(events).when(resume(month(1) - 1))).toEqual([{ type: 'SubscriptionResumed', data: { accountId: 'acct-1', planId: 'creator', at: month(1) - 1 } }]);
    expect(renewalDue(stateOf([...events, { type: 'SubscriptionResumed', data: { accountId: 'acct-1', planId: 'creator', at } }]), month(1))).toEqual(planPeriod(anchor, 1));
    expect(codeOf(() => given(events).when(resume(month(1))))).toBe('subscription_cancelled');
    expect(given([started, firstGranted]).when(resume(at))).toEqual([]);
  });
});

describe('renewals delivered in any order and any number of times', () => {
  it('grant each paid period exactly once, and never one only failed', () => {
    const notice = fc.record({ index: fc.integer({ min: 1, max: 6 }), paid: fc.boolean(), attempt: fc.integer({ min: 1, max: 3 }) });
    fc.assert(
      fc.property(fc.array(notice, { maxLength: 40 }), (notices) => {
        let events: SubscriptionEvent[] = [started, firstGranted];
        for (const { index, paid: wasPaid, attempt } of notices) {
          const command = wasPaid ? paid(index) : failed(index, attempt);
          try {
            events = [...events, ...subscriptionDecider.decide(command, stateOf(events))];
          } catch (error) {
            if (!(error instanceof PurchaseError)) throw error;
          }
        }
        const grants = events.flatMap((event) => (event.type === 'PlanPeriodGranted' ? [event.data.periodStart] : []));
        expect(new Set(grants).size).toBe(grants.length);
        const paidStarts = new Set(notices.filter((n) => n.paid).map((n) => planPeriod(anchor, n.index).periodStart));
        for (const start of grants.slice(1)) expect(paidStarts.has(start)).toBe(true);
      }),
    );
  });
});
