import { assertValidCheckout } from '../checkout-rules';
import { PaymentProviderError, PaymentWebhookError } from '../payment-errors';
import type { Checkout, CheckoutRequest, PaymentNotification, PaymentProvider, WebhookBody, WebhookHeaders } from '../payment-provider';
import { bodyText, headerValue } from '../webhook-input';
import { toNotification } from './sandbox-event.dto';
import { SANDBOX_SIGNATURE_HEADER, signSandboxPayload, verifySandboxSignature } from './sandbox-signature';

export interface SandboxPaymentProviderOptions {
  /** `production` is refused: the sandbox confirms payments without taking any money. */
  readonly environment: string;
  /** The sandbox checkout page; a checkout URL is `<checkoutBaseUrl>/<orderId>`. */
  readonly checkoutBaseUrl: string;
  readonly webhookSecret: string;
  readonly toleranceSeconds?: number;
}

/** A signed notification, as the webhook endpoint would receive it. */
export interface SignedNotification {
  readonly rawBody: string;
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * Payments for the embedded platform. `confirm` and `fail` produce the signed notification
 * a real provider would post; it goes through `parseWebhook` like any other, so there is one path.
 * Checkouts live in memory: after a restart, an order must be checked out again before it is confirmed.
 */
export class SandboxPaymentProvider implements PaymentProvider {
  private readonly checkouts = new Map<string, CheckoutRequest>();
  private nextEventNumber = 1;

  constructor(private readonly options: SandboxPaymentProviderOptions) {
    if (options.environment.trim().toLowerCase() === 'production') {
      throw new Error(
        'SandboxPaymentProvider refuses to start in production: it confirms payments without charging anyone. ' +
          'Configure a real payment provider (Stripe) for production.',
      );
    }
    if (options.webhookSecret.length === 0) throw new Error('SandboxPaymentProvider needs a webhook secret');
  }

  async createCheckout(request: CheckoutRequest): Promise<Checkout> {
    assertValidCheckout(request);
    this.checkouts.set(request.orderId, request);
    const base = this.options.checkoutBaseUrl.replace(/\/$/, '');
    return {
      providerReference: `sandbox_cs_${request.orderId}`,
      checkoutUrl: `${base}/${encodeURIComponent(request.orderId)}`,
    };
  }

  /** The buyer paid: the full amount of the checkout, under a payment id that repeats for the same order. */
  confirm(orderId: string, now: number): SignedNotification {
    const { amountCents, currency } = this.checkoutOf(orderId);
    return this.signed('payment_confirmed', { orderId, paymentId: `sandbox_pay_${orderId}`, amountCents, currency }, now);
  }

  fail(orderId: string, now: number, reason = 'card_declined'): SignedNotification {
    this.checkoutOf(orderId);
    return this.signed('payment_failed', { orderId, reason }, now);
  }

  parseWebhook(rawBody: WebhookBody, headers: WebhookHeaders, now: number): PaymentNotification {
    verifySandboxSignature(rawBody, headerValue(headers, SANDBOX_SIGNATURE_HEADER), {
      secret: this.options.webhookSecret,
      toleranceSeconds: this.options.toleranceSeconds ?? 300,
      now,
    });
    let body: unknown;
    try {
      body = JSON.parse(bodyText(rawBody));
    } catch {
      throw new PaymentWebhookError('invalid_body', 'the sandbox notification is not JSON');
    }
    return toNotification(body);
  }

  private checkoutOf(orderId: string): CheckoutRequest {
    const checkout = this.checkouts.get(orderId);
    if (!checkout) throw new PaymentProviderError('rejected', `order ${orderId} has no sandbox checkout`);
    return checkout;
  }

  private signed(type: string, data: object, now: number): SignedNotification {
    const rawBody = JSON.stringify({ id: `evt_sandbox_${this.nextEventNumber++}`, type, data });
    return {
      rawBody,
      headers: { 'content-type': 'application/json', [SANDBOX_SIGNATURE_HEADER]: signSandboxPayload(rawBody, this.options.webhookSecret, now) },
    };
  }
}
