import { plainToInstance } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsObject, IsOptional, IsString, Matches, Min, validateSync } from 'class-validator';
import { PaymentWebhookError } from '../payment-errors';
import type { PaymentNotification } from '../payment-provider';

/** `{id, type, data}`: the sandbox's notification body; `type` is `payment_confirmed` or `payment_failed`. */
export class SandboxEventDto {
  @IsString()
  @IsNotEmpty()
  id!: string;

  @IsString()
  @IsNotEmpty()
  type!: string;

  @IsObject()
  data!: Record<string, unknown>;
}

export class SandboxPaymentConfirmedDto {
  @IsString()
  @IsNotEmpty()
  orderId!: string;

  @IsString()
  @IsNotEmpty()
  paymentId!: string;

  @IsInt()
  @Min(1)
  amountCents!: number;

  @Matches(/^[A-Z]{3}$/)
  currency!: string;

  @IsOptional()
  @IsString()
  providerSubscriptionId?: string;
}

export class SandboxPaymentFailedDto {
  @IsString()
  @IsNotEmpty()
  orderId!: string;

  @IsString()
  @IsNotEmpty()
  reason!: string;
}

export class SandboxRenewalDto {
  @IsString() @IsNotEmpty() accountId!: string;
  @IsString() @IsNotEmpty() invoiceId!: string;
  @IsInt() periodStart!: number;
  @IsInt() periodEnd!: number;
  @IsInt() @Min(0) amountCents!: number;
  @Matches(/^[A-Z]{3}$/) currency!: string;
  @IsInt() @Min(1) attempt!: number;
  @IsBoolean() finalAttempt!: boolean;
}

export class SandboxSubscriptionEndedDto {
  @IsString() @IsNotEmpty() accountId!: string;
  @IsString() @IsNotEmpty() reason!: string;
}

export class SandboxDisputeDto {
  @IsString() @IsNotEmpty() paymentId!: string;
  @IsString() @IsNotEmpty() disputeId!: string;
  @IsInt() @Min(0) amountCents!: number;
  @IsOptional() @IsIn(['won', 'lost']) outcome?: 'won' | 'lost';
}

export class SandboxRefundDto {
  @IsString() @IsNotEmpty() paymentId!: string;
  @IsInt() @Min(0) refundedCents!: number;
}

export function toNotification(body: unknown): PaymentNotification {
  const event = validated(SandboxEventDto, body);
  if (event.type === 'payment_confirmed') {
    const { orderId, paymentId, amountCents, currency, providerSubscriptionId } = validated(SandboxPaymentConfirmedDto, event.data);
    const confirmed = { kind: 'payment_confirmed' as const, orderId, paymentId, amountCents, currency };
    return providerSubscriptionId === undefined ? confirmed : { ...confirmed, providerSubscriptionId };
  }
  if (event.type === 'payment_failed') {
    const { orderId, reason } = validated(SandboxPaymentFailedDto, event.data);
    return { kind: 'payment_failed', orderId, reason };
  }
  if (event.type === 'invoice_paid') {
    const { accountId, invoiceId, periodStart, periodEnd, amountCents, currency } = validated(SandboxRenewalDto, event.data);
    return { kind: 'renewal_paid', accountId, invoiceId, periodStart, periodEnd, amountCents, currency };
  }
  if (event.type === 'invoice_payment_failed') {
    const { accountId, invoiceId, periodStart, periodEnd, attempt, finalAttempt } = validated(SandboxRenewalDto, event.data);
    return { kind: 'renewal_failed', accountId, invoiceId, periodStart, periodEnd, attempt, finalAttempt, reason: 'card_declined' };
  }
  if (event.type === 'dispute_opened') {
    const { paymentId, disputeId, amountCents } = validated(SandboxDisputeDto, event.data);
    return { kind: 'dispute_opened', paymentId, disputeId, amountCents };
  }
  if (event.type === 'dispute_closed') {
    const { paymentId, disputeId, amountCents, outcome } = validated(SandboxDisputeDto, event.data);
    if (outcome === undefined) throw new PaymentWebhookError('invalid_body', 'a closed sandbox dispute names its outcome');
    return { kind: 'dispute_closed', paymentId, disputeId, amountCents, outcome };
  }
  if (event.type === 'payment_refunded') {
    const { paymentId, refundedCents } = validated(SandboxRefundDto, event.data);
    return { kind: 'payment_refunded', paymentId, refundedCents };
  }
  if (event.type === 'subscription_ended') {
    const { accountId, reason } = validated(SandboxSubscriptionEndedDto, event.data);
    return { kind: 'subscription_ended', accountId, reason };
  }
  return { kind: 'ignored', type: event.type };
}

function validated<T extends object>(type: new () => T, value: unknown): T {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new PaymentWebhookError('invalid_body', 'the sandbox notification is not a JSON object');
  }
  const dto = plainToInstance(type, value);
  const problems = validateSync(dto).flatMap((error) => Object.values(error.constraints ?? {}));
  if (problems.length > 0) throw new PaymentWebhookError('invalid_body', `invalid sandbox notification: ${problems.join('; ')}`);
  return dto;
}
