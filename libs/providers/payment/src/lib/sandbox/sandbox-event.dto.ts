import { plainToInstance } from 'class-transformer';
import { IsInt, IsNotEmpty, IsObject, IsString, Matches, Min, validateSync } from 'class-validator';
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
}

export class SandboxPaymentFailedDto {
  @IsString()
  @IsNotEmpty()
  orderId!: string;

  @IsString()
  @IsNotEmpty()
  reason!: string;
}

export function toNotification(body: unknown): PaymentNotification {
  const event = validated(SandboxEventDto, body);
  if (event.type === 'payment_confirmed') {
    const { orderId, paymentId, amountCents, currency } = validated(SandboxPaymentConfirmedDto, event.data);
    return { kind: 'payment_confirmed', orderId, paymentId, amountCents, currency };
  }
  if (event.type === 'payment_failed') {
    const { orderId, reason } = validated(SandboxPaymentFailedDto, event.data);
    return { kind: 'payment_failed', orderId, reason };
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
