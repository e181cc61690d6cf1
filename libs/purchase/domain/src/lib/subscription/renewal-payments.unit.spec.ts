import type { SubscriptionCommand, SubscriptionEvent } from '@billing/contracts';
import { addCalendarMonths, planPeriod } from './periods';
import { subscriptionDecider } from './subscription-decider';
import type { SubscriptionState } from './subscription-state';
import { codeOf } from '../../testing/purchase-error-code';

const anchor = Date.UTC(2026, 0, 31, 9, 30);
const month = (index: number) => addCalendarMonths(anchor, index);
const plan = { accountId: 'acct-1', planId: 'creator', monthlyMillicredits: 5_000_000, pool: 'app' };
const started: SubscriptionEvent = { type: 'SubscriptionStarted', data: { ...plan, periodStart: anchor, orderId: 'order-1', providerSubscriptionId: 'sub_1', at: anchor } };
const firstGranted: SubscriptionEvent = { type: 'PlanPeriodGranted', data: { ...plan, ...planPeriod(anchor, 0), at: anchor } };
const renewed: SubscriptionEvent = { type: 'PlanPeriodGranted', data: { ...plan, ...planPeriod(anchor, 1), invoiceId: 'in_1', amountCents: 9_900, currency: 'USD', at: month(1) } };
const history = [started, firstGranted, renewed];
const now = month(1) + 86_400_000;
const meta = (commandId: string) => ({ commandId, now });
const payment = { accountId: 'acct-1', invoiceId: 'in_1', grantId: `plan:acct-1:${month(1)}`, pool: 'app' };

const open: SubscriptionCommand = { type: 'OpenRenewalDispute', data: { accountId: 'acct-1', invoiceId: 'in_1', disputeId: 'dp_1', amountCents: 9_900 }, metadata: meta('open') };
const close = (outcome: 'won' | 'lost', amountCents = 9_900): SubscriptionCommand => ({
  type: 'CloseRenewalDispute',
  data: { accountId: 'acct-1', invoiceId: 'in_1', disputeId: 'dp_1', outcome, amountCents },
  metadata: meta(`close-${outcome}`),
});
const refund = (providerRefundedCents: number, invoiceId = 'in_1'): SubscriptionCommand => ({
  type: 'RefundRenewal',
  data: { accountId: 'acct-1', invoiceId, reason: 'refunded at the payment provider', providerRefundedCents },
  metadata: meta('refund'),
});
const record = (revocationId: string, revokedMillicredits: number, amountCents: number): SubscriptionCommand => ({
  type: 'RecordRenewalRefund',
  data: { accountId: 'acct-1', invoiceId: 'in_1', revocationId, revokedMillicredits, amountCents },
  metadata: meta(`record-${revocationId}`),
});

const disputed: SubscriptionEvent = { type: 'RenewalDisputed', data: { ...payment, disputeId: 'dp_1', amountCents: 9_900, currency: 'USD', at: now } };
const closed = (outcome: 'won' | 'lost'): SubscriptionEvent => ({ type: 'RenewalDisputeClosed', data: { ...payment, disputeId: 'dp_1', outcome, amountCents: 9_900, currency: 'USD', at: now } });
const requested = (providerRefundedCents: number, reason = 'refunded at the payment provider'): SubscriptionEvent => ({
  type: 'RenewalRefundRequested',
  data: { ...payment, reason, initiatedBy: 'provider', providerRefundedCents, at: now },
});
const refunded = (revocationId: string, revokedMillicredits: number, amountCents: number): SubscriptionEvent => ({
  type: 'RenewalRefunded',
  data: { ...payment, amountCents, currency: 'USD', revocationId, revokedMillicredits, at: now },
});

const stateOf = (events: readonly SubscriptionEvent[]): SubscriptionState => events.reduce(subscriptionDecider.evolve, subscriptionDecider.initialState);
const given = (events: readonly SubscriptionEvent[]) => ({ when: (command: SubscriptionCommand) => subscriptionDecider.decide(command, stateOf(events)) });

describe('a renewal’s payment disputed or refunded', () => {
  it('when a renewal’s payment is disputed, then the renewal says so once, naming the grant of the period it paid', () => {
    expect(given(history).when(open)).toEqual([disputed]);
    expect(given([...history, disputed]).when(open)).toEqual([]);
  });

  it('when the dispute is won, then it closes and the plan goes on', () => {
    expect(given([...history, disputed]).when(close('won'))).toEqual([closed('won')]);
    expect(given([...history, disputed, closed('won')]).when(close('won'))).toEqual([]);
  });

  it('when the dispute is lost, then the renewal is refunded as by the provider for the disputed amount and the plan ends (a chargeback); a late opening changes nothing', () => {
    const lost: SubscriptionEvent[] = [closed('lost'), requested(9_900, 'dispute dp_1 lost'), { type: 'SubscriptionCancelled', data: { accountId: 'acct-1', planId: 'creator', reason: 'chargeback: dispute dp_1 lost', cause: 'chargeback', at: now } }];
    expect(given([...history, disputed]).when(close('lost'))).toEqual(lost);
    expect(given(history).when(close('lost'))).toEqual(lost);
    expect(given([...history, ...lost]).when(open)).toEqual([]);
    expect(given([...history, ...lost]).when(refund(9_900))).toEqual([]);
  });

  it('when the provider refunds a renewal, then a refund is requested once, within what was paid', () => {
    expect(given(history).when(refund(4_000))).toEqual([requested(4_000)]);
    expect(given([...history, requested(4_000)]).when(refund(9_900))).toEqual([]);
    expect(codeOf(() => given(history).when(refund(9_901)))).toBe('refund_mismatch');
  });

  it('each revocation is settled once: the first records what the provider returned, later ones nothing', () => {
    const asked = [...history, requested(4_000)];
    expect(given(asked).when(record('rev-1', 3_000_000, 4_000))).toEqual([refunded('rev-1', 3_000_000, 4_000)]);
    expect(given([...asked, refunded('rev-1', 3_000_000, 4_000)]).when(record('rev-1', 3_000_000, 4_000))).toEqual([]);
    expect(given([...asked, refunded('rev-1', 3_000_000, 4_000)]).when(record('rev-2', 500_000, 0))).toEqual([refunded('rev-2', 500_000, 0)]);
    expect(codeOf(() => given(asked).when(record('rev-1', 3_000_000, 3_999)))).toBe('refund_mismatch');
    expect(codeOf(() => given(history).when(record('rev-1', 3_000_000, 0)))).toBe('refund_not_requested');
  });

  describe('asked for here (finance): the money follows the period’s credits the wallet takes back', () => {
    const byFinance: SubscriptionCommand = { type: 'RefundRenewal', data: { accountId: 'acct-1', invoiceId: 'in_1', reason: 'goodwill', initiatedBy: 'finance' }, metadata: meta('refund-here') };
    const askedHere: SubscriptionEvent = { type: 'RenewalRefundRequested', data: { ...payment, reason: 'goodwill', initiatedBy: 'finance', at: now } };
    const recordHere = (revocationId: string, revokedMillicredits: number, amountCents: number): SubscriptionCommand => ({
      type: 'RecordRenewalRefund',
      data: { accountId: 'acct-1', invoiceId: 'in_1', revocationId, revokedMillicredits, amountCents, providerRefundId: `re_${revocationId}` },
      metadata: meta(`record-${revocationId}`),
    });
    const refundedHere = (revocationId: string, revokedMillicredits: number, amountCents: number): SubscriptionEvent => ({
      type: 'RenewalRefunded',
      data: { ...payment, amountCents, currency: 'USD', revocationId, revokedMillicredits, providerRefundId: `re_${revocationId}`, at: now },
    });

    it('when finance refunds a renewal, then its refund is requested once, without a provider amount; the provider reporting ours back changes nothing', () => {
      expect(given(history).when(byFinance)).toEqual([askedHere]);
      expect(given([...history, askedHere]).when(byFinance)).toEqual([]);
      expect(given([...history, askedHere]).when(refund(9_900))).toEqual([]);
    });

    it('given a renewal 1,850 of whose 5,000 credits were spent, when the other 3,150 are revoked, then 3,150/5,000 of $99 is returned, rounded down to the cent', () => {
      const asked = [...history, askedHere];
      // 9,900 x 3,150,000 / 5,000,000 = 6,237 exactly.
      expect(given(asked).when(recordHere('rev-1', 3_150_000, 6_237))).toEqual([refundedHere('rev-1', 3_150_000, 6_237)]);
      expect(codeOf(() => given(asked).when(recordHere('rev-1', 3_150_000, 6_238)))).toBe('refund_mismatch');
      expect(codeOf(() => given(asked).when(recordHere('rev-1', 3_150_000.5, 6_237)))).toBe('refund_mismatch');
      // A later revocation (credits held by a task at the refund, released after) is settled for its own share of the running total.
      const first = refundedHere('rev-1', 3_150_000, 6_237);
      // Running total: floor(9,900 x 3,150,333 / 5,000,000) = 6,237, nothing more; floor(9,900 x 3,151,000 / 5,000,000) = 6,238, one cent more.
      expect(given([...asked, first]).when(recordHere('rev-2', 333, 0))).toEqual([refundedHere('rev-2', 333, 0)]);
      expect(given([...asked, first]).when(recordHere('rev-2', 1_000, 1))).toEqual([refundedHere('rev-2', 1_000, 1)]);
      expect(given([...asked, first]).when(recordHere('rev-1', 3_150_000, 6_237))).toEqual([]);
    });

    it('given every credit of the period spent, then a revocation of nothing returns nothing', () => {
      expect(given([...history, askedHere]).when(recordHere('rev-1', 0, 0))).toEqual([refundedHere('rev-1', 0, 0)]);
    });
  });

  it('a renewal the plan never had paid, or the first period (paid by the order), is not one to dispute or refund here', () => {
    expect(codeOf(() => given(history).when(refund(100, 'in_other')))).toBe('not_paid');
    expect(codeOf(() => given([started, firstGranted]).when(open))).toBe('not_paid');
  });
});
