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
    return { ...order, status: 'placed', placedAt: at, paymentId: null, linkedPaymentId: null, paidAt: null, refund: null, refundedCents: 0, revokedMillicredits: 0, revocations: [], dispute: null };
  }
  if (!isOrder(state)) return state;
  switch (event.type) {
    case 'PaymentConfirmed':
      return { ...state, status: 'paid', paymentId: event.data.paymentId, paidAt: event.data.at };
    case 'PaymentLinked':
      return { ...state, linkedPaymentId: event.data.paymentId };
    case 'PaymentFailed':
      return { ...state, status: 'payment_failed' };
    case 'OrderRefundRequested': {
      const { initiatedBy, reason, providerRefundedCents } = event.data;
      return { ...state, status: 'refund_requested', refund: { initiatedBy, reason, ...(providerRefundedCents === undefined ? {} : { providerRefundedCents }) } };
    }
    case 'OrderRefunded': {
      const { revocationId, revokedMillicredits = 0, amountCents } = event.data;
      if (revocationId === undefined) return { ...state, status: 'refunded', refundedCents: amountCents };
      return {
        ...state,
        status: 'refunded',
        refundedCents: state.refundedCents + amountCents,
        revokedMillicredits: state.revokedMillicredits + revokedMillicredits,
        revocations: [...state.revocations, revocationId],
      };
    }
    case 'OrderDisputed':
      return { ...state, dispute: { disputeId: event.data.disputeId, status: 'open' } };
    case 'DisputeClosed':
      return { ...state, dispute: { disputeId: event.data.disputeId, status: event.data.outcome } };
    default:
      return assertNever(event, 'order event');
  }
}
