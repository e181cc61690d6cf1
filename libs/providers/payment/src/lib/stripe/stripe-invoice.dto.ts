import 'reflect-metadata';
import { plainToInstance, Type } from 'class-transformer';
import { IsArray, IsIn, IsInt, IsNotEmpty, IsObject, IsOptional, IsString, Matches, Min, ValidateNested, validateSync } from 'class-validator';
import { PaymentWebhookError } from '../payment-errors';

class StripePeriodDto {
  @IsInt() start!: number;
  @IsInt() end!: number;
}

class StripeInvoiceLineDto {
  @IsObject() @ValidateNested() @Type(() => StripePeriodDto) period!: StripePeriodDto;
}

class StripeInvoiceLinesDto {
  @IsArray() @ValidateNested({ each: true }) @Type(() => StripeInvoiceLineDto) data!: StripeInvoiceLineDto[];
}

/**
 * The fields of a Stripe Invoice this adapter reads. The account is in the subscription's
 * metadata (set at checkout), which the invoice repeats under `parent.subscription_details`
 * (API 2025-03 and later) or `subscription_details` (earlier).
 */
export class StripeInvoiceDto {
  @IsString() @IsNotEmpty() id!: string;
  @IsOptional() @IsString() billing_reason?: string | null;
  @IsInt() @Min(0) amount_paid!: number;
  @IsInt() @Min(0) amount_due!: number;
  @Matches(/^[a-zA-Z]{3}$/) currency!: string;
  @IsOptional() @IsInt() @Min(0) attempt_count?: number;
  @IsOptional() @IsInt() next_payment_attempt?: number | null;
  @IsObject() @ValidateNested() @Type(() => StripeInvoiceLinesDto) lines!: StripeInvoiceLinesDto;
  @IsOptional() @IsObject() parent?: { subscription_details?: { metadata?: Record<string, string> | null } | null } | null;
  @IsOptional() @IsObject() subscription_details?: { metadata?: Record<string, string> | null } | null;
  @IsOptional() @IsString() hosted_invoice_url?: string | null;
  @IsOptional() @IsArray() total_taxes?: { amount: number }[] | null;
}

/** The fields of a Stripe InvoicePayment read when it is paid: which PaymentIntent paid which invoice. */
export class StripeInvoicePaymentDto {
  @IsString() @IsNotEmpty() id!: string;
  @IsString() @IsNotEmpty() invoice!: string;
  @IsObject() payment!: { type?: string; payment_intent?: string | null };
}

/** The tax on an invoice, when Stripe computed any. */
export function taxOfInvoice(invoice: StripeInvoiceDto): { taxCents?: number } {
  const taxes = invoice.total_taxes ?? [];
  return taxes.length === 0 ? {} : { taxCents: taxes.reduce((sum, tax) => sum + (Number.isSafeInteger(tax.amount) ? tax.amount : 0), 0) };
}

/** The fields of a Stripe Subscription read when it ends. */
export class StripeSubscriptionDto {
  @IsString() @IsNotEmpty() id!: string;
  @IsIn(['canceled', 'incomplete_expired', 'unpaid', 'active', 'past_due', 'trialing', 'incomplete', 'paused']) status!: string;
  @IsOptional() @IsObject() metadata?: Record<string, string> | null;
  @IsOptional() @IsObject() cancellation_details?: { reason?: string | null } | null;
}

/** The fields of a Stripe Charge read when it is refunded: the PaymentIntent is the payment an order knows. */
export class StripeChargeDto {
  @IsString() @IsNotEmpty() id!: string;
  @IsOptional() @IsString() payment_intent?: string | null;
  @IsInt() @Min(0) amount_refunded!: number;
}

/** The fields of a Stripe Dispute read when it opens and closes. */
export class StripeDisputeDto {
  @IsString() @IsNotEmpty() id!: string;
  @IsString() @IsNotEmpty() payment_intent!: string;
  @IsInt() @Min(0) amount!: number;
  @IsString() @IsNotEmpty() status!: string;
}

export function parseStripeObject<T extends object>(type: new () => T, value: unknown, what: string): T {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new PaymentWebhookError('invalid_body', `the Stripe event carries no ${what}`);
  const parsed = plainToInstance(type, value);
  const problems = validateSync(parsed).flatMap((error) => describe(error));
  if (problems.length > 0) throw new PaymentWebhookError('invalid_body', `invalid ${what}: ${problems.join('; ')}`);
  return parsed;
}

function describe(error: { constraints?: Record<string, string>; children?: readonly unknown[]; property: string }): string[] {
  const own = Object.values(error.constraints ?? {});
  const nested = (error.children ?? []).flatMap((child) => describe(child as typeof error)).map((text) => `${error.property}.${text}`);
  return [...own, ...nested];
}

export function accountOfInvoice(invoice: StripeInvoiceDto): string {
  const accountId = invoice.parent?.subscription_details?.metadata?.['accountId'] ?? invoice.subscription_details?.metadata?.['accountId'];
  if (typeof accountId !== 'string' || accountId.length === 0) throw new PaymentWebhookError('invalid_body', `invoice ${invoice.id} names no account in its subscription's metadata`);
  return accountId;
}

/** The subscription line's period, in epoch milliseconds. */
export function periodOfInvoice(invoice: StripeInvoiceDto): { periodStart: number; periodEnd: number } {
  const line = invoice.lines.data[0];
  if (!line) throw new PaymentWebhookError('invalid_body', `invoice ${invoice.id} has no line`);
  return { periodStart: line.period.start * 1000, periodEnd: line.period.end * 1000 };
}
