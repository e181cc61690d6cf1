import type { SubscriptionCommand, SubscriptionEvent } from '@billing/contracts';
import { codeOf } from '../../testing/purchase-error-code';
import { reactToPurchaseEvent } from '../workflow/purchase-workflow';
import { addCalendarMonths, planPeriod } from './periods';
import { subscriptionDecider } from './subscription-decider';

const DAY = 86_400_000;
const anchor = Date.UTC(2026, 2, 3, 12);
const month = (index: number) => addCalendarMonths(anchor, index);
const explorer = { accountId: 'acct-1', planId: 'explorer', monthlyMillicredits: 1_000_000, pool: 'points' };
const started: SubscriptionEvent = { type: 'SubscriptionStarted', data: { ...explorer, periodStart: anchor, orderId: 'order-1', providerSubscriptionId: 'sub_1', at: anchor } };
const firstGranted: SubscriptionEvent = { type: 'PlanPeriodGranted', data: { ...explorer, ...planPeriod(anchor, 0), at: anchor } };
// Explorer ($29, 1,000 points) to Creator ($99, 5,000 points) with 21 of March's 31 days left:
// 4,000 points x 21/31 = 2,709.677 points for $70 x 21/31 = $47.41, invoiced on its own (in_up).
const upgradeAt = anchor + 10 * DAY;
const upgradeGrant = `plan-upgrade:acct-1:${upgradeAt}`;
const upgradedAt = (at: number, periodEnd: number, invoiceId: string | undefined, proratedMillicredits = 2_709_677): SubscriptionEvent => ({
  type: 'PlanUpgraded',
  data: {
    accountId: 'acct-1',
    fromPlanId: 'explorer',
    planId: 'creator',
    monthlyMillicredits: 5_000_000,
    monthlyPriceCents: 9_900,
    pool: 'points',
    periodEnd,
    proratedMillicredits,
    proratedCents: 4_741,
    currency: 'USD',
    ...(invoiceId === undefined ? {} : { invoiceId }),
    at,
  },
});
const upgraded = upgradedAt(upgradeAt, month(1), 'in_up');
const history = [started, firstGranted, upgraded];
const now = upgradeAt + 5 * DAY;
const meta = (commandId: string) => ({ commandId, now });
const upgradePayment = { accountId: 'acct-1', invoiceId: 'in_up', grantId: upgradeGrant, pool: 'points' };

const refundByFinance = (invoiceId = 'in_up'): SubscriptionCommand => ({ type: 'RefundRenewal', data: { accountId: 'acct-1', invoiceId, reason: 'goodwill', initiatedBy: 'finance' }, metadata: meta('refund') });
const record = (revocationId: string, revokedMillicredits: number, amountCents: number): SubscriptionCommand => ({
  type: 'RecordRenewalRefund',
  data: { accountId: 'acct-1', invoiceId: 'in_up', revocationId, revokedMillicredits, amountCents },
  metadata: meta(`record-${revocationId}`),
});
const requested = (reason: string): SubscriptionEvent => ({ type: 'RenewalRefundRequested', data: { ...upgradePayment, reason, initiatedBy: 'finance', at: now } });
const refunded = (revocationId: string, revokedMillicredits: number, amountCents: number): SubscriptionEvent => ({
  type: 'RenewalRefunded',
  data: { ...upgradePayment, amountCents, currency: 'USD', revocationId, revokedMillicredits, at: now },
});
const orderRefunded: SubscriptionCommand = {
  type: 'CancelSubscription',
  data: { accountId: 'acct-1', reason: 'refund (finance): goodwill', cause: 'refund', refundUpgrades: { initiatedBy: 'finance', reason: 'goodwill (order order-1 refunded)' } },
  metadata: meta('order-refunded'),
};
const cancelled: SubscriptionEvent = { type: 'SubscriptionCancelled', data: { accountId: 'acct-1', planId: 'creator', reason: 'refund (finance): goodwill', cause: 'refund', at: now } };

const stateOf = (events: readonly SubscriptionEvent[]) => events.reduce(subscriptionDecider.evolve, subscriptionDecider.initialState);
const given = (events: readonly SubscriptionEvent[]) => ({ when: (command: SubscriptionCommand) => subscriptionDecider.decide(command, stateOf(events)) });

describe('an upgrade’s invoice refunded: a paid charge of its period, as a renewal is', () => {
  it('given an upgrade invoiced on its own, when finance refunds its invoice, then the refund names the upgrade’s grant once, and the workflow revokes what is unspent of that grant', () => {
    expect(given(history).when(refundByFinance())).toEqual([requested('goodwill')]);
    expect(given([...history, requested('goodwill')]).when(refundByFinance())).toEqual([]);
    const revoke = reactToPurchaseEvent(requested('goodwill'), { now }).map(({ command }) => command);
    expect(revoke).toMatchObject([{ type: 'RevokePurchasedCredits', data: { purchaseId: 'in_up', grantId: upgradeGrant, reason: 'refund (finance): goodwill' } }]);
  });

  it('given 1,500 of its 2,709.677 points spent, then the revocation of the other 1,209.677 returns floor(4,741 x 1,209,677 / 2,709,677) = 2,116 cents; 100 points a task gives back later 175 more (2,291 in all, as one revocation of 1,309.677); nothing twice', () => {
    const asked = [...history, requested('goodwill')];
    expect(codeOf(() => given(asked).when(record('ev-1', 1_209_677, 2_117)))).toBe('refund_mismatch');
    expect(given(asked).when(record('ev-1', 1_209_677, 2_116))).toEqual([refunded('ev-1', 1_209_677, 2_116)]);
    const first = [...asked, refunded('ev-1', 1_209_677, 2_116)];
    expect(given(first).when(record('ev-1', 1_209_677, 2_116))).toEqual([]);
    expect(given(first).when(record('ev-2', 100_000, 175))).toEqual([refunded('ev-2', 100_000, 175)]);
    // Never more than the invoice: all of it revoked returns exactly $47.41.
    expect(given(asked).when(record('ev-all', 2_709_677, 4_741))).toEqual([refunded('ev-all', 2_709_677, 4_741)]);
  });

  it('given an upgrade with no invoice, or no credits granted, then there is no upgrade payment to refund', () => {
    expect(codeOf(() => given([started, firstGranted, upgradedAt(upgradeAt, month(1), undefined)]).when(refundByFinance()))).toBe('not_paid');
    expect(codeOf(() => given([started, firstGranted, upgradedAt(upgradeAt, month(1), 'in_up', 0)]).when(refundByFinance()))).toBe('not_paid');
  });
});

describe('a plan’s order refunded here: the upgrades of the order’s period go with it', () => {
  it('when the order’s refund ends the plan, then each upgrade paid in the first period is refunded too (its unspent share, pro rata), once', () => {
    expect(given(history).when(orderRefunded)).toEqual([cancelled, requested('goodwill (order order-1 refunded)')]);
    expect(given([...history, cancelled, requested('goodwill (order order-1 refunded)')]).when(orderRefunded)).toEqual([]);
  });

  it('given the upgrade already refunded, or the plan ended by a chargeback (no refundUpgrades), then no upgrade refund is asked', () => {
    expect(given([...history, requested('goodwill')]).when(orderRefunded)).toEqual([cancelled]);
    const chargeback: SubscriptionCommand = { type: 'CancelSubscription', data: { accountId: 'acct-1', reason: 'chargeback: dispute dp_1 lost', cause: 'chargeback' }, metadata: meta('chargeback') };
    expect(given(history).when(chargeback)).toEqual([{ type: 'SubscriptionCancelled', data: { accountId: 'acct-1', planId: 'creator', reason: 'chargeback: dispute dp_1 lost', cause: 'chargeback', at: now } }]);
  });

  it('given an upgrade in a later period (paid by a renewal, not the order), then the order’s refund leaves it paid', () => {
    const renewed: SubscriptionEvent = { type: 'PlanPeriodGranted', data: { ...explorer, ...planPeriod(anchor, 1), invoiceId: 'in_1', amountCents: 2_900, currency: 'USD', at: month(1) } };
    const later = upgradedAt(month(1) + DAY, month(2), 'in_up_2');
    expect(given([started, firstGranted, renewed, later]).when(orderRefunded)).toEqual([{ ...cancelled }]);
  });
});
