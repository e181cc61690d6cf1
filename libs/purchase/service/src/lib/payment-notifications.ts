import { orderStreamName, subscriptionStreamName, type SubscriptionCommand } from '@billing/contracts';
import type { PaymentNotification, PaymentProvider, WebhookBody, WebhookHeaders } from '@billing/payment-provider';
import { PurchaseError, type Order } from '@billing/purchase-domain';
import type { Logger } from '@billing/service-host';
import type { PurchaseStreams } from './purchase-streams';

export interface WebhookOutcome {
  /** `applied`: the order or plan changed; `duplicate`: it already had; `ignored`: a notification with nothing to do. */
  readonly outcome: 'applied' | 'duplicate' | 'ignored';
  readonly order?: Order;
  /** The account whose plan a renewal or an ending was about. */
  readonly accountId?: string;
}

export interface NotificationDependencies {
  readonly streams: PurchaseStreams;
  readonly provider: PaymentProvider;
  readonly logger: Logger;
  /** The order a provider's payment paid (once the index has caught up), for refunds the provider reports. */
  readonly orderOfPayment: (paymentId: string) => Promise<string | undefined>;
}

/** Every notification, real or sandbox, takes this path: verified by the provider, then decided on the order or the plan. */
export async function receiveNotification(deps: NotificationDependencies, rawBody: WebhookBody, headers: WebhookHeaders, now: number): Promise<WebhookOutcome> {
  const notification = deps.provider.parseWebhook(rawBody, headers, now);
  switch (notification.kind) {
    case 'ignored':
      return { outcome: 'ignored' };
    case 'payment_confirmed':
    case 'payment_failed':
      return receivePayment(deps.streams, notification, now);
    case 'payment_refunded':
      return receiveRefund(deps, notification, now);
    case 'payment_linked':
      return receiveLink(deps, notification, now);
    case 'dispute_opened':
    case 'dispute_closed':
      return receiveDispute(deps, notification, now);
    default:
      return receiveRenewal(deps, renewalCommand(notification, now));
  }
}

async function receivePayment(
  streams: PurchaseStreams,
  notification: Extract<PaymentNotification, { kind: 'payment_confirmed' | 'payment_failed' }>,
  now: number,
): Promise<WebhookOutcome> {
  const { orderId } = notification;
  const metadata = { now, correlationId: orderId };
  const subscription = notification.kind === 'payment_confirmed' && notification.providerSubscriptionId ? { providerSubscriptionId: notification.providerSubscriptionId } : {};
  const receipt = notification.kind === 'payment_confirmed' ? receiptOf(notification) : {};
  const { events } =
    notification.kind === 'payment_confirmed'
      ? await streams.orders.handle(orderStreamName(orderId), {
          type: 'ConfirmPayment',
          data: { orderId, paymentId: notification.paymentId, amountCents: notification.amountCents, currency: notification.currency, ...subscription, ...receipt },
          metadata: { ...metadata, commandId: `confirm-payment:${orderId}:${notification.paymentId}` },
        })
      : await streams.orders.handle(orderStreamName(orderId), {
          type: 'FailPayment',
          data: { orderId, reason: notification.reason },
          metadata: { ...metadata, commandId: `fail-payment:${orderId}` },
        });
  const order = await streams.order(orderId);
  return { outcome: events.length > 0 ? 'applied' : 'duplicate', ...(order ? { order } : {}) };
}

/**
 * The provider names the payment a later refund or dispute of an order will carry. One
 * for a payment no order knows (a renewal's invoice) has nothing to link and is ignored.
 */
async function receiveLink(deps: NotificationDependencies, notification: Extract<PaymentNotification, { kind: 'payment_linked' }>, now: number): Promise<WebhookOutcome> {
  const orderId = await deps.orderOfPayment(notification.paymentId);
  if (orderId === undefined) return { outcome: 'ignored' };
  const { events } = await deps.streams.orders.handle(orderStreamName(orderId), {
    type: 'LinkPayment',
    data: { orderId, paymentId: notification.linkedPaymentId },
    metadata: { commandId: `link-payment:${orderId}:${notification.linkedPaymentId}`, now, correlationId: orderId },
  });
  const order = await deps.streams.order(orderId);
  return { outcome: events.length > 0 ? 'applied' : 'duplicate', ...(order ? { order } : {}) };
}

/** The tax and the hosted receipt a payment notification carried, for the receipt. */
function receiptOf(notification: { readonly taxCents?: number; readonly receiptUrl?: string }): { taxCents?: number; receiptUrl?: string } {
  const { taxCents, receiptUrl } = notification;
  return { ...(taxCents === undefined ? {} : { taxCents }), ...(receiptUrl === undefined ? {} : { receiptUrl }) };
}

/**
 * The provider returned money (its dashboard, a dispute lost, or our own refund reported
 * back): the order's unspent credits are revoked as for a refund made here; ours changes nothing.
 */
async function receiveRefund(deps: NotificationDependencies, notification: Extract<PaymentNotification, { kind: 'payment_refunded' }>, now: number): Promise<WebhookOutcome> {
  const orderId = await deps.orderOfPayment(notification.paymentId);
  if (orderId === undefined) {
    deps.logger.warn('refund of a payment no order knows', { paymentId: notification.paymentId });
    return { outcome: 'ignored' };
  }
  const { events } = await deps.streams.orders.handle(orderStreamName(orderId), {
    type: 'RefundOrder',
    data: { orderId, reason: 'refunded at the payment provider', initiatedBy: 'provider', providerRefundedCents: notification.refundedCents },
    metadata: { commandId: `provider-refund:${orderId}`, now, correlationId: orderId },
  });
  const order = await deps.streams.order(orderId);
  return { outcome: events.length > 0 ? 'applied' : 'duplicate', ...(order ? { order } : {}) };
}

/** A dispute about an order's payment: opened, the pack's credits freeze; closed, they are released or revoked. */
async function receiveDispute(deps: NotificationDependencies, notification: Extract<PaymentNotification, { kind: 'dispute_opened' | 'dispute_closed' }>, now: number): Promise<WebhookOutcome> {
  const orderId = await deps.orderOfPayment(notification.paymentId);
  if (orderId === undefined) {
    deps.logger.warn('dispute of a payment no order knows', { paymentId: notification.paymentId, disputeId: notification.disputeId });
    return { outcome: 'ignored' };
  }
  const { disputeId, amountCents } = notification;
  const metadata = { now, correlationId: orderId };
  const { events } =
    notification.kind === 'dispute_opened'
      ? await deps.streams.orders.handle(orderStreamName(orderId), {
          type: 'OpenDispute',
          data: { orderId, disputeId, amountCents },
          metadata: { ...metadata, commandId: `dispute-opened:${disputeId}` },
        })
      : await deps.streams.orders.handle(orderStreamName(orderId), {
          type: 'CloseDispute',
          data: { orderId, disputeId, outcome: notification.outcome, amountCents },
          metadata: { ...metadata, commandId: `dispute-closed:${disputeId}` },
        });
  const order = await deps.streams.order(orderId);
  return { outcome: events.length > 0 ? 'applied' : 'duplicate', ...(order ? { order } : {}) };
}

function renewalCommand(notification: Extract<PaymentNotification, { kind: 'renewal_paid' | 'renewal_failed' | 'subscription_ended' }>, now: number): SubscriptionCommand {
  const { accountId } = notification;
  const metadata = (commandId: string) => ({ commandId, now, correlationId: `plan:${accountId}` });
  switch (notification.kind) {
    case 'renewal_paid': {
      const { invoiceId, periodStart, periodEnd, amountCents, currency } = notification;
      return { type: 'PayRenewal', data: { accountId, invoiceId, periodStart, periodEnd, amountCents, currency, ...receiptOf(notification) }, metadata: metadata(`renewal-paid:${invoiceId}`) };
    }
    case 'renewal_failed': {
      const { invoiceId, periodStart, periodEnd, attempt, finalAttempt, reason } = notification;
      return { type: 'FailRenewal', data: { accountId, invoiceId, periodStart, periodEnd, attempt, finalAttempt, reason }, metadata: metadata(`renewal-failed:${invoiceId}:${attempt}`) };
    }
    case 'subscription_ended':
      return { type: 'CancelSubscription', data: { accountId, reason: notification.reason }, metadata: metadata(`subscription-ended:${accountId}`) };
  }
}

/**
 * A renewal for a plan that has ended, or for a contract plan, is logged and answered
 * `ignored` (money taken for it is a matter for finance); one for an account with no plan
 * is refused (404), so the provider delivers it again after the checkout's confirmation.
 */
async function receiveRenewal(deps: NotificationDependencies, command: SubscriptionCommand): Promise<WebhookOutcome> {
  const { accountId } = command.data;
  try {
    const { events } = await deps.streams.subscriptions.handle(subscriptionStreamName(accountId), command);
    return { outcome: events.length > 0 ? 'applied' : 'duplicate', accountId };
  } catch (error) {
    if (!(error instanceof PurchaseError) || error.code === 'no_subscription') throw error;
    deps.logger.warn('renewal notification refused', { accountId, type: command.type, code: error.code, reason: error.message });
    return { outcome: 'ignored', accountId };
  }
}
