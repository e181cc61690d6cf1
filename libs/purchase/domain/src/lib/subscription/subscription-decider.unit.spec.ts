import type { SubscriptionCommand, SubscriptionEvent } from '@billing/contracts';
import fc from 'fast-check';
import { planPeriod } from './periods';
import { periodsDue } from './periods-due';
import { subscriptionDecider } from './subscription-decider';
import { codeOf } from '../../testing/purchase-error-code';

const anchor = Date.UTC(2025, 0, 31);
const now = Date.UTC(2025, 5, 1);
const started: SubscriptionEvent = {
  type: 'SubscriptionStarted',
  data: { accountId: 'acct-1', planId: 'creator', monthlyMillicredits: 5_000_000, pool: 'app', periodStart: anchor, at: anchor },
};
const start: SubscriptionCommand = {
  type: 'StartSubscription',
  data: { accountId: 'acct-1', planId: 'creator', monthlyMillicredits: 5_000_000, pool: 'app', periodStart: anchor },
  metadata: { commandId: 'start', now: anchor },
};
const grant = (index: number, at = now): SubscriptionCommand => ({
  type: 'GrantPeriod',
  data: { accountId: 'acct-1', ...planPeriod(anchor, index) },
  metadata: { commandId: `grant-${index}`, now: at },
});
const granted = (index: number): SubscriptionEvent => ({
  type: 'PlanPeriodGranted',
  data: { accountId: 'acct-1', planId: 'creator', monthlyMillicredits: 5_000_000, pool: 'app', ...planPeriod(anchor, index), at: now },
});
const cancel: SubscriptionCommand = { type: 'CancelSubscription', data: { accountId: 'acct-1', reason: 'refund' }, metadata: { commandId: 'cancel', now } };

const given = (events: readonly SubscriptionEvent[]) => ({
  when: (command: SubscriptionCommand) => subscriptionDecider.decide(command, events.reduce(subscriptionDecider.evolve, subscriptionDecider.initialState)),
});

describe('plan subscriptions (contract plans, granted by the calendar)', () => {
  it('a paid plan starts a subscription, once', () => {
    expect(given([]).when(start)).toEqual([started]);
    expect(given([started]).when(start)).toEqual([]);
  });

  it('the plan terms a start carries are repeated by every period it grants', () => {
    const terms = { concurrencyLimit: 24, priority: true, entitlements: ['batch_generation' as const] };
    const withTerms: SubscriptionEvent = { ...started, data: { ...started.data, ...terms } };
    expect(given([]).when({ ...start, data: { ...start.data, ...terms } })).toEqual([withTerms]);
    expect(given([withTerms]).when(grant(0))).toEqual([{ ...granted(0), data: { ...granted(0).data, ...terms } }]);
  });

  it('a second, different plan while one is active is an error', () => {
    const other: SubscriptionCommand = { ...start, data: { ...start.data, planId: 'studio' } };
    expect(codeOf(() => given([started]).when(other))).toBe('already_subscribed');
  });

  it('plan grants come once per period', () => {
    expect(given([started]).when(grant(0))).toEqual([granted(0)]);
    expect(given([started, granted(0)]).when(grant(0))).toEqual([]);
    expect(given([started, granted(0)]).when(grant(1))).toEqual([granted(1)]);
  });

  it('a period that does not follow on is an error', () => {
    expect(codeOf(() => given([started]).when(grant(1)))).toBe('period_out_of_sequence');
    const shifted: SubscriptionCommand = {
      type: 'GrantPeriod',
      data: { accountId: 'acct-1', periodStart: anchor + 1, periodEnd: planPeriod(anchor, 0).periodEnd },
      metadata: { commandId: 'shifted', now },
    };
    expect(codeOf(() => given([started]).when(shifted))).toBe('period_out_of_sequence');
  });

  it('a period that has not started yet is not granted', () => {
    expect(codeOf(() => given([started, granted(0)]).when(grant(1, anchor + 1)))).toBe('period_not_started');
  });

  it('a cancelled plan grants no period that starts after the cancellation', () => {
    const cancelled: SubscriptionEvent = { type: 'SubscriptionCancelled', data: { accountId: 'acct-1', planId: 'creator', reason: 'refund', at: Date.UTC(2025, 1, 1) } };
    expect(given([started, granted(0)]).when(cancel)).toEqual([{ ...cancelled, data: { ...cancelled.data, at: now } }]);
    expect(given([started, granted(0), cancelled]).when(cancel)).toEqual([]);
    expect(codeOf(() => given([started, granted(0), cancelled]).when(grant(1)))).toBe('subscription_cancelled');
  });

  it('a grant without a subscription is an error', () => {
    expect(codeOf(() => given([]).when(grant(0)))).toBe('no_subscription');
  });

  it('granting every due period, in any repetition, grants each period exactly once', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 30 }), { maxLength: 40 }), fc.integer({ min: 0, max: 36 }), (repeats, months) => {
        const at = Date.UTC(2025, 0, 31 + months * 30);
        let events: SubscriptionEvent[] = [started];
        const state = () => events.reduce(subscriptionDecider.evolve, subscriptionDecider.initialState);
        for (const period of periodsDue(state(), at)) {
          events = [...events, ...subscriptionDecider.decide({ type: 'GrantPeriod', data: { accountId: 'acct-1', ...period }, metadata: { commandId: 'g', now: at } }, state())];
        }
        for (const index of repeats) {
          const granted = events.filter((event) => event.type === 'PlanPeriodGranted').length;
          if (index < granted) expect(subscriptionDecider.decide({ ...grant(index), metadata: { commandId: 'again', now: at } }, state())).toEqual([]);
        }
        const starts = events.flatMap((event) => (event.type === 'PlanPeriodGranted' ? [event.data.periodStart] : []));
        expect(new Set(starts).size).toBe(starts.length);
        expect(periodsDue(state(), at)).toEqual([]);
        expect(starts.every((start) => start <= at)).toBe(true);
      }),
    );
  });
});
