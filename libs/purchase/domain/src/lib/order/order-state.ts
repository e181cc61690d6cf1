import type { EpochMillis, OrderEvent, OrderItem } from '@billing/contracts';
import { assertNever } from '@billing/util';

export type OrderStatus = 'placed' | 'paid' | 'payment_failed' | 'refunded';

export interface Order {
  readonly status: OrderStatus;
  readonly orderId: string;
  readonly accountId: string;
  readonly item: OrderItem;
  readonly amountCents: number;
  readonly currency: string;
  readonly priceBookId: string;
  readonly priceBookVersion: string;
  readonly placedAt: EpochMillis;
  readonly paymentId: string | null;
}

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
