import type { Order, OrderEvent } from '@billing/contracts';
import { assertNever } from '@billing/util';

// An order is what the purchase service answers about it: the purchase contract's.
export type { Order, OrderStatus } from '@billing/contracts';

export type OrderState = { readonly status: 'none' } | Order;

export const initialOrderState: OrderState = { status: 'none' };

export function isOrder(state: OrderState): state is Order {
  return state.status !== 'none';
}

export function evolveOrder(state: OrderState, event: OrderEvent): OrderState {
  if (event.type === 'OrderPlaced') {
    const { at, ...order } = event.data;
    return { ...order, status: 'placed', placedAt: at, paymentId: null };
  }
  if (!isOrder(state)) return state;
  switch (event.type) {
    case 'PaymentConfirmed':
      return { ...state, status: 'paid', paymentId: event.data.paymentId };
    case 'PaymentFailed':
      return { ...state, status: 'payment_failed' };
    case 'OrderRefunded':
      return { ...state, status: 'refunded' };
    default:
      return assertNever(event, 'order event');
  }
}
