import type { OrderCommand, OrderEvent, OrderItem } from '@billing/contracts';
import fc from 'fast-check';
import { orderDecider, refundDue } from './order-decider';
import { isOrder, type OrderState } from './order-state';
import { codeOf } from '../../testing/purchase-error-code';

const at = Date.UTC(2026, 2, 1);
const pack: OrderItem = { kind: 'pack', packId: 'api-1000', pool: 'api', millicredits: 1_000_000 };
const base = { orderId: 'order-1', accountId: 'acct-1', item: pack, amountCents: 7_200, currency: 'USD' };
const placed: OrderEvent = { type: 'OrderPlaced', data: { ...base, priceBookId: 'credits', priceBookVersion: '1', at } };
const paid: OrderEvent = { type: 'PaymentConfirmed', data: { ...base, paymentId: 'pi_1', priceBookId: 'credits', priceBookVersion: '1', at } };
const requested = (initiatedBy: 'finance' | 'owner' | 'provider' = 'finance', providerRefundedCents?: number): OrderEvent => ({
  type: 'OrderRefundRequested',
  data: { ...base, reason: 'asked', initiatedBy, ...(providerRefundedCents === undefined ? {} : { providerRefundedCents }), at },
});
const record = (revocationId: string, revokedMillicredits: number, amountCents: number): OrderCommand => ({
  type: 'RecordRefund',
  data: { orderId: 'order-1', revocationId, revokedMillicredits, amountCents, providerRefundId: `re_${revocationId}` },
  metadata: { commandId: `record-${revocationId}`, now: at },
});
const refunded = (revocationId: string, revokedMillicredits: number, amountCents: number): OrderEvent => ({
  type: 'OrderRefunded',
  data: { ...base, reason: 'asked', revocationId, revokedMillicredits, providerRefundId: `re_${revocationId}`, amountCents, at },
});

const stateOf = (events: readonly OrderEvent[]): OrderState => events.reduce(orderDecider.evolve, orderDecider.initialState);
const given = (events: readonly OrderEvent[]) => ({ when: (command: OrderCommand) => orderDecider.decide(command, stateOf(events)) });
const dueFor = (events: readonly OrderEvent[], millicredits: number) => {
  const state = stateOf(events);
  if (!isOrder(state)) throw new Error('no order');
  return refundDue(state, millicredits);
};

describe('refunding a pack: the money follows the credits taken back', () => {
  it('given an unused pack, when all its credits are revoked, then all its money is returned', () => {
    expect(dueFor([placed, paid, requested()], 1_000_000)).toBe(7_200);
    expect(given([placed, paid, requested()]).when(record('rev-1', 1_000_000, 7_200))).toEqual([refunded('rev-1', 1_000_000, 7_200)]);
  });

  it('given a pack 75 credits of which were spent, when the other 925 are revoked, then 925/1000 of the price is returned, rounded down to the cent', () => {
    expect(dueFor([placed, paid, requested()], 925_000)).toBe(6_660);
    expect(dueFor([placed, paid, requested()], 333)).toBe(2);
    expect(given([placed, paid, requested()]).when(record('rev-1', 925_000, 6_660))).toEqual([refunded('rev-1', 925_000, 6_660)]);
  });

  it('a revocation is settled once; a later one (credits held at the refund, then released) is settled for its own share', () => {
    const first = refunded('rev-1', 900_000, 6_480);
    expect(given([placed, paid, requested(), first]).when(record('rev-1', 900_000, 6_480))).toEqual([]);
    expect(dueFor([placed, paid, requested(), first], 25_000)).toBe(180);
    expect(given([placed, paid, requested(), first]).when(record('rev-2', 25_000, 180))).toEqual([refunded('rev-2', 25_000, 180)]);
  });

  it('an amount other than the rule’s, or a revocation without a refund asked for, is an error', () => {
    expect(codeOf(() => given([placed, paid, requested()]).when(record('rev-1', 925_000, 7_200)))).toBe('refund_mismatch');
    expect(codeOf(() => given([placed, paid]).when(record('rev-1', 925_000, 6_660)))).toBe('refund_not_requested');
  });

  it('given a refund the provider made itself, then what it returned is recorded with the first revocation and nothing more after', () => {
    const provider = requested('provider', 7_200);
    expect(dueFor([placed, paid, provider], 925_000)).toBe(7_200);
    expect(dueFor([placed, paid, provider, refunded('rev-1', 925_000, 7_200)], 25_000)).toBe(0);
  });

  it('the provider reporting a refund after ours changes nothing', () => {
    const again: OrderCommand = { type: 'RefundOrder', data: { orderId: 'order-1', reason: 'charge.refunded', initiatedBy: 'provider', providerRefundedCents: 6_660 }, metadata: { commandId: 'again', now: at } };
    expect(given([placed, paid, requested(), refunded('rev-1', 925_000, 6_660)]).when(again)).toEqual([]);
    expect(given([placed, paid, requested()]).when(again)).toEqual([]);
  });

  it('however the revocations are split, the money returned is the price pro rata to all credits revoked, never more than paid', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 400_000 }), { maxLength: 6 }), fc.integer({ min: 1, max: 1_000_000 }), (parts, priceCents) => {
        const order = { ...base, amountCents: priceCents };
        let events: OrderEvent[] = [
          { ...placed, data: { ...placed.data, amountCents: priceCents } } as OrderEvent,
          { ...paid, data: { ...paid.data, amountCents: priceCents } } as OrderEvent,
          { ...requested(), data: { ...requested().data, amountCents: priceCents } } as OrderEvent,
        ];
        let revoked = 0;
        parts.forEach((millicredits, index) => {
          const take = Math.min(millicredits, pack.millicredits - revoked);
          revoked += take;
          events = [...events, ...orderDecider.decide(record(`rev-${index}`, take, dueFor(events, take)), stateOf(events))];
        });
        const state = stateOf(events);
        if (!isOrder(state)) throw new Error('no order');
        expect(state.refundedCents).toBe(Math.floor((order.amountCents * revoked) / pack.millicredits));
        expect(state.refundedCents).toBeLessThanOrEqual(priceCents);
      }),
    );
  });
});

describe('a disputed payment', () => {
  const open: OrderCommand = { type: 'OpenDispute', data: { orderId: 'order-1', disputeId: 'dp_1', amountCents: 7_200 }, metadata: { commandId: 'open', now: at } };
  const close = (outcome: 'won' | 'lost'): OrderCommand => ({
    type: 'CloseDispute',
    data: { orderId: 'order-1', disputeId: 'dp_1', outcome, amountCents: 7_200 },
    metadata: { commandId: `close-${outcome}`, now: at },
  });
  const disputed: OrderEvent = { type: 'OrderDisputed', data: { ...base, disputeId: 'dp_1', at } };
  const closed = (outcome: 'won' | 'lost'): OrderEvent => ({ type: 'DisputeClosed', data: { ...base, disputeId: 'dp_1', outcome, at } });

  it('when a dispute opens, then the order says so, once', () => {
    expect(given([placed, paid]).when(open)).toEqual([disputed]);
    expect(given([placed, paid, disputed]).when(open)).toEqual([]);
  });

  it('when it is won, then it closes and nothing is refunded', () => {
    expect(given([placed, paid, disputed]).when(close('won'))).toEqual([closed('won')]);
    expect(given([placed, paid, disputed, closed('won')]).when(close('won'))).toEqual([]);
  });

  it('when it is lost, then the order is refunded as by the provider, for the disputed amount', () => {
    expect(given([placed, paid, disputed]).when(close('lost'))).toEqual([closed('lost'), { ...requested('provider', 7_200), data: { ...requested('provider', 7_200).data, reason: 'dispute dp_1 lost', disputeId: 'dp_1' } }]);
  });

  it('a close that arrives before the opening closes it; the late opening changes nothing', () => {
    expect(given([placed, paid]).when(close('won'))).toEqual([closed('won')]);
    expect(given([placed, paid, closed('won')]).when(open)).toEqual([]);
  });
  it('a plan’s dispute names the grant of the period its payment paid (the first, from the payment’s moment); lost, its refund revokes that grant’s unspent credits', () => {
    const plan: OrderItem = { kind: 'plan', planId: 'creator', monthlyMillicredits: 5_000_000, pool: 'app' };
    const planBase = { ...base, item: plan };
    const planPlaced: OrderEvent = { type: 'OrderPlaced', data: { ...planBase, priceBookId: 'credits', priceBookVersion: '1', at } };
    const planPaid: OrderEvent = { type: 'PaymentConfirmed', data: { ...planBase, paymentId: 'in_1', priceBookId: 'credits', priceBookVersion: '1', at: at + 5 } };
    const grantId = `plan:acct-1:${at + 5}`;
    expect(given([planPlaced, planPaid]).when(open)).toEqual([{ type: 'OrderDisputed', data: { ...planBase, disputeId: 'dp_1', grantId, at } }]);
    expect(given([planPlaced, planPaid]).when(close('lost'))).toEqual([
      { type: 'DisputeClosed', data: { ...planBase, disputeId: 'dp_1', grantId, outcome: 'lost', at } },
      { type: 'OrderRefundRequested', data: { ...planBase, reason: 'dispute dp_1 lost', initiatedBy: 'provider', providerRefundedCents: 7_200, grantId, disputeId: 'dp_1', at } },
    ]);
  });
});

describe('refunding a plan’s order: the same rule, on the grant of the first period it paid', () => {
  const plan: OrderItem = { kind: 'plan', planId: 'creator', monthlyMillicredits: 5_000_000, pool: 'app' };
  const planBase = { ...base, item: plan, amountCents: 9_900 };
  const paidAt = at + 5;
  const grantId = `plan:acct-1:${paidAt}`;
  const planPlaced: OrderEvent = { type: 'OrderPlaced', data: { ...planBase, priceBookId: 'credits', priceBookVersion: '1', at } };
  const planPaid: OrderEvent = { type: 'PaymentConfirmed', data: { ...planBase, paymentId: 'in_1', priceBookId: 'credits', priceBookVersion: '1', at: paidAt } };
  const byFinance: OrderCommand = { type: 'RefundOrder', data: { orderId: 'order-1', reason: 'goodwill' }, metadata: { commandId: 'refund', now: at + 10 } };
  const planRequested: OrderEvent = { type: 'OrderRefundRequested', data: { ...planBase, reason: 'goodwill', initiatedBy: 'finance', grantId, at: at + 10 } };
  const planRecord = (revocationId: string, revokedMillicredits: number, amountCents: number): OrderCommand => ({
    type: 'RecordRefund',
    data: { orderId: 'order-1', revocationId, revokedMillicredits, amountCents, providerRefundId: `re_${revocationId}` },
    metadata: { commandId: `record-${revocationId}`, now: at + 20 },
  });
  const planRefunded = (revocationId: string, revokedMillicredits: number, amountCents: number): OrderEvent => ({
    type: 'OrderRefunded',
    data: { ...planBase, reason: 'goodwill', revocationId, revokedMillicredits, providerRefundId: `re_${revocationId}`, amountCents, at: at + 20 },
  });

  it('when finance refunds a paid plan, then its refund is requested once, naming the first period’s grant', () => {
    expect(given([planPlaced, planPaid]).when(byFinance)).toEqual([planRequested]);
    expect(given([planPlaced, planPaid, planRequested]).when(byFinance)).toEqual([]);
  });

  it('given a plan 1,850 of whose 5,000 first-month credits were spent, when the other 3,150 are revoked, then 3,150/5,000 of $99 is returned, rounded down to the cent', () => {
    const asked = [planPlaced, planPaid, planRequested];
    expect(dueFor(asked, 3_150_000)).toBe(6_237);
    expect(dueFor(asked, 3_333_333)).toBe(6_599);
    expect(given(asked).when(planRecord('rev-1', 3_150_000, 6_237))).toEqual([planRefunded('rev-1', 3_150_000, 6_237)]);
    expect(codeOf(() => given(asked).when(planRecord('rev-1', 3_150_000, 9_900)))).toBe('refund_mismatch');
    expect(given([...asked, planRefunded('rev-1', 3_150_000, 6_237)]).when(planRecord('rev-1', 3_150_000, 6_237))).toEqual([]);
  });

  it('given every credit of the first month spent (or expired), then the revocation of nothing returns nothing', () => {
    expect(dueFor([planPlaced, planPaid, planRequested], 0)).toBe(0);
  });

  it('however the revocations are split, a plan’s money returned is its price pro rata to the grant’s credits revoked, never more than paid', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 2_000_000 }), { maxLength: 6 }), fc.integer({ min: 1, max: 1_000_000 }), (parts, priceCents) => {
        let events: OrderEvent[] = [planPlaced, planPaid, planRequested].map((event) => ({ ...event, data: { ...event.data, amountCents: priceCents } }) as OrderEvent);
        let revoked = 0;
        parts.forEach((millicredits, index) => {
          const take = Math.min(millicredits, plan.monthlyMillicredits - revoked);
          revoked += take;
          events = [...events, ...orderDecider.decide(planRecord(`rev-${index}`, take, dueFor(events, take)), stateOf(events))];
        });
        const state = stateOf(events);
        if (!isOrder(state)) throw new Error('no order');
        expect(state.refundedCents).toBe(Math.floor((priceCents * revoked) / plan.monthlyMillicredits));
        expect(state.refundedCents).toBeLessThanOrEqual(priceCents);
      }),
    );
  });
});
