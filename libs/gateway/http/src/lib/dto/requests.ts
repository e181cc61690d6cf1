import 'reflect-metadata';
import { API_KEY_SCOPES, type ApiKeyScope } from '@billing/gateway-application';
import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { MEMBER_ROLES, type MemberRole } from '@billing/organisations-domain';
import { GENERATION_MODES, REQUEST_LIMITS, WEBHOOK_EVENT_TYPES, type WebhookEventType } from '@billing/contracts';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsBoolean, IsIn, IsInt, IsNotEmpty, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateBy, ValidateIf } from 'class-validator';

const { renderName, durationMillis, fps, batchSize, catalogIdLength } = REQUEST_LIMITS;
const NAME = renderName.pattern;
const NAME_DOC = { maxLength: renderName.maxLength, pattern: NAME.source } as const;
/** One `@`, no spaces, a dot in the domain: enough to catch a typo; the invitee proves the address by using the code. */
const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]+$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;
const SECONDS = { min: durationMillis.min / 1000, max: durationMillis.max / 1000 } as const;

/** What to render. Durations are seconds with at most three decimals. */
export class RenderBody {
  @ApiProperty({ type: String, description: 'Model id from the price book', example: 'seedance-2.0', ...NAME_DOC })
  @IsString()
  @Matches(NAME, { message: renderName.message })
  model!: string;

  @ApiProperty({ type: Number, description: 'Seconds of output, at most three decimals', example: 5, minimum: SECONDS.min, maximum: SECONDS.max })
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 3 }, { message: 'must be a number of seconds with at most three decimals' })
  @Min(SECONDS.min)
  @Max(SECONDS.max)
  duration_seconds!: number;

  @ApiPropertyOptional({ type: String, description: 'Resolution (720p, 1080p, 2160p); the book default when absent', example: '1080p', ...NAME_DOC })
  @IsOptional()
  @IsString()
  @Matches(NAME, { message: renderName.message })
  resolution?: string;

  @ApiPropertyOptional({ type: Number, format: 'int32', description: 'Frames per second; the book default when absent', example: 30, minimum: fps.min, maximum: fps.max })
  @IsOptional()
  @IsInt()
  @Min(fps.min)
  @Max(fps.max)
  fps?: number;

  @ApiPropertyOptional({ type: String, description: 'Complexity (standard, high_fidelity); the book default when absent', ...NAME_DOC })
  @IsOptional()
  @IsString()
  @Matches(NAME, { message: renderName.message })
  complexity?: string;

  @ApiPropertyOptional({ type: Boolean, description: 'Whether a reference video is given (changes the rate)' })
  @IsOptional()
  @IsBoolean()
  video_reference?: boolean;

  @ApiPropertyOptional({ type: String, enum: GENERATION_MODES, description: 'A preview is a short low-resolution render at a fraction of the cost' })
  @IsOptional()
  @IsIn(GENERATION_MODES)
  mode?: 'standard' | 'preview';
}

export class QuoteBody extends RenderBody {
  @ApiPropertyOptional({ type: Number, format: 'int32', description: 'Variations of one prompt priced together', minimum: batchSize.min, maximum: batchSize.max })
  @IsOptional()
  @IsInt()
  @Min(batchSize.min)
  @Max(batchSize.max)
  batch_size?: number;
}

export class TaskBody extends RenderBody {
  @ApiPropertyOptional({ type: Boolean, description: 'Past the concurrency limit, wait in the queue instead of a 429' })
  @IsOptional()
  @IsBoolean()
  queue?: boolean;
}

export class BatchBody extends RenderBody {
  @ApiProperty({ type: Number, format: 'int32', description: 'How many variations', minimum: batchSize.min, maximum: batchSize.max })
  @IsInt()
  @Min(batchSize.min)
  @Max(batchSize.max)
  batch_size!: number;

  @ApiPropertyOptional({ type: Boolean, description: 'Wait for slots past the concurrency limit (default true for a batch)' })
  @IsOptional()
  @IsBoolean()
  queue?: boolean;
}

/** A member only an order of that kind names: an order buys a pack or a plan, never both. */
function OnlyForKind(kind: 'pack' | 'plan'): PropertyDecorator {
  const other = kind === 'pack' ? 'plan' : 'pack';
  return ValidateBy({
    name: 'onlyForKind',
    constraints: [kind],
    validator: {
      validate: (_value: unknown, args?: { object: object }) => (args?.object as Partial<OrderBody> | undefined)?.kind !== other,
      defaultMessage: () => `is for kind ${kind} only: an order names a pack or a plan, not both`,
    },
  });
}

export class OrderBody {
  @ApiProperty({ type: String, enum: ['pack', 'plan'], description: 'A credit pack or a plan' })
  @IsIn(['pack', 'plan'])
  kind!: 'pack' | 'plan';

  @ApiPropertyOptional({ type: String, description: 'The pack (kind pack only), e.g. api-1000', maxLength: catalogIdLength })
  @ValidateIf((body: OrderBody) => body.kind !== 'plan' || body.pack_id !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(catalogIdLength)
  @OnlyForKind('pack')
  pack_id?: string;

  @ApiPropertyOptional({ type: String, description: 'The plan (kind plan only), e.g. creator', maxLength: catalogIdLength })
  @ValidateIf((body: OrderBody) => body.kind === 'plan' || body.plan_id !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(catalogIdLength)
  @OnlyForKind('plan')
  plan_id?: string;
}

export class ApiKeyBody {
  @ApiPropertyOptional({ type: String, description: 'A name to recognise the key by', maxLength: 100, example: 'ci pipeline' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name?: string;

  @ApiPropertyOptional({
    type: [String],
    enum: API_KEY_SCOPES,
    description: 'What the key may do (see the README’s table); absent: every scope',
    example: ['tasks:write', 'tasks:read', 'quotes'],
    maxItems: API_KEY_SCOPES.length,
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(API_KEY_SCOPES.length)
  @IsIn(API_KEY_SCOPES, { each: true })
  scopes?: ApiKeyScope[];

  @ApiPropertyOptional({
    type: Number,
    description: 'At most this many credits of the API pool held or charged through the key per `budget_per`; absent: no limit but the pool',
    example: 500,
    minimum: 0,
    maximum: 1_000_000_000,
  })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 3 }, { message: 'must be a number of credits with at most three decimals' })
  @Min(0)
  @Max(1_000_000_000)
  budget_credits?: number;

  @ApiPropertyOptional({ type: String, enum: ['month', 'lifetime'], description: 'The budget’s window: each UTC month (default) or the key’s life' })
  @IsOptional()
  @IsIn(['month', 'lifetime'])
  budget_per?: 'month' | 'lifetime';

  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'When the key stops working; absent: until revoked', example: '2030-01-01T00:00:00Z' })
  @IsOptional()
  @IsString()
  @Matches(INSTANT, { message: 'must be an RFC 3339 instant' })
  expires_at?: string;
}

export class RotateApiKeyBody {
  @ApiPropertyOptional({ type: Number, format: 'int32', description: 'Seconds the replaced secret keeps working (default 86400)', minimum: 0, maximum: 2_592_000, example: 3600 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(2_592_000)
  overlap_seconds?: number;
}

export class ChangePlanBody {
  @ApiProperty({ type: String, description: 'A plan of the price book in force sold online by the month', maxLength: REQUEST_LIMITS.catalogIdLength, example: 'creator' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(REQUEST_LIMITS.catalogIdLength)
  plan_id!: string;
}

export class RefundBody {
  @ApiPropertyOptional({ type: String, description: 'Why the money goes back (shown to finance with the revoked credits)', maxLength: 500, example: 'bought by mistake' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason?: string;
}

export class WebhookEndpointBody {
  @ApiProperty({ type: String, description: 'Where deliveries are POSTed (http or https; no private or loopback address in production)', maxLength: 2000, example: 'https://example.com/billing-hooks' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  url!: string;

  @ApiProperty({ type: String, isArray: true, enum: WEBHOOK_EVENT_TYPES, description: 'The event types delivered to the endpoint', example: ['credits.purchased'] })
  @IsArray()
  @ArrayNotEmpty()
  @IsIn(WEBHOOK_EVENT_TYPES, { each: true })
  event_types!: WebhookEventType[];

  @ApiPropertyOptional({ type: Boolean, description: 'Whether deliveries are made (default true; enabling again clears the platform’s reason for disabling it)' })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({ type: String, description: 'A note to recognise the endpoint by', maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string;
}

/** Changes to an endpoint: each field absent stays as it is. */
export class WebhookEndpointChangesBody extends PartialType(WebhookEndpointBody) {}

export class RotateSecretBody {
  @ApiPropertyOptional({ type: Number, format: 'int32', description: 'Seconds the previous secret keeps signing beside the new one (default 86400)', minimum: 0, maximum: 604_800 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(604_800)
  overlap_seconds?: number;
}

export class BalanceAlertsBody {
  @ApiProperty({
    type: Number,
    isArray: true,
    description: 'Thresholds in credits (at most three decimals, at most 10); each fires once when the pool’s available credits fall below it. Empty: no alerts.',
    example: [500, 100],
    maxItems: 10,
  })
  @IsArray()
  @ArrayMaxSize(10)
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 3 }, { each: true, message: 'each threshold must be a number of credits with at most three decimals' })
  @Min(0.001, { each: true })
  @Max(1_000_000_000, { each: true })
  thresholds!: number[];
}

export class OrganisationBody {
  @ApiProperty({ type: String, description: 'A name to recognise the organisation by (the dashboard’s switcher shows it)', minLength: 1, maxLength: 100, example: 'Studio' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name!: string;
}

export class InvitationBody {
  @ApiProperty({ type: String, description: 'Where the invitee is reached; the code is answered (and logged by the embedded platform), no mail is sent', example: 'bob@example.com', maxLength: 254 })
  @IsString()
  @MaxLength(254)
  @Matches(EMAIL, { message: 'must be an email address' })
  email!: string;

  @ApiProperty({ type: String, enum: MEMBER_ROLES, description: 'The role the invitee joins with (only an owner invites an owner)', example: 'developer' })
  @IsIn(MEMBER_ROLES)
  role!: MemberRole;
}

export class MemberRoleBody {
  @ApiProperty({ type: String, enum: MEMBER_ROLES, description: 'The member’s new role (only an owner makes or unmakes an owner; the last owner stays one)', example: 'admin' })
  @IsIn(MEMBER_ROLES)
  role!: MemberRole;
}

export class AcceptInvitationBody {
  @ApiProperty({ type: String, description: 'The invitation’s single-use code (`inv.…`)', example: 'inv.YWxpY2U.q3Vx4lIY2wLrK3F0c8B9mQk7p1sZyH6uTbN2eRdA5oW', maxLength: 400 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(400)
  code!: string;
}

export class AutoTopUpBody {
  @ApiProperty({ type: Number, description: 'A top-up starts when the pool’s available credits fall below this (credits, at most three decimals)', example: 100 })
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 3 }, { message: 'threshold must be a number of credits with at most three decimals' })
  @Min(0.001)
  @Max(1_000_000_000)
  threshold!: number;

  @ApiProperty({ type: String, description: 'The pack bought, one of the catalog’s packs sold in this pool', example: 'api-1000', maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  pack_id!: string;

  @ApiProperty({ type: Number, format: 'int64', description: 'Top-ups started in a calendar month (UTC) never cost more than this in all, in cents of the catalog’s currency; at least one pack', example: 30_000 })
  @IsInt()
  @Min(1)
  @Max(1_000_000_000)
  monthly_cap_cents!: number;

  @ApiProperty({ type: Number, required: false, description: 'Declined charges in a row after which auto top-up is disabled (default 3)', example: 3, minimum: 1, maximum: 100 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  max_failures?: number;
}
