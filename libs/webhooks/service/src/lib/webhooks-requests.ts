import 'reflect-metadata';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '@billing/contracts';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsBoolean, IsIn, IsInt, IsNotEmpty, IsObject, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';

export class AccountRequest {
  @IsString() @IsNotEmpty() accountId!: string;
}

export class EndpointRequest extends AccountRequest {
  @IsString() @IsNotEmpty() endpointId!: string;
}

export class CreateEndpointRequest extends EndpointRequest {
  @IsString() @MaxLength(2000) url!: string;
  @IsArray() @ArrayNotEmpty() @IsIn(WEBHOOK_EVENT_TYPES, { each: true }) eventTypes!: WebhookEventType[];
  @IsOptional() @IsBoolean() enabled?: boolean;
  @IsOptional() @IsString() @MaxLength(500) description?: string;
}

export class UpdateEndpointRequest extends EndpointRequest {
  @IsOptional() @IsString() @MaxLength(2000) url?: string;
  @IsOptional() @IsArray() @ArrayNotEmpty() @IsIn(WEBHOOK_EVENT_TYPES, { each: true }) eventTypes?: WebhookEventType[];
  @IsOptional() @IsBoolean() enabled?: boolean;
  @IsOptional() @IsString() @MaxLength(500) description?: string;
}

export class RotateSecretRequest extends EndpointRequest {
  @IsOptional() @IsInt() @Min(0) @Max(7 * 86_400_000) overlapMillis?: number;
}

export class DeliveriesRequest extends EndpointRequest {
  @IsOptional() @IsInt() @Min(1) @Max(500) limit?: number;
}

export class SetBalanceAlertsRequest extends AccountRequest {
  @IsString() @IsNotEmpty() pool!: string;
  @IsArray() @ArrayMaxSize(10) @IsInt({ each: true }) @Min(1, { each: true }) thresholdsMillicredits!: number[];
}

export class ReplayDeliveryRequest extends EndpointRequest {
  @IsString() @IsNotEmpty() deliveryId!: string;
}

export class BillingEventRequest {
  @IsString() @IsNotEmpty() eventId!: string;
  @IsString() @IsNotEmpty() type!: string;
  @IsString() @IsNotEmpty() streamName!: string;
  @IsObject() data!: Record<string, unknown>;
}

export class BillingEventsRequest {
  @IsArray() @ArrayMaxSize(1_000) @ValidateNested({ each: true }) @Type(() => BillingEventRequest) events!: BillingEventRequest[];
}
