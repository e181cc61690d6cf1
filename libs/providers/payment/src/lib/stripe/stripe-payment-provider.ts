import Stripe from 'stripe';
import { assertValidCheckout } from '../checkout-rules';
import { PaymentProviderError, PaymentWebhookError } from '../payment-errors';
import type {
  Checkout,
  CheckoutRequest,
  PaymentNotification,
  PaymentProvider,
  PlanChangeBilled,
  PlanChangeRequest,
  Refund,
  RefundRequest,
  SavedMethodCharge,
  SavedMethodOutcome,
  WebhookBody,
  WebhookHeaders,
} from '../payment-provider';
import { headerValue } from '../webhook-input';
import { toPaymentNotification } from './stripe-notification';

export interface StripePaymentProviderOptions {
  readonly secretKey: string;
  /** The endpoint's signing secret (`whsec_...`). */
  readonly webhookSecret: string;
  /** Replay window for webhook timestamps; Stripe's own default is 300. */
  readonly toleranceSeconds?: number;
  /** Used when a checkout request brings none. */
  readonly successUrl: string;
  readonly cancelUrl: string;
  /** Where the API lives; point it at stripe-mock in tests. */
  readonly api?: { readonly host?: string; readonly port?: number; readonly protocol?: 'http' | 'https' };
  readonly maxNetworkRetries?: number;
  readonly timeoutMillis?: number;
}

export const STRIPE_SIGNATURE_HEADER = 'stripe-signature';

/** Errors worth retrying later: Stripe could not be reached, was rate limited or failed on its side. */
const TRANSIENT = new Set(['StripeConnectionError', 'StripeAPIError', 'StripeRateLimitError']);

export class StripePaymentProvider implements PaymentProvider {
  private readonly stripe: Stripe;

  constructor(private readonly options: StripePaymentProviderOptions) {
    this.stripe = new Stripe(options.secretKey, {
      ...options.api,
      maxNetworkRetries: options.maxNetworkRetries ?? 2,
      timeout: options.timeoutMillis ?? 20_000,
      telemetry: false,
    });
  }

  /** Idempotent by order: Stripe replays the first session for a repeated `checkout-<orderId>` key. */
  async createCheckout(request: CheckoutRequest): Promise<Checkout> {
    assertValidCheckout(request);
    const metadata = { orderId: request.orderId, accountId: request.accountId };
    // A plan is a subscription: Stripe bills each month; its invoices name the account through the subscription's metadata.
    const recurring = request.recurring ? { mode: 'subscription' as const, subscription_data: { metadata } } : { mode: 'payment' as const };
    const session = await this.stripe.checkout.sessions
      .create(
        {
          ...recurring,
          line_items: [
            {
              quantity: 1,
              price_data: {
                currency: request.currency.toLowerCase(),
                unit_amount: request.amountCents,
                product_data: { name: request.description },
                ...(request.recurring ? { recurring: { interval: request.recurring.interval } } : {}),
              },
            },
          ],
          client_reference_id: request.orderId,
          metadata,
          success_url: request.successUrl ?? this.options.successUrl,
          cancel_url: request.cancelUrl ?? this.options.cancelUrl,
        },
        { idempotencyKey: `checkout-${request.orderId}` },
      )
      .catch((error: unknown) => {
        throw providerError(error, `order ${request.orderId}`, 'the checkout');
      });
    if (!session.url) {
      throw new PaymentProviderError('invalid_response', `order ${request.orderId}: checkout session ${session.id} has no URL`);
    }
    return { providerReference: session.id, checkoutUrl: session.url };
  }

  /** Setting the flag is idempotent by nature: the same setting twice leaves the subscription as the first did. */
  async setCancelAtPeriodEnd(providerSubscriptionId: string, cancelAtPeriodEnd: boolean): Promise<void> {
    await this.stripe.subscriptions.update(providerSubscriptionId, { cancel_at_period_end: cancelAtPeriodEnd }).catch((error: unknown) => {
      throw providerError(error, `subscription ${providerSubscriptionId}`, 'the change');
    });
  }

  /**
   * Cancels at once, without proration or a final invoice. Keyed by the subscription, so a
   * repeat within Stripe's key window replays the first answer; one Stripe reports already
   * canceled is ended as asked.
   */
  async cancelSubscription(providerSubscriptionId: string): Promise<void> {
    await this.stripe.subscriptions
      .cancel(providerSubscriptionId, { invoice_now: false, prorate: false }, { idempotencyKey: `cancel-subscription:${providerSubscriptionId}` })
      .catch((error: unknown) => {
        if (error instanceof Stripe.errors.StripeInvalidRequestError && /already (been )?cancel/i.test(error.message)) return;
        throw providerError(error, `subscription ${providerSubscriptionId}`, 'the cancellation');
      });
  }

  /**
   * The subscription's one item moves to the new monthly price (same product). An upgrade
   * is invoiced at once with Stripe's proration (`always_invoice`); a downgrade changes the
   * price from the next invoice (`none`). Idempotent by the caller's key.
   */
  async changePlan(request: PlanChangeRequest): Promise<PlanChangeBilled> {
    const subject = `subscription ${request.providerSubscriptionId}`;
    const fail = (error: unknown) => {
      throw providerError(error, subject, 'the plan change');
    };
    const subscription = await this.stripe.subscriptions.retrieve(request.providerSubscriptionId).catch(fail);
    const item = subscription.items.data[0];
    if (!item) throw new PaymentProviderError('invalid_response', `${subject} has no item to change`);
    const product = typeof item.price.product === 'string' ? item.price.product : item.price.product.id;
    const updated = await this.stripe.subscriptions
      .update(
        request.providerSubscriptionId,
        {
          items: [{ id: item.id, price_data: { currency: request.currency.toLowerCase(), product, unit_amount: request.monthlyAmountCents, recurring: { interval: 'month' } } }],
          proration_behavior: request.prorate ? 'always_invoice' : 'none',
          metadata: { orderId: request.orderId, accountId: request.accountId },
          expand: ['latest_invoice'],
        },
        { idempotencyKey: request.idempotencyKey },
      )
      .catch(fail);
    const invoice = updated.latest_invoice;
    if (!request.prorate || invoice === null || typeof invoice === 'string') return {};
    const taxCents = (invoice.total_taxes ?? []).reduce((sum, tax) => sum + tax.amount, 0);
    return { invoiceId: invoice.id, ...(invoice.total_taxes?.length ? { taxCents } : {}), ...(invoice.hosted_invoice_url ? { receiptUrl: invoice.hosted_invoice_url } : {}) };
  }

  /** Idempotent by the caller's key: Stripe replays the first refund for a repeated one. */
  async refund(request: RefundRequest): Promise<Refund> {
    const refund = await this.stripe.refunds
      .create(
        { payment_intent: request.paymentId, amount: request.amountCents, metadata: { orderId: request.orderId } },
        { idempotencyKey: request.idempotencyKey },
      )
      .catch((error: unknown) => {
        throw providerError(error, `order ${request.orderId}`, 'the refund');
      });
    return { providerRefundId: refund.id };
  }

  /**
   * An off-session PaymentIntent (`confirm`, `off_session`) on the account's customer (found
   * by `metadata.accountId`) and its default payment method (or its first saved card).
   * Succeeded, the order is paid; a decline, or an intent that needs the customer
   * (`requires_action`, `requires_payment_method`), is a failed payment. Idempotent by the key.
   */
  async chargeSavedMethod(request: SavedMethodCharge): Promise<SavedMethodOutcome> {
    const { orderId, accountId, amountCents, currency } = request;
    const fail = (error: unknown) => {
      throw providerError(error, `order ${orderId}`, 'the charge');
    };
    const declined = (reason: string): SavedMethodOutcome => ({ kind: 'payment_failed', orderId, reason });
    const customers = await this.stripe.customers.search({ query: `metadata['accountId']:'${accountId.replace(/'/g, "\\'")}'`, limit: 1 }).catch(fail);
    const customer = customers.data[0];
    if (!customer) return declined('no_saved_payment_method: the account has no Stripe customer');
    const preferred = customer.invoice_settings.default_payment_method;
    const method = preferred ?? (await this.stripe.paymentMethods.list({ customer: customer.id, type: 'card', limit: 1 }).catch(fail)).data[0] ?? null;
    if (method === null) return declined(`no_saved_payment_method: customer ${customer.id} has none`);
    try {
      const intent = await this.stripe.paymentIntents.create(
        {
          amount: amountCents,
          currency: currency.toLowerCase(),
          customer: customer.id,
          payment_method: typeof method === 'string' ? method : method.id,
          confirm: true,
          off_session: true,
          description: request.description,
          metadata: { orderId, accountId },
        },
        { idempotencyKey: request.idempotencyKey },
      );
      if (intent.status !== 'succeeded') return declined(`payment intent ${intent.id} is ${intent.status}`);
      return { kind: 'payment_confirmed', orderId, paymentId: intent.id, amountCents: intent.amount, currency: intent.currency.toUpperCase() };
    } catch (error) {
      if (error instanceof Stripe.errors.StripeCardError) return declined(`${error.code ?? 'card_error'}: ${error.message}`);
      return fail(error);
    }
  }

  parseWebhook(rawBody: WebhookBody, headers: WebhookHeaders, now: number): PaymentNotification {
    const signature = headerValue(headers, STRIPE_SIGNATURE_HEADER);
    if (signature === undefined) throw new PaymentWebhookError('missing_signature', `no ${STRIPE_SIGNATURE_HEADER} header`);
    let event: Stripe.Event;
    try {
      event = this.stripe.webhooks.constructEvent(
        typeof rawBody === 'string' ? rawBody : Buffer.from(rawBody),
        signature,
        this.options.webhookSecret,
        this.options.toleranceSeconds ?? 300,
        undefined,
        now,
      );
    } catch (error) {
      throw webhookError(error);
    }
    return toPaymentNotification(event);
  }
}

function providerError(error: unknown, subject: string, request: string): PaymentProviderError {
  if (!(error instanceof Stripe.errors.StripeError)) {
    return new PaymentProviderError('unavailable', `${subject}: ${request} failed: ${String(error)}`, { cause: error });
  }
  const code = TRANSIENT.has(error.type) ? 'unavailable' : 'rejected';
  return new PaymentProviderError(code, `${subject}: Stripe refused ${request} (${error.type}): ${error.message}`, { cause: error });
}

function webhookError(error: unknown): PaymentWebhookError {
  if (error instanceof SyntaxError) return new PaymentWebhookError('invalid_body', 'the Stripe event is not JSON');
  if (!(error instanceof Stripe.errors.StripeSignatureVerificationError)) {
    return new PaymentWebhookError('invalid_body', `the Stripe event could not be read: ${String(error)}`);
  }
  if (/tolerance/i.test(error.message)) return new PaymentWebhookError('stale_timestamp', error.message);
  if (/unable to extract|expected scheme/i.test(error.message)) return new PaymentWebhookError('malformed_signature', error.message);
  return new PaymentWebhookError('bad_signature', error.message);
}
