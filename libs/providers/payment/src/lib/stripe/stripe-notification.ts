import type Stripe from 'stripe';
import { PaymentWebhookError } from '../payment-errors';
import type { PaymentNotification } from '../payment-provider';
import { parseCheckoutSession, type StripeCheckoutSessionDto } from './stripe-checkout-session.dto';
import { accountOfInvoice, parseStripeObject, periodOfInvoice, StripeChargeDto, StripeDisputeDto, StripeInvoiceDto, StripeInvoicePaymentDto, StripeSubscriptionDto, taxOfInvoice } from './stripe-invoice.dto';

/**
 * Checkout Session events to notifications. A completed session is paid at once by card;
 * with a delayed method it completes `unpaid` and is settled by `async_payment_succeeded`,
 * so both events confirm, and only when `payment_status` is `paid`.
 * A plan's renewals are its subscription's invoices: `invoice.paid` and
 * `invoice.payment_failed` for a `subscription_cycle` (the first invoice is paid by the
 * checkout, which confirms the order). `customer.subscription.deleted` ends the plan.
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
    case 'invoice.paid':
    case 'invoice.payment_failed':
      return renewal(event.type, parseStripeObject(StripeInvoiceDto, event.data.object, 'invoice'));
    case 'invoice_payment.paid': {
      // A subscription's first invoice is what confirmed its order; its PaymentIntent is what a refund or a dispute will name.
      const paid = parseStripeObject(StripeInvoicePaymentDto, event.data.object, 'invoice payment');
      const intent = paid.payment.payment_intent;
      if (paid.payment.type !== 'payment_intent' || typeof intent !== 'string' || intent.length === 0) return { kind: 'ignored', type: event.type };
      return { kind: 'payment_linked', paymentId: paid.invoice, linkedPaymentId: intent };
    }
    case 'charge.refunded': {
      const charge = parseStripeObject(StripeChargeDto, event.data.object, 'charge');
      const paymentId = typeof charge.payment_intent === 'string' ? charge.payment_intent : charge.id;
      return { kind: 'payment_refunded', paymentId, refundedCents: charge.amount_refunded };
    }
    case 'charge.dispute.created': {
      const dispute = parseStripeObject(StripeDisputeDto, event.data.object, 'dispute');
      return { kind: 'dispute_opened', paymentId: dispute.payment_intent, disputeId: dispute.id, amountCents: dispute.amount };
    }
    case 'charge.dispute.closed': {
      const dispute = parseStripeObject(StripeDisputeDto, event.data.object, 'dispute');
      // `won`, or an inquiry closed without a chargeback (`warning_closed`): the money stays.
      const outcome = dispute.status === 'lost' ? 'lost' : 'won';
      return { kind: 'dispute_closed', paymentId: dispute.payment_intent, disputeId: dispute.id, outcome, amountCents: dispute.amount };
    }
    case 'customer.subscription.deleted': {
      const subscription = parseStripeObject(StripeSubscriptionDto, event.data.object, 'subscription');
      const accountId = subscription.metadata?.['accountId'];
      if (typeof accountId !== 'string' || accountId.length === 0) throw new PaymentWebhookError('invalid_body', `subscription ${subscription.id} names no account`);
      return { kind: 'subscription_ended', accountId, reason: subscription.cancellation_details?.reason ?? 'ended_at_provider' };
    }
    default:
      return { kind: 'ignored', type: event.type };
  }
}

function renewal(type: 'invoice.paid' | 'invoice.payment_failed', invoice: StripeInvoiceDto): PaymentNotification {
  if (invoice.billing_reason !== 'subscription_cycle') return { kind: 'ignored', type };
  const common = { accountId: accountOfInvoice(invoice), invoiceId: invoice.id, ...periodOfInvoice(invoice) };
  if (type === 'invoice.paid') {
    const receipt = { ...taxOfInvoice(invoice), ...(invoice.hosted_invoice_url ? { receiptUrl: invoice.hosted_invoice_url } : {}) };
    return { kind: 'renewal_paid', ...common, amountCents: invoice.amount_paid, currency: invoice.currency.toUpperCase(), ...receipt };
  }
  const attempt = Math.max(1, invoice.attempt_count ?? 1);
  return { kind: 'renewal_failed', ...common, attempt, finalAttempt: invoice.next_payment_attempt === null, reason: 'payment_failed' };
}

function confirmed(session: StripeCheckoutSessionDto): PaymentNotification {
  const { amount_total: amountCents, currency } = session;
  if (typeof amountCents !== 'number' || typeof currency !== 'string') {
    throw new PaymentWebhookError('invalid_body', `paid checkout session ${session.id} has no amount_total or currency`);
  }
  const subscription = idOf(session.subscription);
  const tax = session.total_details?.amount_tax;
  const confirmed = {
    kind: 'payment_confirmed' as const,
    orderId: orderIdOf(session),
    paymentId: paymentIdOf(session),
    amountCents,
    currency: currency.toUpperCase(),
    ...(typeof tax === 'number' && Number.isSafeInteger(tax) && tax > 0 ? { taxCents: tax } : {}),
  };
  return subscription === undefined ? confirmed : { ...confirmed, providerSubscriptionId: subscription };
}

function orderIdOf(session: StripeCheckoutSessionDto): string {
  const orderId = session.metadata?.['orderId'] ?? session.client_reference_id;
  if (typeof orderId !== 'string' || orderId.length === 0) {
    throw new PaymentWebhookError('invalid_body', `checkout session ${session.id} names no order`);
  }
  return orderId;
}

/** The PaymentIntent is the payment; a subscription's session names its first invoice instead; else the session's own id. */
function paymentIdOf(session: StripeCheckoutSessionDto): string {
  return idOf(session.payment_intent) ?? idOf(session.invoice) ?? session.id;
}

function idOf(reference: string | { id?: unknown } | null | undefined): string | undefined {
  if (typeof reference === 'string') return reference;
  if (reference && typeof reference.id === 'string') return reference.id;
  return undefined;
}
