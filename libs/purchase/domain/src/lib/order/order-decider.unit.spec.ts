import type { OrderCommand, OrderEvent, OrderItem } from '@billing/contracts';
import { orderDecider } from './order-decider';
import { codeOf } from '../../testing/purchase-error-code';

const at = Date.UTC(2025, 0, 15);
const pack: OrderItem = { kind: 'pack', pool: 'api', millicredits: 1_000_000 };
const place = (overrides: Partial<{ amountCents: number; currency: string; item: OrderItem }> = {}): OrderCommand => ({
  type: 'PlaceOrder',
  data: { orderId: 'order-1', accountId: 'acct-1', item: pack, amountCents: 7_200, currency: 'USD', priceBookId: 'credits', priceBookVersion: '1', ...overrides },
  metadata: { commandId: 'place-1', now: at },
});
const placed: OrderEvent = {
  type: 'OrderPlaced',
  data: { orderId: 'order-1', accountId: 'acct-1', item: pack, amountCents: 7_200, currency: 'USD', priceBookId: 'credits', priceBookVersion: '1', at },
};
const confirm = (amountCents = 7_200, currency = 'USD', paymentId = 'pay-1'): OrderCommand => ({
  type: 'ConfirmPayment',
  data: { orderId: 'order-1', paymentId, amountCents, currency },
  metadata: { commandId: `confirm-${paymentId}`, now: at },
});
const confirmed: OrderEvent = {
  type: 'PaymentConfirmed',
  data: { orderId: 'order-1', accountId: 'acct-1', paymentId: 'pay-1', item: pack, amountCents: 7_200, currency: 'USD', priceBookId: 'credits', priceBookVersion: '1', at },
};
const refund: OrderCommand = { type: 'RefundOrder', data: { orderId: 'order-1', reason: 'chargeback' }, metadata: { commandId: 'refund-1', now: at } };
const fail: OrderCommand = { type: 'FailPayment', data: { orderId: 'order-1', reason: 'card declined' }, metadata: { commandId: 'fail-1', now: at } };

const given = (events: readonly OrderEvent[]) => ({
  when: (command: OrderCommand) => orderDecider.decide(command, events.reduce(orderDecider.evolve, orderDecider.initialState)),
});

describe('orders', () => {
  it('an order for a pack is placed with its price and price book version', () => {
    expect(given([]).when(place())).toEqual([placed]);
    expect(given([placed]).when(place())).toEqual([]);
  });

  it('given an order placed by an API key, then the order records that key; one placed before makers were recorded has none', () => {
    const byKey = { ...place(), data: { ...place().data, actor: { kind: 'key', id: 'k1' } } } as OrderCommand;
    const [event] = given([]).when(byKey);
    expect(event).toEqual({ ...placed, data: { ...placed.data, actor: { kind: 'key', id: 'k1' } } });
    expect(orderDecider.evolve(orderDecider.initialState, event as OrderEvent)).toMatchObject({ actor: { kind: 'key', id: 'k1' } });
    expect(orderDecider.evolve(orderDecider.initialState, placed)).not.toHaveProperty('actor');
  });

  it('an order with fractional cents, no price or a bad currency is refused', () => {
    expect(codeOf(() => given([]).when(place({ amountCents: 72.5 })))).toBe('invalid_order');
    expect(codeOf(() => given([]).when(place({ amountCents: 0 })))).toBe('invalid_order');
    expect(codeOf(() => given([]).when(place({ currency: 'dollars' })))).toBe('invalid_order');
  });

  it('a payment of the order amount confirms it, carrying what was bought', () => {
    expect(given([placed]).when(confirm())).toEqual([confirmed]);
  });

  it('a payment of another amount or currency is an error', () => {
    expect(codeOf(() => given([placed]).when(confirm(7_100)))).toBe('payment_mismatch');
    expect(codeOf(() => given([placed]).when(confirm(7_200, 'EUR')))).toBe('payment_mismatch');
  });

  it('a second confirmation yields nothing', () => {
    expect(given([placed, confirmed]).when(confirm())).toEqual([]);
    expect(given([placed, confirmed]).when(confirm(7_200, 'USD', 'pay-2'))).toEqual([]);
  });

  it('a failed payment is recorded, and a later successful one still pays the order', () => {
    const failed: OrderEvent = { type: 'PaymentFailed', data: { orderId: 'order-1', reason: 'card declined', at } };
    expect(given([placed]).when(fail)).toEqual([failed]);
    expect(given([placed, failed]).when(fail)).toEqual([]);
    expect(given([placed, failed]).when(confirm())).toEqual([confirmed]);
    expect(given([placed, confirmed]).when(fail)).toEqual([]);
  });

  it('only a paid order is refunded, once: a pack by asking for its credits back', () => {
    const requested: OrderEvent = {
      type: 'OrderRefundRequested',
      data: { orderId: 'order-1', accountId: 'acct-1', item: pack, amountCents: 7_200, currency: 'USD', reason: 'chargeback', initiatedBy: 'finance', at },
    };
    expect(given([placed, confirmed]).when(refund)).toEqual([requested]);
    expect(given([placed, confirmed, requested]).when(refund)).toEqual([]);
    expect(codeOf(() => given([placed]).when(refund))).toBe('not_paid');
  });

  it('a command for an order never placed is an error', () => {
    expect(codeOf(() => given([]).when(confirm()))).toBe('order_not_found');
  });
});
