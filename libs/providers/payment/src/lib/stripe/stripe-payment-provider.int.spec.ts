import { once } from 'node:events';
import { createServer, request as forward, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startStripeMock, type StripeMockAvailability } from '../../testing/stripe-mock';
import { PaymentProviderError } from '../payment-errors';
import type { CheckoutRequest } from '../payment-provider';
import { StripePaymentProvider, type StripePaymentProviderOptions } from './stripe-payment-provider';

interface Recorded {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly form: URLSearchParams;
}

/** A loopback proxy in front of stripe-mock that records what the adapter sent. */
async function recordingProxy(target: number): Promise<{ server: Server; port: number; recorded: Recorded[] }> {
  const recorded: Recorded[] = [];
  const server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const body = Buffer.concat(chunks);
      recorded.push({ method: incoming.method ?? '', path: incoming.url ?? '', headers: incoming.headers, form: new URLSearchParams(body.toString('utf8')) });
      const upstream = forward({ host: '127.0.0.1', port: target, path: incoming.url, method: incoming.method, headers: incoming.headers }, (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      });
      upstream.end(body);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, port: (server.address() as AddressInfo).port, recorded };
}

const order: CheckoutRequest = {
  orderId: 'order-31',
  accountId: 'acct-9',
  description: 'Studio pack: 5,000 credits',
  amountCents: 4_900,
  currency: 'EUR',
  successUrl: 'http://localhost:3000/orders/order-31/paid',
};

describe('StripePaymentProvider against stripe-mock', () => {
  let availability: StripeMockAvailability;
  let proxy: Awaited<ReturnType<typeof recordingProxy>> | undefined;
  const provider = (port: number, options: Partial<StripePaymentProviderOptions> = {}) =>
    new StripePaymentProvider({
      secretKey: 'sk_test_123',
      webhookSecret: 'whsec_unused',
      successUrl: 'http://localhost:3000/paid',
      cancelUrl: 'http://localhost:3000/cancelled',
      api: { host: '127.0.0.1', port, protocol: 'http' },
      maxNetworkRetries: 0,
      ...options,
    });

  beforeAll(async () => {
    availability = await startStripeMock();
    if (availability.kind === 'running') proxy = await recordingProxy(availability.mock.port);
  }, 300_000);

  afterAll(async () => {
    if (proxy) {
      proxy.server.closeAllConnections();
      proxy.server.close();
    }
    if (availability?.kind === 'running') await availability.mock.stop();
  });

  /** Without Go, stripe-mock cannot be built: say so, and accept only that reason. */
  function stripeMockPort(): number | undefined {
    if (availability.kind === 'running' && proxy) return proxy.port;
    if (availability.kind === 'unavailable') {
      console.warn(`stripe-mock could not run, so the Stripe adapter was not exercised against it: ${availability.reason}`);
      expect(availability.reason).toMatch(/Go is not installed/);
    }
    return undefined;
  }

  it('creates a payment-mode checkout session with one priced line item and the order id', async () => {
    const port = stripeMockPort();
    if (port === undefined) return;

    const checkout = await provider(port).createCheckout(order);

    expect(checkout.providerReference).toMatch(/^cs_/);
    expect(new URL(checkout.checkoutUrl).protocol).toBe('https:');
    const sent = proxy?.recorded.at(-1);
    expect(sent?.path).toBe('/v1/checkout/sessions');
    expect(sent?.headers['idempotency-key']).toBe('checkout-order-31');
    expect(Object.fromEntries(sent?.form ?? [])).toEqual({
      mode: 'payment',
      'line_items[0][quantity]': '1',
      'line_items[0][price_data][currency]': 'eur',
      'line_items[0][price_data][unit_amount]': '4900',
      'line_items[0][price_data][product_data][name]': 'Studio pack: 5,000 credits',
      client_reference_id: 'order-31',
      'metadata[orderId]': 'order-31',
      'metadata[accountId]': 'acct-9',
      success_url: 'http://localhost:3000/orders/order-31/paid',
      cancel_url: 'http://localhost:3000/cancelled',
    });
  });

  it('creates a subscription-mode checkout for a plan, and refunds part of a payment with the caller’s idempotency key', async () => {
    const port = stripeMockPort();
    if (port === undefined) return;

    await provider(port).createCheckout({ ...order, orderId: 'order-32', recurring: { interval: 'month' } });
    const checkout = Object.fromEntries(proxy?.recorded.at(-1)?.form ?? []);
    expect(checkout).toMatchObject({ mode: 'subscription', 'line_items[0][price_data][recurring][interval]': 'month', 'subscription_data[metadata][accountId]': 'acct-9' });

    const refund = await provider(port).refund({ orderId: 'order-31', paymentId: 'pi_31', amountCents: 4_410, currency: 'EUR', idempotencyKey: 'refund:order-31:evt-1' });
    expect(refund.providerRefundId).toMatch(/^re_/);
    const sent = proxy?.recorded.at(-1);
    expect(sent?.path).toBe('/v1/refunds');
    expect(sent?.headers['idempotency-key']).toBe('refund:order-31:evt-1');
    expect(Object.fromEntries(sent?.form ?? [])).toEqual({ payment_intent: 'pi_31', amount: '4410', 'metadata[orderId]': 'order-31' });
  });

  it('cancels a subscription at once (a chargeback): DELETE with no proration and no final invoice, keyed by the subscription; a renewal’s refund goes to the PaymentIntent that paid its invoice', async () => {
    const port = stripeMockPort();
    if (port === undefined) return;

    await provider(port).cancelSubscription('sub_41');
    const sent = proxy?.recorded.at(-1);
    expect(sent?.method).toBe('DELETE');
    const url = new URL(sent?.path ?? '', 'http://stripe');
    expect(url.pathname).toBe('/v1/subscriptions/sub_41');
    expect({ ...Object.fromEntries(url.searchParams), ...Object.fromEntries(sent?.form ?? []) }).toEqual({ invoice_now: 'false', prorate: 'false' });
    expect(sent?.headers['idempotency-key']).toBe('cancel-subscription:sub_41');
    // Asked again (the reactor's batch handled twice): the same key, no error.
    await expect(provider(port).cancelSubscription('sub_41')).resolves.toBeUndefined();

    await provider(port).refund({ orderId: 'in_41', paymentId: 'pi_41', amountCents: 1_831, currency: 'USD', idempotencyKey: 'refund:in_41:evt-7' });
    expect(Object.fromEntries(proxy?.recorded.at(-1)?.form ?? [])).toEqual({ payment_intent: 'pi_41', amount: '1831', 'metadata[orderId]': 'in_41' });
  });

  it('charges an auto top-up off session: finds the account’s customer, takes its saved card, and confirms a PaymentIntent with the key; an intent left needing the customer is a failed payment', async () => {
    const port = stripeMockPort();
    if (port === undefined) return;
    const sentBefore = proxy?.recorded.length ?? 0;

    const outcome = await provider(port).chargeSavedMethod({
      orderId: 'auto-top-up_acct-9_api_1',
      accountId: 'acct-9',
      description: 'Auto top-up: 1,000 credits (api pool)',
      amountCents: 7_200,
      currency: 'USD',
      idempotencyKey: 'auto-top-up:auto-top-up_acct-9_api_1',
    });

    const sent = proxy?.recorded.slice(sentBefore) ?? [];
    expect(sent.map((request) => request.path.split('?')[0])).toEqual(['/v1/customers/search', '/v1/payment_methods', '/v1/payment_intents']);
    expect(new URL(sent[0]?.path ?? '', 'http://x').searchParams.get('query')).toBe("metadata['accountId']:'acct-9'");
    const intent = sent[2];
    expect(intent?.headers['idempotency-key']).toBe('auto-top-up:auto-top-up_acct-9_api_1');
    expect(Object.fromEntries(intent?.form ?? [])).toMatchObject({
      amount: '7200',
      currency: 'usd',
      customer: expect.stringMatching(/^cus_/),
      payment_method: expect.stringMatching(/^pm_/),
      confirm: 'true',
      off_session: 'true',
      'metadata[orderId]': 'auto-top-up_acct-9_api_1',
    });
    // stripe-mock answers every intent with a fixture that still requires a payment method: Stripe's answer to a card that needs its holder.
    expect(outcome).toEqual({ kind: 'payment_failed', orderId: 'auto-top-up_acct-9_api_1', reason: expect.stringMatching(/^payment intent pi_\w+ is requires_payment_method$/) });
  });

  it('maps a refusal from the API (a key stripe-mock does not accept) to a rejected error', async () => {
    const port = stripeMockPort();
    if (port === undefined) return;

    const error = await provider(port, { secretKey: 'not-a-key' }).createCheckout(order).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(PaymentProviderError);
    expect(error).toMatchObject({ code: 'rejected' });
  });

  it('maps an unreachable API to an unavailable error', async () => {
    const idle = createServer();
    idle.listen(0, '127.0.0.1');
    await once(idle, 'listening');
    const port = (idle.address() as AddressInfo).port;
    idle.close();
    await once(idle, 'close');

    await expect(provider(port).createCheckout(order)).rejects.toMatchObject({ code: 'unavailable' });
  });
});
