import type { ConfirmPayment, Decider, OrderCommand, OrderEvent, PlaceOrder } from '@billing/contracts';
import { assertNever, isMillicredits } from '@billing/util';
import { PurchaseError } from '../purchase-errors';
import { evolveOrder, initialOrderState, isOrder, type Order, type OrderState } from './order-state';

const CURRENCY = /^[A-Z]{3}$/;

/**
 * An order for a credit pack or a plan. It is paid once, for exactly its amount; a second
 * confirmation changes nothing; only a paid order is refunded, once.
 */
export function decideOrder(command: OrderCommand, state: OrderState): readonly OrderEvent[] {
  const at = command.metadata.now;
  if (command.type === 'PlaceOrder') return isOrder(state) ? [] : placeOrder(command);
  if (!isOrder(state)) throw new PurchaseError('order_not_found', `order ${command.data.orderId} was never placed`);
  switch (command.type) {
    case 'ConfirmPayment':
      return confirmPayment(command, state);
    case 'FailPayment':
      // A failed attempt reported after a payment went through does not undo it.
      if (state.status !== 'placed') return [];
      return [{ type: 'PaymentFailed', data: { orderId: state.orderId, reason: command.data.reason, at } }];
    case 'RefundOrder': {
      if (state.status === 'refunded') return [];
      if (state.status !== 'paid') throw new PurchaseError('not_paid', `order ${state.orderId} is ${state.status}: only a paid order is refunded`);
      const { orderId, accountId, item, amountCents, currency } = state;
      return [{ type: 'OrderRefunded', data: { orderId, accountId, item, amountCents, currency, reason: command.data.reason, at } }];
    }
    default:
      return assertNever(command, 'order command');
  }
}

function placeOrder(command: PlaceOrder): readonly OrderEvent[] {
  const { orderId, item, amountCents, currency } = command.data;
  if (!Number.isSafeInteger(amountCents) || amountCents <= 0) throw new PurchaseError('invalid_order', `order ${orderId}: amount must be whole cents above zero`);
  if (!CURRENCY.test(currency)) throw new PurchaseError('invalid_order', `order ${orderId}: currency must be an ISO 4217 code, got ${currency}`);
  const millicredits = item.kind === 'pack' ? item.millicredits : item.monthlyMillicredits;
  if (!isMillicredits(millicredits) || millicredits <= 0) throw new PurchaseError('invalid_order', `order ${orderId}: credits must be whole millicredits above zero`);
  return [{ type: 'OrderPlaced', data: { ...command.data, at: command.metadata.now } }];
}

function confirmPayment(command: ConfirmPayment, state: Order): readonly OrderEvent[] {
  if (state.status === 'paid' || state.status === 'refunded') return [];
  const { paymentId, amountCents, currency } = command.data;
  if (amountCents !== state.amountCents || currency !== state.currency) {
    throw new PurchaseError(
      'payment_mismatch',
      `order ${state.orderId} costs ${state.amountCents} ${state.currency}; a payment of ${amountCents} ${currency} does not pay it`,
    );
  }
  const { orderId, accountId, item, priceBookId, priceBookVersion } = state;
  return [
    {
      type: 'PaymentConfirmed',
      data: { orderId, accountId, paymentId, item, amountCents, currency, priceBookId, priceBookVersion, at: command.metadata.now },
    },
  ];
}

export const orderDecider: Decider<OrderCommand, OrderEvent, OrderState> = {
  decide: decideOrder,
  evolve: evolveOrder,
  initialState: initialOrderState,
};
