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
  /** How many times a renewal is tried before the sandbox gives up and the plan ends (default 3). */
  readonly renewalAttempts?: number;
}

/** A plan's period to bill, as the purchase service's renewal job asks for it on the platform clock. */
export interface SandboxRenewal {
  readonly accountId: string;
  readonly orderId: string;
  readonly periodStart: number;
  readonly periodEnd: number;
  readonly amountCents: number;
  readonly currency: string;
  /** 1 for the first try at this period, then one more per retry. */
  readonly attempt: number;
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
  /** Charges of the saved card still to decline, per account (renewals and top-ups): the switch that makes the next one (or more) declined. */
  private readonly chargesToFail = new Map<string, number>();
  private readonly cancelled = new Set<string>();
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
    const { amountCents, currency, recurring } = this.checkoutOf(orderId);
    const subscription = recurring ? { providerSubscriptionId: `sandbox_sub_${orderId}` } : {};
    return this.signed('payment_confirmed', { orderId, paymentId: `sandbox_pay_${orderId}`, amountCents, currency, ...subscription }, now);
  }

  /**
   * Bills a plan's period: paid, unless `failNextCharges` was set for the account. The
   * invoice id names the period, so each retry of it is the same invoice.
   */
  renew(renewal: SandboxRenewal, now: number): SignedNotification {
    const { accountId, orderId, periodStart, periodEnd, amountCents, currency, attempt } = renewal;
    const invoice = { accountId, invoiceId: `sandbox_in_${orderId}_${periodStart}`, periodStart, periodEnd, amountCents, currency, attempt };
    if (!this.declines(accountId)) return this.signed('invoice_paid', { ...invoice, finalAttempt: false }, now);
    return this.signed('invoice_payment_failed', { ...invoice, finalAttempt: attempt >= (this.options.renewalAttempts ?? 3) }, now);
  }

  /** The account's saved card pays, unless `failNextCharges` asked for it to be declined. */
  chargeSavedMethod(request: SavedMethodCharge): Promise<SavedMethodOutcome> {
    const { orderId, amountCents, currency } = request;
    if (this.declines(request.accountId)) return Promise.resolve({ kind: 'payment_failed', orderId, reason: 'card_declined' });
    return Promise.resolve({ kind: 'payment_confirmed', orderId, paymentId: `sandbox_pay_${orderId}`, amountCents, currency });
  }

  /** Whether this charge of the account's card is declined: one fewer to decline after it. */
  private declines(accountId: string): boolean {
    const toFail = this.chargesToFail.get(accountId) ?? 0;
    if (toFail === 0) return false;
    if (toFail === 1) this.chargesToFail.delete(accountId);
    else this.chargesToFail.set(accountId, toFail - 1);
    return true;
  }

  /** The buyer's bank disputes the order's payment; `outcome` closes the dispute. */
  dispute(orderId: string, now: number, outcome?: 'won' | 'lost'): SignedNotification {
    const { amountCents } = this.checkoutOf(orderId);
    const dispute = { paymentId: `sandbox_pay_${orderId}`, disputeId: `sandbox_dp_${orderId}`, amountCents };
    return outcome === undefined ? this.signed('dispute_opened', dispute, now) : this.signed('dispute_closed', { ...dispute, outcome }, now);
  }

  /** The next `count` charges of the account's saved card are declined: plan renewals and auto top-ups. */
  failNextCharges(accountId: string, count = 1): void {
    this.chargesToFail.set(accountId, count);
  }

  /** Renewals are billed by the purchase service's job on the platform clock, which reads the plan's end itself. */
  /** Returns the money at once; the same key is the same refund. */
  refund(request: RefundRequest): Promise<Refund> {
    if (!Number.isSafeInteger(request.amountCents) || request.amountCents <= 0) {
      return Promise.reject(new PaymentProviderError('invalid_checkout', `order ${request.orderId}: a refund must be whole cents above zero`));
    }
    return Promise.resolve({ providerRefundId: `sandbox_re_${request.idempotencyKey}` });
  }

  setCancelAtPeriodEnd(): Promise<void> {
    return Promise.resolve();
  }

  /** The sandbox bills renewals only for plans in force, so ending one is remembered, for a test to see that it was asked. */
  cancelSubscription(providerSubscriptionId: string): Promise<void> {
    this.cancelled.add(providerSubscriptionId);
    return Promise.resolve();
  }

  /** Whether the purchase service ended this subscription at the sandbox. */
  isCancelled(providerSubscriptionId: string): boolean {
    return this.cancelled.has(providerSubscriptionId);
  }

  /** Charges a prorated difference at once, as a paid invoice named by the key; renewals are billed at the price the purchase service asks. */
  changePlan(request: PlanChangeRequest): Promise<PlanChangeBilled> {
    return Promise.resolve(request.prorate ? { invoiceId: `sandbox_in_${request.idempotencyKey}` } : {});
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
