import { plainToInstance } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsObject, IsOptional, IsString, Matches, Min, validateSync } from 'class-validator';
import { PaymentWebhookError } from '../payment-errors';

/**
 * The fields of a Stripe Checkout Session this adapter reads. A verified signature proves
 * the sender, not the shape, so the shape is checked before it becomes a type.
 */
export class StripeCheckoutSessionDto {
  @IsString()
  @IsNotEmpty()
  id!: string;

  @IsOptional()
  @IsString()
  client_reference_id?: string | null;

  @IsOptional()
  @IsObject()
  metadata?: Record<string, string> | null;

  @IsOptional()
  @IsInt()
  @Min(0)
  amount_total?: number | null;

  @IsOptional()
  @Matches(/^[a-zA-Z]{3}$/)
  currency?: string | null;

  @IsIn(['paid', 'unpaid', 'no_payment_required'])
  payment_status!: string;

  /** An id, or the expanded PaymentIntent object. */
  @IsOptional()
  payment_intent?: string | { id?: unknown } | null;

  /** Mode `subscription`: the subscription the session created (an id, or expanded). */
  @IsOptional()
  subscription?: string | { id?: unknown } | null;

  /** `amount_tax`: the tax Stripe computed, when automatic tax is on. */
  @IsOptional()
  @IsObject()
  total_details?: { amount_tax?: number | null } | null;

  /** Mode `subscription`: the first invoice, which the session paid. */
  @IsOptional()
  invoice?: string | { id?: unknown } | null;
}

export function parseCheckoutSession(value: unknown): StripeCheckoutSessionDto {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new PaymentWebhookError('invalid_body', 'the Stripe event carries no checkout session');
  }
  const session = plainToInstance(StripeCheckoutSessionDto, value);
  const problems = validateSync(session).flatMap((error) => Object.values(error.constraints ?? {}));
  if (problems.length > 0) throw new PaymentWebhookError('invalid_body', `invalid checkout session: ${problems.join('; ')}`);
  return session;
}
