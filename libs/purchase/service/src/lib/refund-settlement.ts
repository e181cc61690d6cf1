import { orderStreamName, subscriptionStreamName } from '@billing/contracts';
import type { CreditsRevokedPayload } from '@billing/messaging';
import type { PaymentProvider } from '@billing/payment-provider';
import { isSubscription, refundDue, renewalRefundDue } from '@billing/purchase-domain';
import type { Clock, ReactorEvent } from '@billing/service-host';
import type { PaymentOwner } from './order-payments';
import type { PurchaseStreams } from './purchase-streams';

export interface RefundSettlementDependencies {
  readonly streams: PurchaseStreams;
  readonly provider: PaymentProvider;
  readonly clock: Clock;
  /** The renewal a revoked grant's payment names (its invoice). */
  readonly ownerOfPayment: (paymentId: string) => Promise<PaymentOwner | undefined>;
  /** The payment a refund of `paymentId` goes to, when the provider linked one (Stripe: the invoice's PaymentIntent). */
  readonly linkedPaymentOf: (paymentId: string) => Promise<string | undefined>;
}

/**
 * Settles each revocation of an order (a pack's lot, a plan's first period) or a renewal
 * (its period's grant) whose refund was asked for: the money for the credits the wallet
 * took back goes back through the provider (keyed by the wallet's event, so a redelivery
 * returns the same refund), then the order (or the plan) records it. A refund the provider
 * made itself is recorded without asking it again.
 */
export function refundSettlement(deps: RefundSettlementDependencies): (events: readonly ReactorEvent[]) => Promise<void> {
  const { streams, provider, clock } = deps;
  return async (events) => {
    for (const event of events) {
      if (event.type !== 'CreditsRevoked') continue;
      const revoked = event.data as CreditsRevokedPayload;
      const { purchaseId, millicredits } = revoked;
      const order = await streams.order(purchaseId);
      if (!order) {
        if (revoked.grantId !== undefined) await settleRenewal(deps, revoked, event.eventId);
        continue;
      }
      if (order.refund === null || order.revocations.includes(event.eventId)) continue;
      const amountCents = refundDue(order, millicredits);
      const byUs = amountCents > 0 && order.refund.initiatedBy !== 'provider' && order.paymentId !== null;
      const refund = byUs
        ? await provider.refund({ orderId: order.orderId, paymentId: order.linkedPaymentId ?? order.paymentId ?? '', amountCents, currency: order.currency, idempotencyKey: `refund:${order.orderId}:${event.eventId}` })
        : null;
      await streams.orders.handle(orderStreamName(order.orderId), {
        type: 'RecordRefund',
        data: { orderId: order.orderId, revocationId: event.eventId, revokedMillicredits: millicredits, amountCents, providerRefundId: refund?.providerRefundId ?? null },
        metadata: { commandId: `record-refund:${event.eventId}`, now: clock.now(), correlationId: order.orderId, causationId: event.eventId },
      });
    }
  };
}

/** A renewal's period revoked after its refund was asked for: its share goes back through the provider (unless it returned the money itself), and the plan records it once. */
async function settleRenewal(deps: RefundSettlementDependencies, revoked: CreditsRevokedPayload, revocationId: string): Promise<void> {
  const { streams, clock, provider } = deps;
  const owner = await deps.ownerOfPayment(revoked.purchaseId);
  if (owner?.kind !== 'renewal') return;
  const { accountId, invoiceId } = owner;
  const { state } = await streams.subscription(accountId);
  const renewal = isSubscription(state) ? state.renewals.get(invoiceId) : undefined;
  if (renewal === undefined || renewal.refund === null || renewal.revocations.includes(revocationId)) return;
  const amountCents = renewalRefundDue(renewal, revoked.millicredits);
  const byUs = amountCents > 0 && renewal.refund.initiatedBy !== 'provider';
  const refund = byUs
    ? await provider.refund({
        orderId: invoiceId,
        paymentId: (await deps.linkedPaymentOf(invoiceId)) ?? invoiceId,
        amountCents,
        currency: renewal.currency,
        idempotencyKey: `refund:${invoiceId}:${revocationId}`,
      })
    : null;
  await streams.subscriptions.handle(subscriptionStreamName(accountId), {
    type: 'RecordRenewalRefund',
    data: { accountId, invoiceId, revocationId, revokedMillicredits: revoked.millicredits, amountCents, ...(byUs ? { providerRefundId: refund?.providerRefundId ?? null } : {}) },
    metadata: { commandId: `record-renewal-refund:${revocationId}`, now: clock.now(), correlationId: `plan:${accountId}`, causationId: revocationId },
  });
}
