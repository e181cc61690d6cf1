import { orderStreamName } from '@billing/contracts';
import type { CreditsRevokedPayload } from '@billing/messaging';
import type { PaymentProvider } from '@billing/payment-provider';
import { refundDue } from '@billing/purchase-domain';
import type { Clock, ReactorEvent } from '@billing/service-host';
import type { PurchaseStreams } from './purchase-streams';

/**
 * Settles each revocation of a pack whose refund was asked for: the money for the credits
 * the wallet took back goes back through the provider (keyed by the wallet's event, so a
 * redelivery returns the same refund), then the order records it. A refund the provider
 * made itself is recorded without asking it again.
 */
export function refundSettlement(streams: PurchaseStreams, provider: PaymentProvider, clock: Clock): (events: readonly ReactorEvent[]) => Promise<void> {
  return async (events) => {
    for (const event of events) {
      if (event.type !== 'CreditsRevoked') continue;
      const { purchaseId, millicredits } = event.data as CreditsRevokedPayload;
      const order = await streams.order(purchaseId);
      if (!order || order.item.kind !== 'pack' || order.refund === null || order.revocations.includes(event.eventId)) continue;
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
