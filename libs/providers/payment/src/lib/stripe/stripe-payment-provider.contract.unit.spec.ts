import Stripe from 'stripe';
import { describePaymentProviderContract } from '../../testing/payment-provider.contract';
import type { CheckoutRequest } from '../payment-provider';
import { STRIPE_SIGNATURE_HEADER, StripePaymentProvider } from './stripe-payment-provider';

const webhookSecret = 'whsec_contract';
const signer = new Stripe('sk_test_123');

/** The events Stripe posts for a Checkout Session, signed as Stripe signs them. */
function stripeEvent(type: string, order: CheckoutRequest, now: number, paymentStatus: string) {
  const rawBody = JSON.stringify({
    id: `evt_${type}_${order.orderId}`,
    object: 'event',
    type,
    data: {
      object: {
        id: `cs_test_${order.orderId}`,
        object: 'checkout.session',
        client_reference_id: order.orderId,
        metadata: { orderId: order.orderId, accountId: order.accountId },
        amount_total: order.amountCents,
        currency: order.currency.toLowerCase(),
        payment_status: paymentStatus,
        payment_intent: `pi_${order.orderId}`,
      },
    },
  });
  const header = signer.webhooks.generateTestHeaderString({ payload: rawBody, secret: webhookSecret, timestamp: Math.floor(now / 1000) });
  return { rawBody, headers: { [STRIPE_SIGNATURE_HEADER]: header } };
}

describePaymentProviderContract('StripePaymentProvider', async () => ({
  provider: new StripePaymentProvider({
    secretKey: 'sk_test_123',
    webhookSecret,
    successUrl: 'http://localhost/paid',
    cancelUrl: 'http://localhost/cancelled',
    // Nothing listens here: the contract's checkouts are refused before any request is made.
    api: { host: '127.0.0.1', port: 9, protocol: 'http' },
    maxNetworkRetries: 0,
  }),
  paid: async (order, now) => stripeEvent('checkout.session.completed', order, now, 'paid'),
  failed: async (order, now) => stripeEvent('checkout.session.expired', order, now, 'unpaid'),
}));
