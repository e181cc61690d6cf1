import type { PlanOffer, SubscriptionCommand, SubscriptionEvent } from '@billing/contracts';
import { codeOf } from '../../testing/purchase-error-code';
import { reactToPurchaseEvent } from '../workflow/purchase-workflow';
import { addCalendarMonths, planPeriod } from './periods';
import { subscriptionDecider } from './subscription-decider';

const DAY = 86_400_000;
const anchor = Date.UTC(2026, 2, 3, 12);
const month = (index: number) => addCalendarMonths(anchor, index);
const explorer = { accountId: 'acct-1', planId: 'explorer', monthlyMillicredits: 1_000_000, pool: 'points' };
const creator: PlanOffer = { planId: 'creator', monthlyMillicredits: 5_000_000, monthlyPriceCents: 9_900, currency: 'USD', concurrencyLimit: 6, priority: false, entitlements: ['batch_generation'] };
const explorerOffer: PlanOffer = { planId: 'explorer', monthlyMillicredits: 1_000_000, monthlyPriceCents: 2_900, currency: 'USD' };
const started: SubscriptionEvent = { type: 'SubscriptionStarted', data: { ...explorer, periodStart: anchor, orderId: 'order-1', providerSubscriptionId: 'sub_1', at: anchor } };
const firstGranted: SubscriptionEvent = { type: 'PlanPeriodGranted', data: { ...explorer, ...planPeriod(anchor, 0), at: anchor } };
const meta = (commandId: string, now: number) => ({ commandId, now });
// 21 of March's 31 days left: 4,000 points x 21/31 = 2,709.677 points, $70 x 21/31 = $47.41 (pricing's priceOfPlanChange).
const upgradeAt = anchor + 10 * DAY;
const upgrade = (now = upgradeAt): SubscriptionCommand => ({
  type: 'UpgradePlan',
  data: { accountId: 'acct-1', to: creator, proratedMillicredits: 2_709_677, proratedCents: 4_741, invoiceId: 'in_up' },
  metadata: meta('upgrade', now),
});
const downgrade = (to: PlanOffer, now: number): SubscriptionCommand => ({ type: 'ScheduleDowngrade', data: { accountId: 'acct-1', to }, metadata: meta('downgrade', now) });
const renewal = (index: number): SubscriptionCommand => ({
  type: 'PayRenewal',
  data: { accountId: 'acct-1', invoiceId: `in_${index}`, ...planPeriod(anchor, index), amountCents: 9_900, currency: 'USD' },
  metadata: meta(`paid-${index}`, month(index)),
});
const stateOf = (events: readonly SubscriptionEvent[]) => events.reduce(subscriptionDecider.evolve, subscriptionDecider.initialState);
const given = (events: readonly SubscriptionEvent[]) => ({
  when: (command: SubscriptionCommand) => subscriptionDecider.decide(command, stateOf(events)),
  then: (command: SubscriptionCommand) => [...events, ...subscriptionDecider.decide(command, stateOf(events))],
});
const upgraded: SubscriptionEvent = {
  type: 'PlanUpgraded',
  data: {
    accountId: 'acct-1',
    fromPlanId: 'explorer',
    planId: 'creator',
    monthlyMillicredits: 5_000_000,
    monthlyPriceCents: 9_900,
    pool: 'points',
    periodEnd: month(1),
    proratedMillicredits: 2_709_677,
    proratedCents: 4_741,
    currency: 'USD',
    invoiceId: 'in_up',
    concurrencyLimit: 6,
    priority: false,
    entitlements: ['batch_generation'],
    at: upgradeAt,
  },
};

describe('upgrading mid-period', () => {
  it('given Explorer paid for March, when upgraded to Creator on day 10, then the plan is Creator now and 2,709.677 points are granted until the period ends, once', () => {
    expect(given([started, firstGranted]).when(upgrade())).toEqual([upgraded]);
    expect(given([started, firstGranted, upgraded]).when(upgrade(upgradeAt + 1))).toEqual([]);
    const grants = reactToPurchaseEvent(upgraded, { now: upgradeAt }).map((c) => c.command);
    expect(grants).toMatchObject([{ type: 'GrantCredits', data: { grantId: `plan-upgrade:acct-1:${upgradeAt}`, millicredits: 2_709_677, expiresAt: month(1) } }]);
    expect(stateOf([started, firstGranted, upgraded])).toMatchObject({ planId: 'creator', monthlyMillicredits: 5_000_000, monthlyPriceCents: 9_900, terms: { entitlements: ['batch_generation'] } });
  });

  it('given an upgraded plan, when the next renewal is paid, then the whole Creator grant is given for the period', () => {
    const events = given([started, firstGranted, upgraded]).then(renewal(1));
    expect(events.at(-1)).toMatchObject({ type: 'PlanPeriodGranted', data: { planId: 'creator', monthlyMillicredits: 5_000_000, ...planPeriod(anchor, 1) } });
  });

  it('given a plan past due, ending at period end, or a contract plan, then an upgrade is refused', () => {
    const pastDue: SubscriptionEvent = { type: 'SubscriptionPastDue', data: { accountId: 'acct-1', planId: 'explorer', invoiceId: 'in_1', ...planPeriod(anchor, 1), attempt: 1, reason: 'card_declined', at: month(1) } };
    expect(codeOf(() => given([started, firstGranted, pastDue]).when(upgrade(month(1) + 1)))).toBe('plan_change_refused');
    const ending: SubscriptionEvent = { type: 'SubscriptionCancellationScheduled', data: { accountId: 'acct-1', planId: 'explorer', endsAt: month(1), reason: 'customer', at: anchor + 1 } };
    expect(codeOf(() => given([started, firstGranted, ending]).when(upgrade()))).toBe('plan_change_refused');
    const contract: SubscriptionEvent = { type: 'SubscriptionStarted', data: { ...explorer, periodStart: anchor, at: anchor } };
    expect(codeOf(() => given([contract, firstGranted]).when(upgrade()))).toBe('plan_change_refused');
  });

  it('given a plan with a smaller grant, when asked as an upgrade, then it is refused: that is a downgrade', () => {
    expect(codeOf(() => given([started, firstGranted, upgraded]).when({ type: 'UpgradePlan', data: { accountId: 'acct-1', to: explorerOffer, proratedMillicredits: 0, proratedCents: 0 }, metadata: meta('up', upgradeAt) }))).toBe('plan_change_refused');
  });
});

describe('downgrading mid-period', () => {
  const scheduledAt = upgradeAt + 5 * DAY;
  const scheduled: SubscriptionEvent = {
    type: 'PlanDowngradeScheduled',
    data: { accountId: 'acct-1', fromPlanId: 'creator', planId: 'explorer', monthlyMillicredits: 1_000_000, monthlyPriceCents: 2_900, effectiveAt: month(1), at: scheduledAt },
  };

  it('given Creator, when downgraded to Explorer mid-period, then nothing changes now and the change waits for the period’s end, once', () => {
    expect(given([started, firstGranted, upgraded]).when(downgrade(explorerOffer, scheduledAt))).toEqual([scheduled]);
    expect(given([started, firstGranted, upgraded, scheduled]).when(downgrade(explorerOffer, scheduledAt + 1))).toEqual([]);
    expect(stateOf([started, firstGranted, upgraded, scheduled])).toMatchObject({ planId: 'creator', monthlyMillicredits: 5_000_000, pendingChange: { planId: 'explorer', effectiveAt: month(1) } });
  });

  it('given a downgrade scheduled, when the next renewal is paid, then that period is Explorer’s: 1,000 points, and the plan is Explorer from then', () => {
    const events = given([started, firstGranted, upgraded, scheduled]).then(renewal(1));
    expect(events.at(-1)).toMatchObject({ type: 'PlanPeriodGranted', data: { planId: 'explorer', monthlyMillicredits: 1_000_000, ...planPeriod(anchor, 1) } });
    expect(stateOf(events)).toMatchObject({ planId: 'explorer', monthlyMillicredits: 1_000_000, monthlyPriceCents: 2_900, pendingChange: null });
  });

  it('given a downgrade scheduled, when upgraded before the period ends, then the downgrade is dropped; a larger plan is never a downgrade', () => {
    const events = [started, firstGranted, upgraded, scheduled];
    const studio: PlanOffer = { planId: 'studio', monthlyMillicredits: 9_000_000, monthlyPriceCents: 19_900, currency: 'USD' };
    expect(codeOf(() => given(events).when(downgrade(studio, scheduledAt)))).toBe('plan_change_refused');
    const again = given(events).then({ type: 'UpgradePlan', data: { accountId: 'acct-1', to: studio, proratedMillicredits: 1, proratedCents: 1 }, metadata: meta('up-2', scheduledAt) });
    expect(stateOf(again)).toMatchObject({ planId: 'studio', pendingChange: null });
  });

  it('given the period is over and not renewed, then a change is refused until the next one is paid', () => {
    const mini: PlanOffer = { planId: 'mini', monthlyMillicredits: 500_000, monthlyPriceCents: 900, currency: 'USD' };
    expect(codeOf(() => given([started, firstGranted]).when(downgrade(mini, month(1))))).toBe('plan_change_refused');
    expect(given([started, firstGranted]).when(downgrade(mini, month(1) - 1))).toMatchObject([{ type: 'PlanDowngradeScheduled', data: { effectiveAt: month(1) } }]);
  });
});
