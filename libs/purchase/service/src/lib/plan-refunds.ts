import type { Order } from '@billing/contracts';
import type { PaymentProvider } from '@billing/payment-provider';

/**
 * A plan is refunded whole through the provider before the refund is recorded (its credits
 * are grants, not a purchase the wallet revokes): to the payment a refund names (a Stripe
 * subscription's first PaymentIntent), keyed by the order so a retry is the same refund.
 * Nothing is asked for a pack (settled per revocation), or for an order already refunding.
 */
export async function refundPlanAtProvider(order: Order, provider: PaymentProvider): Promise<{ providerRefundId?: string }> {
  if (order.item.kind !== 'plan' || order.status !== 'paid' || order.paymentId === null) return {};
  const { providerRefundId } = await provider.refund({
    orderId: order.orderId,
    paymentId: order.linkedPaymentId ?? order.paymentId,
    amountCents: order.amountCents,
    currency: order.currency,
    idempotencyKey: `refund:${order.orderId}:plan`,
  });
  return { providerRefundId };
}
