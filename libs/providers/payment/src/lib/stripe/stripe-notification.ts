import type Stripe from 'stripe';
import { PaymentWebhookError } from '../payment-errors';
import type { PaymentNotification } from '../payment-provider';
import { parseCheckoutSession, type StripeCheckoutSessionDto } from './stripe-checkout-session.dto';

/**
 * Checkout Session events to notifications. A completed session is paid at once by card;
 * with a delayed method it completes `unpaid` and is settled by `async_payment_succeeded`,
 * so both events confirm, and only when `payment_status` is `paid`.
 * Currencies leave Stripe lower-case and are returned upper-case (ISO 4217, as the purchase domain keeps them).
 */
export function toPaymentNotification(event: Pick<Stripe.Event, 'type' | 'data'>): PaymentNotification {
  switch (event.type) {
    case 'checkout.session.completed':
    case 'checkout.session.async_payment_succeeded': {
      const session = parseCheckoutSession(event.data.object);
      return session.payment_status === 'paid' ? confirmed(session) : { kind: 'ignored', type: event.type };
    }
    case 'checkout.session.async_payment_failed':
      return { kind: 'payment_failed', orderId: orderIdOf(parseCheckoutSession(event.data.object)), reason: 'async_payment_failed' };
    case 'checkout.session.expired':
      return { kind: 'payment_failed', orderId: orderIdOf(parseCheckoutSession(event.data.object)), reason: 'checkout_expired' };
    default:
      return { kind: 'ignored', type: event.type };
  }
}

function confirmed(session: StripeCheckoutSessionDto): PaymentNotification {
  const { amount_total: amountCents, currency } = session;
  if (typeof amountCents !== 'number' || typeof currency !== 'string') {
    throw new PaymentWebhookError('invalid_body', `paid checkout session ${session.id} has no amount_total or currency`);
  }
  return { kind: 'payment_confirmed', orderId: orderIdOf(session), paymentId: paymentIdOf(session), amountCents, currency: currency.toUpperCase() };
}

function orderIdOf(session: StripeCheckoutSessionDto): string {
  const orderId = session.metadata?.['orderId'] ?? session.client_reference_id;
  if (typeof orderId !== 'string' || orderId.length === 0) {
    throw new PaymentWebhookError('invalid_body', `checkout session ${session.id} names no order`);
  }
  return orderId;
}

/** The PaymentIntent is the payment; a session without one (never for mode `payment`) falls back to its own id. */
function paymentIdOf(session: StripeCheckoutSessionDto): string {
  const intent = session.payment_intent;
  if (typeof intent === 'string') return intent;
  if (intent && typeof intent.id === 'string') return intent.id;
  return session.id;
}
