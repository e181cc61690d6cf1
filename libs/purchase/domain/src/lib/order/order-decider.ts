import type { CloseDispute, ConfirmPayment, Decider, OpenDispute, OrderCommand, OrderEvent, PlaceOrder, RecordRefund, RefundOrder } from '@billing/contracts';
import { assertNever, isMillicredits } from '@billing/util';
import { PurchaseError } from '../purchase-errors';
import { planGrantId } from '../workflow/purchase-command';
import { refundCentsFor } from './refund-rule';
import { evolveOrder, initialOrderState, isOrder, type Order, type OrderState } from './order-state';

const CURRENCY = /^[A-Z]{3}$/;

/**
 * An order for a credit pack or a plan. It is paid once, for exactly its amount; a second
 * confirmation changes nothing; only a paid order is refunded, once, its money per
 * revocation of the credits it bought (a pack's lot, a plan's first period), pro rata: `refund-rule`.
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
    case 'LinkPayment':
      // Only a paid order's payment is refunded or disputed; the first link is the one.
      if (state.paymentId === null || state.linkedPaymentId !== null || command.data.paymentId === state.paymentId) return [];
      return [{ type: 'PaymentLinked', data: { orderId: state.orderId, paymentId: command.data.paymentId, at } }];
    case 'RefundOrder':
      return refundOrder(command, state);
    case 'RecordRefund':
      return recordRefund(command, state);
    case 'OpenDispute':
      return openDispute(command, state);
    case 'CloseDispute':
      return closeDispute(command, state);
    default:
      return assertNever(command, 'order command');
  }
}

/** A dispute opened again, or after it closed (notifications out of order), changes nothing. */
function openDispute(command: OpenDispute, state: Order): readonly OrderEvent[] {
  if (state.dispute !== null) return [];
  if (state.paymentId === null) throw new PurchaseError('not_paid', `order ${state.orderId} is ${state.status}: only a paid order is disputed`);
  const { orderId, accountId, item, currency } = state;
  const { disputeId, amountCents } = command.data;
  return [{ type: 'OrderDisputed', data: { orderId, accountId, item, disputeId, ...disputedGrant(state), amountCents, currency, at: command.metadata.now } }];
}

/** A plan's order paid its first period, which starts when the payment was confirmed: that period's grant is what a dispute of it touches. */
function disputedGrant(state: Order): { grantId?: string } {
  return state.item.kind === 'plan' && state.paidAt !== null ? { grantId: planGrantId(state.accountId, state.paidAt) } : {};
}

/**
 * A dispute closes once. Lost, the money is gone: the order is refunded as by the provider
 * (its unspent credits revoked, the disputed amount recorded). A close that arrives before
 * the opening closes it all the same.
 */
function closeDispute(command: CloseDispute, state: Order): readonly OrderEvent[] {
  if (state.dispute !== null && state.dispute.status !== 'open') return [];
  if (state.paymentId === null) throw new PurchaseError('not_paid', `order ${state.orderId} is ${state.status}: only a paid order is disputed`);
  const { orderId, accountId, item, currency } = state;
  const { disputeId, outcome, amountCents } = command.data;
  const closed: OrderEvent = { type: 'DisputeClosed', data: { orderId, accountId, item, disputeId, ...disputedGrant(state), outcome, amountCents, currency, at: command.metadata.now } };
  if (outcome === 'won') return [closed];
  const lost: RefundOrder = {
    type: 'RefundOrder',
    data: { orderId, reason: `dispute ${disputeId} lost`, initiatedBy: 'provider', providerRefundedCents: Math.min(amountCents, state.amountCents), disputeId },
    metadata: command.metadata,
  };
  return [closed, ...refundOrder(lost, state)];
}

/**
 * A refund asked again, or one the provider reports after ours, changes nothing. A pack's
 * money, and a plan's, follows the credits the wallet takes back (a plan's: the grant of the
 * first period, which its order paid; the plan ends with the refund).
 */
function refundOrder(command: RefundOrder, state: Order): readonly OrderEvent[] {
  if (state.status === 'refunded' || state.status === 'refund_requested') return [];
  if (state.status !== 'paid') throw new PurchaseError('not_paid', `order ${state.orderId} is ${state.status}: only a paid order is refunded`);
  const { orderId, accountId, item, amountCents, currency } = state;
  const { reason, initiatedBy = 'finance', providerRefundedCents, disputeId } = command.data;
  const at = command.metadata.now;
  if (providerRefundedCents !== undefined && (!Number.isSafeInteger(providerRefundedCents) || providerRefundedCents < 0 || providerRefundedCents > amountCents)) {
    throw new PurchaseError('refund_mismatch', `order ${orderId} cost ${amountCents} cents; the provider cannot have returned ${providerRefundedCents}`);
  }
  const provider = providerRefundedCents === undefined ? {} : { providerRefundedCents };
  const chargeback = disputeId === undefined ? {} : { disputeId };
  return [{ type: 'OrderRefundRequested', data: { orderId, accountId, item, amountCents, currency, reason, initiatedBy, ...provider, ...disputedGrant(state), ...chargeback, at } }];
}

function recordRefund(command: RecordRefund, state: Order): readonly OrderEvent[] {
  const { orderId, revocationId, revokedMillicredits, amountCents, providerRefundId } = command.data;
  if (state.refund === null) throw new PurchaseError('refund_not_requested', `order ${orderId} has no refund under way`);
  if (state.revocations.includes(revocationId)) return [];
  if (!Number.isSafeInteger(revokedMillicredits) || revokedMillicredits < 0) throw new PurchaseError('refund_mismatch', `order ${orderId}: revoked credits must be whole millicredits`);
  const due = refundDue(state, revokedMillicredits);
  if (amountCents !== due) throw new PurchaseError('refund_mismatch', `order ${orderId}: ${revokedMillicredits} millicredits revoked are owed ${due} cents back, not ${amountCents}`);
  const { accountId, item, currency } = state;
  return [
    {
      type: 'OrderRefunded',
      data: { orderId, accountId, item, amountCents, currency, reason: state.refund.reason, revocationId, revokedMillicredits, providerRefundId, at: command.metadata.now },
    },
  ];
}

/**
 * What a revocation owes back: its pro rata share, or, when the provider returned the money
 * itself, what it returned (all of it with the first revocation, nothing more after).
 */
export function refundDue(order: Order, revokedMillicredits: number): number {
  const provider = order.refund?.providerRefundedCents;
  if (provider !== undefined) return Math.max(0, provider - order.refundedCents);
  return refundCentsFor(order, revokedMillicredits);
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
  if (state.status !== 'placed' && state.status !== 'payment_failed') return [];
  const { paymentId, amountCents, currency, providerSubscriptionId, taxCents, receiptUrl } = command.data;
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
      data: {
        orderId,
        accountId,
        paymentId,
        item,
        amountCents,
        currency,
        priceBookId,
        priceBookVersion,
        ...(providerSubscriptionId === undefined ? {} : { providerSubscriptionId }),
        ...(taxCents === undefined ? {} : { taxCents }),
        ...(receiptUrl === undefined ? {} : { receiptUrl }),
        at: command.metadata.now,
      },
    },
  ];
}

export const orderDecider: Decider<OrderCommand, OrderEvent, OrderState> = {
  decide: decideOrder,
  evolve: evolveOrder,
  initialState: initialOrderState,
};
