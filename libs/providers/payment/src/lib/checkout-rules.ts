import { PaymentProviderError } from './payment-errors';
import type { CheckoutRequest } from './payment-provider';

const CURRENCY = /^[A-Z]{3}$/;

export function assertValidCheckout(request: CheckoutRequest): void {
  const refuse = (why: string) => new PaymentProviderError('invalid_checkout', `order ${request.orderId}: ${why}`);
  if (request.orderId.length === 0) throw refuse('an order id is required');
  if (!Number.isSafeInteger(request.amountCents) || request.amountCents <= 0) {
    throw refuse(`amountCents must be a positive integer, got ${request.amountCents}`);
  }
  if (!CURRENCY.test(request.currency)) throw refuse(`currency must be an upper-case ISO 4217 code, got ${request.currency}`);
  if (request.description.trim().length === 0) throw refuse('a description is required');
}
