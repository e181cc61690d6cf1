import { PaymentProviderError, PaymentWebhookError } from '@billing/payment-provider';
import { PurchaseError } from '@billing/purchase-domain';
import { RpcError } from '@billing/service-host';

export const problems = {
  notFound: (what: string, detail: string, members: Record<string, unknown> = {}) =>
    new RpcError({ type: 'not-found', title: `${what} not found`, status: 404, detail, ...members }),
  validation: (field: string, message: string) =>
    new RpcError({ type: 'validation', title: 'The request is not valid', status: 400, detail: `${field}: ${message}`, errors: [{ field, message }] }),
  conflict: (detail: string, members: Record<string, unknown> = {}) => new RpcError({ type: 'conflict', title: 'Conflict', status: 409, detail, ...members }),
  forbidden: (detail: string) => new RpcError({ type: 'forbidden', title: 'Forbidden', status: 403, detail }),
  /** The provider has not yet said where the money goes back (Stripe: an invoice's PaymentIntent): worth trying again. */
  providerNotReady: (detail: string) => new RpcError({ type: 'payment-provider', title: 'The payment provider did not take the refund', status: 502, detail, code: 'payment_not_linked' }),
};

/** The purchase context's refusals as problem details; anything else propagates (the host answers `internal`). */
export function asProblem(error: unknown): unknown {
  if (error instanceof RpcError) return error;
  if (error instanceof PurchaseError) {
    switch (error.code) {
      case 'order_not_found':
      case 'no_subscription':
        return problems.notFound('Order', error.message, { code: error.code });
      case 'payment_mismatch':
      case 'not_paid':
      case 'refund_not_requested':
      case 'refund_mismatch':
      case 'already_subscribed':
      case 'period_out_of_sequence':
      case 'period_not_started':
      case 'period_not_paid':
      case 'subscription_cancelled':
      case 'plan_change_refused':
        return problems.conflict(error.message, { code: error.code });
      case 'invalid_auto_top_up':
        return problems.validation('auto_top_up', error.message);
      default:
        return problems.validation('order', error.message);
    }
  }
  if (error instanceof PaymentWebhookError) {
    // A forged, replayed or unreadable notification: 400, so the provider's dashboard shows it.
    return problems.validation(error.reason === 'invalid_body' ? 'rawBody' : 'headers', `${error.reason}: ${error.message}`);
  }
  if (error instanceof PaymentProviderError) {
    if (error.code === 'invalid_checkout') return problems.validation('item', error.message);
    const status = error.code === 'unavailable' ? 503 : 502;
    return new RpcError({ type: 'payment-provider', title: 'The payment provider did not take the checkout', status, detail: error.message, code: error.code });
  }
  return error;
}

export async function answeringProblems<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw asProblem(error);
  }
}
