import { orderStreamName, paymentLinkStreamName, subscriptionStreamName, type SubscriptionCommand } from '@billing/contracts';
import type { PaymentNotification, PaymentProvider, WebhookBody, WebhookHeaders } from '@billing/payment-provider';
import { PurchaseError, type Order } from '@billing/purchase-domain';
import type { Logger } from '@billing/service-host';
import type { PaymentOwner } from './order-payments';
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
  /** The order or renewal a provider's payment paid (once the indexes have caught up), for the refunds and disputes the provider reports. */
  readonly ownerOfPayment: (paymentId: string) => Promise<PaymentOwner | undefined>;
  /** The payment a provider's link says settled `paymentId` (once the index has caught up). */
  readonly linkedPaymentOf: (paymentId: string) => Promise<string | undefined>;
}

/** Every notification, real or sandbox, takes this path: verified by the provider, then decided on the order or the plan. */
export async function receiveNotification(deps: NotificationDependencies, rawBody: WebhookBody, headers: WebhookHeaders, now: number): Promise<WebhookOutcome> {
  const notification = deps.provider.parseWebhook(rawBody, headers, now);
  switch (notification.kind) {
    case 'ignored':
      return { outcome: 'ignored' };
    case 'payment_confirmed':
    case 'payment_failed':
      return receivePayment(deps, notification, now);
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

export async function receivePayment(
  deps: NotificationDependencies,
  notification: Extract<PaymentNotification, { kind: 'payment_confirmed' | 'payment_failed' }>,
  now: number,
): Promise<WebhookOutcome> {
  const { streams } = deps;
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
  // A link the provider reported before this confirmation applies now.
  const linked = notification.kind === 'payment_confirmed' ? await deps.linkedPaymentOf(notification.paymentId) : undefined;
  if (linked !== undefined) await linkOrder(streams, orderId, linked, now);
  const order = await streams.order(orderId);
  return { outcome: events.length > 0 ? 'applied' : 'duplicate', ...(order ? { order } : {}) };
}

/**
 * The provider names the payment a later refund or dispute will carry. The link is kept
 * first, whatever arrives first: an order (a plan's first invoice) takes it now or when its
 * payment is confirmed; a renewal's dispute or refund finds its invoice through it.
 */
async function receiveLink(deps: NotificationDependencies, notification: Extract<PaymentNotification, { kind: 'payment_linked' }>, now: number): Promise<WebhookOutcome> {
  const { paymentId, linkedPaymentId } = notification;
  const { events } = await deps.streams.links.handle(paymentLinkStreamName(paymentId), {
    type: 'ReportPaymentLink',
    data: { paymentId, linkedPaymentId },
    metadata: { commandId: `report-link:${paymentId}:${linkedPaymentId}`, now, correlationId: paymentId },
  });
  const owner = await deps.ownerOfPayment(paymentId);
  if (owner?.kind !== 'order') return { outcome: events.length > 0 ? 'applied' : 'duplicate', ...(owner ? { accountId: owner.accountId } : {}) };
  const linked = await linkOrder(deps.streams, owner.orderId, linkedPaymentId, now);
  const order = await deps.streams.order(owner.orderId);
  return { outcome: events.length > 0 || linked > 0 ? 'applied' : 'duplicate', ...(order ? { order } : {}) };
}

async function linkOrder(streams: PurchaseStreams, orderId: string, paymentId: string, now: number): Promise<number> {
  const { events } = await streams.orders.handle(orderStreamName(orderId), {
    type: 'LinkPayment',
    data: { orderId, paymentId },
    metadata: { commandId: `link-payment:${orderId}:${paymentId}`, now, correlationId: orderId },
  });
  return events.length;
}

/** The tax and the hosted receipt a payment notification carried, for the receipt. */
function receiptOf(notification: { readonly taxCents?: number; readonly receiptUrl?: string }): { taxCents?: number; receiptUrl?: string } {
  const { taxCents, receiptUrl } = notification;
  return { ...(taxCents === undefined ? {} : { taxCents }), ...(receiptUrl === undefined ? {} : { receiptUrl }) };
}

/**
 * The provider returned money (its dashboard, a dispute lost, or our own refund reported
 * back): the unspent credits of what it paid (a pack, or a renewal's period) are revoked as
 * for a refund made here; ours changes nothing.
 */
async function receiveRefund(deps: NotificationDependencies, notification: Extract<PaymentNotification, { kind: 'payment_refunded' }>, now: number): Promise<WebhookOutcome> {
  const owner = await deps.ownerOfPayment(notification.paymentId);
  const reason = 'refunded at the payment provider';
  if (owner === undefined) {
    deps.logger.warn('refund of a payment no order or renewal knows', { paymentId: notification.paymentId });
    return { outcome: 'ignored' };
  }
  if (owner.kind === 'renewal') {
    const { accountId, invoiceId } = owner;
    return receiveRenewal(deps, {
      type: 'RefundRenewal',
      data: { accountId, invoiceId, reason, providerRefundedCents: notification.refundedCents },
      metadata: { commandId: `provider-refund:${invoiceId}`, now, correlationId: `plan:${accountId}` },
    });
  }
  const { orderId } = owner;
  const { events } = await deps.streams.orders.handle(orderStreamName(orderId), {
    type: 'RefundOrder',
    data: { orderId, reason, initiatedBy: 'provider', providerRefundedCents: notification.refundedCents },
    metadata: { commandId: `provider-refund:${orderId}`, now, correlationId: orderId },
  });
  const order = await deps.streams.order(orderId);
  return { outcome: events.length > 0 ? 'applied' : 'duplicate', ...(order ? { order } : {}) };
}

/** A dispute about a payment: opened, the credits it bought freeze (a pack's, or a plan period's); closed, they are released or revoked. */
async function receiveDispute(deps: NotificationDependencies, notification: Extract<PaymentNotification, { kind: 'dispute_opened' | 'dispute_closed' }>, now: number): Promise<WebhookOutcome> {
  const owner = await deps.ownerOfPayment(notification.paymentId);
  const { disputeId, amountCents } = notification;
  if (owner === undefined) {
    deps.logger.warn('dispute of a payment no order or renewal knows', { paymentId: notification.paymentId, disputeId });
    return { outcome: 'ignored' };
  }
  const commandId = notification.kind === 'dispute_opened' ? `dispute-opened:${disputeId}` : `dispute-closed:${disputeId}`;
  if (owner.kind === 'renewal') {
    const { accountId, invoiceId } = owner;
    const metadata = { commandId, now, correlationId: `plan:${accountId}` };
    return receiveRenewal(
      deps,
      notification.kind === 'dispute_opened'
        ? { type: 'OpenRenewalDispute', data: { accountId, invoiceId, disputeId, amountCents }, metadata }
        : { type: 'CloseRenewalDispute', data: { accountId, invoiceId, disputeId, outcome: notification.outcome, amountCents }, metadata },
    );
  }
  const { orderId } = owner;
  const metadata = { commandId, now, correlationId: orderId };
  const { events } =
    notification.kind === 'dispute_opened'
      ? await deps.streams.orders.handle(orderStreamName(orderId), { type: 'OpenDispute', data: { orderId, disputeId, amountCents }, metadata })
      : await deps.streams.orders.handle(orderStreamName(orderId), { type: 'CloseDispute', data: { orderId, disputeId, outcome: notification.outcome, amountCents }, metadata });
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
