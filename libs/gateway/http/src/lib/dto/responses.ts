import 'reflect-metadata';
import { ApiProperty } from '@nestjs/swagger';
import { API_KEY_SCOPES } from '@billing/gateway-application';
import { WEBHOOK_EVENT_TYPES } from '@billing/contracts';
import { MEMBER_ROLES } from '@billing/organisations-domain';

// The public shapes of libs/gateway/application's views, for the OpenAPI document.
// Credits are numbers with at most three decimals; money is integer cents with a currency.

export class FactorDto {
  @ApiProperty({ type: String, example: 'rate' }) name!: string;
  @ApiProperty({ type: String, description: 'Exact decimal text', example: '15' }) value!: string;
  @ApiProperty({ type: String }) description!: string;
}

export class MoneyDto {
  @ApiProperty({ type: Number, format: 'int64', example: 7200 }) amount_cents!: number;
  @ApiProperty({ type: String, example: 'USD' }) currency!: string;
}

export class QuoteItemDto {
  @ApiProperty({ type: Number }) credits!: number;
  @ApiProperty({ type: [FactorDto] }) breakdown!: FactorDto[];
}

export class RoundingDto {
  @ApiProperty({ type: Number }) increment_credits!: number;
  @ApiProperty({ type: String, example: 'half_up' }) mode!: string;
}

export class QuoteDto {
  @ApiProperty({ type: String }) quote_id!: string;
  @ApiProperty({ type: Number, example: 75 }) credits!: number;
  @ApiProperty({ type: String, example: 'credits' }) unit!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The pool the caller’s channel draws on' }) pool!: string | null;
  @ApiProperty({ type: [FactorDto] }) breakdown!: FactorDto[];
  @ApiProperty({ type: [QuoteItemDto], description: 'One per task (several for a batch)' }) items!: QuoteItemDto[];
  @ApiProperty({ type: String, example: 'credits' }) price_book!: string;
  @ApiProperty({ type: String }) version!: string;
  @ApiProperty({ type: RoundingDto }) rounding!: RoundingDto;
  @ApiProperty({ type: String, format: 'date-time' }) quoted_at!: string;
  @ApiProperty({ type: String, format: 'date-time' }) expires_at!: string;
}

export class TaskQuoteDto {
  @ApiProperty({ type: String }) quote_id!: string;
  @ApiProperty({ type: Number }) credits!: number;
  @ApiProperty({ type: [FactorDto] }) breakdown!: FactorDto[];
  @ApiProperty({ type: String }) price_book!: string;
  @ApiProperty({ type: String }) version!: string;
  @ApiProperty({ type: String }) model!: string;
  @ApiProperty({ type: String, enum: ['standard', 'preview'] }) mode!: string;
  @ApiProperty({ type: Number }) duration_seconds!: number;
  @ApiProperty({ type: Number, format: 'int32', nullable: true }) batch_index!: number | null;
  @ApiProperty({ type: Number, format: 'int32', nullable: true }) batch_size!: number | null;
  @ApiProperty({ type: String, format: 'date-time' }) quoted_at!: string;
  @ApiProperty({ type: String, format: 'date-time' }) expires_at!: string;
}

export class RejectionDto {
  @ApiProperty({ type: String, enum: ['insufficient_credits', 'key_budget_exceeded', 'concurrency_limit'] }) reason!: string;
  @ApiProperty({ type: Number, nullable: true }) required!: number | null;
  @ApiProperty({ type: Number, nullable: true }) available!: number | null;
  @ApiProperty({ type: Number, format: 'int32', nullable: true }) limit!: number | null;
  @ApiProperty({ type: Number, format: 'int32', nullable: true }) running!: number | null;
}

export class ActorDto {
  @ApiProperty({ type: String, enum: ['key', 'member'], description: 'An API key of the account, or a signed-in member' }) kind!: string;
  @ApiProperty({ type: String, description: 'The key id, or the member\'s user id' }) id!: string;
}

const TASK_STATUSES = ['requested', 'queued', 'reserved', 'dispatched', 'running', 'succeeded', 'failed', 'cancelled', 'timed_out', 'charged', 'released', 'rejected'];

export class TaskDto {
  @ApiProperty({ type: String }) id!: string;
  @ApiProperty({ type: String, enum: TASK_STATUSES }) status!: string;
  @ApiProperty({ type: String, enum: ['app', 'api'] }) channel!: string;
  @ApiProperty({ type: String, example: 'api' }) pool!: string;
  @ApiProperty({ type: Number }) credits_reserved!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'What was charged; null until charged' }) credits_cost!: number | null;
  @ApiProperty({ type: TaskQuoteDto }) quote!: TaskQuoteDto;
  @ApiProperty({ type: String, nullable: true, description: 'Why it ended; null while under way' }) end_reason!: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Seconds of output the provider delivered (at most 3 decimals); null until delivered' })
  delivered_duration_seconds!: number | null;
  @ApiProperty({
    type: String,
    enum: ['full', 'pro_rata'],
    nullable: true,
    description: 'How the output is charged: the quote in full, or pro_rata when it is shorter than quoted and the price book charges for its length; null until delivered',
  })
  charge_basis!: string | null;
  @ApiProperty({ type: RejectionDto, nullable: true }) rejection!: RejectionDto | null;
  @ApiProperty({ type: String, nullable: true }) batch_id!: string | null;
  @ApiProperty({ type: Number, format: 'int32', nullable: true }) batch_index!: number | null;
  @ApiProperty({ type: Boolean }) preview!: boolean;
  @ApiProperty({ type: Boolean }) adopted!: boolean;
  @ApiProperty({ type: ActorDto, nullable: true, description: 'Who made the task; null for a task from before that was recorded' }) actor!: ActorDto | null;
  @ApiProperty({ type: String, format: 'date-time' }) created_at!: string;
}

export class TaskPageDto {
  @ApiProperty({ type: [TaskDto] }) tasks!: TaskDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `after` for the next page' }) next!: string | null;
}

export class BatchDto {
  @ApiProperty({ type: String }) batch_id!: string;
  @ApiProperty({ type: String }) quote_id!: string;
  @ApiProperty({ type: Number }) credits!: number;
  @ApiProperty({ type: [TaskDto] }) tasks!: TaskDto[];
}

export class BalanceDto {
  @ApiProperty({ type: String, example: 'api' }) pool!: string;
  @ApiProperty({ type: Number }) balance!: number;
  @ApiProperty({ type: Number }) held!: number;
  @ApiProperty({ type: Number }) available!: number;
}

export class BalancesDto {
  @ApiProperty({ type: String }) account_id!: string;
  @ApiProperty({ type: [BalanceDto] }) balances!: BalanceDto[];
}

export class LedgerEntryDto {
  @ApiProperty({ type: Number, format: 'int64' }) position!: number;
  @ApiProperty({ type: String }) event_id!: string;
  @ApiProperty({ type: String }) pool!: string;
  @ApiProperty({ type: String, format: 'date-time' }) at!: string;
  @ApiProperty({ type: String, example: 'CreditsPurchased' }) type!: string;
  @ApiProperty({ type: Number }) credits!: number;
  @ApiProperty({ type: Number }) balance_change!: number;
  @ApiProperty({ type: Number }) held_change!: number;
  @ApiProperty({ type: Number }) balance!: number;
  @ApiProperty({ type: Number }) held!: number;
  @ApiProperty({ type: Number }) available!: number;
  @ApiProperty({ type: String, nullable: true }) task_id!: string | null;
  @ApiProperty({ type: String, nullable: true }) reservation_id!: string | null;
  @ApiProperty({ type: String, nullable: true }) purchase_id!: string | null;
  @ApiProperty({ type: String, nullable: true }) grant_id!: string | null;
  @ApiProperty({ type: String, nullable: true }) refund_id!: string | null;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
}

export class LedgerDto {
  @ApiProperty({ type: [LedgerEntryDto] }) entries!: LedgerEntryDto[];
  @ApiProperty({ type: Number, format: 'int64', nullable: true, description: 'Pass as `after` for the next page' }) next!: number | null;
}

export class PoolDto {
  @ApiProperty({ type: String }) id!: string;
  @ApiProperty({ type: [String], enum: ['app', 'api'] }) channels!: string[];
}

export class PlanDto {
  @ApiProperty({ type: String }) id!: string;
  @ApiProperty({ type: String }) name!: string;
  @ApiProperty({ type: MoneyDto, nullable: true, description: 'Monthly price; null for a contract plan' }) price!: MoneyDto | null;
  @ApiProperty({ type: Number }) monthly_credits!: number;
  @ApiProperty({ type: String }) pool!: string;
  @ApiProperty({ type: [String], enum: ['batch_generation', 'api_access'] }) entitlements!: string[];
  @ApiProperty({ type: Number, format: 'int32' }) concurrency_limit!: number;
  @ApiProperty({ type: Boolean }) priority!: boolean;
}

export class PackDto {
  @ApiProperty({ type: String, example: 'api-1000' }) id!: string;
  @ApiProperty({ type: String }) pool!: string;
  @ApiProperty({ type: Number }) credits!: number;
  @ApiProperty({ type: MoneyDto }) price!: MoneyDto;
}

export class CatalogDto {
  @ApiProperty({ type: String }) price_book!: string;
  @ApiProperty({ type: String }) version!: string;
  @ApiProperty({ type: String, format: 'date-time' }) effective_from!: string;
  @ApiProperty({ type: String }) currency!: string;
  @ApiProperty({ type: String }) unit!: string;
  @ApiProperty({ type: [PoolDto] }) pools!: PoolDto[];
  @ApiProperty({ type: [PlanDto] }) plans!: PlanDto[];
  @ApiProperty({ type: String }) default_plan!: string;
  @ApiProperty({ type: [PackDto] }) packs!: PackDto[];
}

export class OrderItemDto {
  @ApiProperty({ type: String, enum: ['pack', 'plan'] }) kind!: string;
  @ApiProperty({ type: String, nullable: true }) pack_id!: string | null;
  @ApiProperty({ type: String, nullable: true }) plan_id!: string | null;
  @ApiProperty({ type: String }) pool!: string;
  @ApiProperty({ type: Number, description: 'Credits of the pack, or of the plan each month' }) credits!: number;
}

export class OrderDto {
  @ApiProperty({ type: String }) id!: string;
  @ApiProperty({ type: String, enum: ['placed', 'paid', 'payment_failed', 'refund_requested', 'refunded'] }) status!: string;
  @ApiProperty({ type: OrderItemDto }) item!: OrderItemDto;
  @ApiProperty({ type: MoneyDto }) amount!: MoneyDto;
  @ApiProperty({ type: String }) price_book!: string;
  @ApiProperty({ type: String }) version!: string;
  @ApiProperty({ type: String, format: 'date-time' }) placed_at!: string;
  @ApiProperty({ type: String, nullable: true }) payment_id!: string | null;
  @ApiProperty({ type: MoneyDto, description: 'Money returned so far: a pack’s price pro rata to the credits taken back' }) refunded!: MoneyDto;
  @ApiProperty({ type: ActorDto, nullable: true, description: 'Who placed the order; null for an order from before that was recorded' }) actor!: ActorDto | null;
  @ApiProperty({ type: String, nullable: true, description: 'Where the buyer pays (when just placed)' }) checkout_url!: string | null;
}

export class ApiKeyBudgetDto {
  @ApiProperty({ type: Number, description: 'Credits the key may hold or charge per window' }) limit!: number;
  @ApiProperty({ type: String, enum: ['month', 'lifetime'], description: 'Each UTC month, or the key’s life' }) per!: string;
  @ApiProperty({ type: Number, description: 'Held or charged through the key in the window (released credits come back)' }) spent!: number;
  @ApiProperty({ type: Number, description: 'What the next reservations may still take' }) remaining!: number;
}

export class ApiKeyDto {
  @ApiProperty({ type: String }) id!: string;
  @ApiProperty({ type: String }) name!: string;
  @ApiProperty({ type: String, description: 'The public part, bk_<id>' }) prefix!: string;
  @ApiProperty({ type: String, format: 'date-time' }) created_at!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The member (user id) who made the key and whose role it is held to; null: made before members were recorded, by the account’s user',
  })
  created_by!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) last_used_at!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) revoked_at!: string | null;
  @ApiProperty({
    type: String,
    enum: ['revoked', 'member_removed', 'role_changed'],
    nullable: true,
    description: 'Why it was revoked: by a member (`revoked`), its maker left or was removed (`member_removed`), or its maker’s role may no longer hold keys (`role_changed`); null while live',
  })
  revoked_reason!: string | null;
  @ApiProperty({ type: [String], enum: API_KEY_SCOPES, nullable: true, description: 'What the key may do; null: every scope' }) scopes!: string[] | null;
  @ApiProperty({ type: ApiKeyBudgetDto, nullable: true, description: 'null: no limit but the pool' }) budget!: ApiKeyBudgetDto | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the key stops working; null: until revoked' }) expires_at!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'After a rotation: until when the replaced secret still works' })
  previous_secret_expires_at!: string | null;
}

export class CreatedApiKeyDto extends ApiKeyDto {
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The whole key, shown once (stored only as a hash); null when this answer is the replay of an earlier request with the same Idempotency-Key',
  })
  key!: string | null;
}

export class ApiKeyListDto {
  @ApiProperty({ type: [ApiKeyDto] }) api_keys!: ApiKeyDto[];
}

export class UtilisationDto {
  @ApiProperty({ type: Number }) adopted_credits!: number;
  @ApiProperty({ type: Number }) charged_credits!: number;
  @ApiProperty({ type: String, nullable: true, example: '66.67%' }) percentage!: string | null;
}

export class WebhookOutcomeDto {
  @ApiProperty({ type: String, enum: ['applied', 'duplicate', 'ignored'] }) outcome!: string;
  @ApiProperty({ type: String, nullable: true }) order_id!: string | null;
  @ApiProperty({ type: String, nullable: true }) task_id!: string | null;
}

export class LiveDto {
  @ApiProperty({ type: String, enum: ['ok'] }) status!: string;
}

export class ReadyDto {
  @ApiProperty({ type: Boolean }) ready!: boolean;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string', enum: ['up', 'down'] } }) services!: Record<string, string>;
}

export class FieldErrorDto {
  @ApiProperty({ type: String, required: false, description: 'The body or query field, as the client wrote it (empty for the whole body); absent when a header is meant' }) field?: string;
  @ApiProperty({ type: String, required: false, description: 'The request header, as HTTP names it (`Idempotency-Key`); absent when a field is meant' }) header?: string;
  @ApiProperty({ type: String }) message!: string;
}

/** RFC 9457 problem details; members beyond the five standard ones depend on the type. */
export class ProblemDto {
  @ApiProperty({ type: String, format: 'uri', example: 'https://billing.local/problems/insufficient-credits' }) type!: string;
  @ApiProperty({ type: String }) title!: string;
  @ApiProperty({ type: Number, format: 'int32' }) status!: number;
  @ApiProperty({ type: String }) detail!: string;
  @ApiProperty({ type: String, required: false }) instance?: string;
  @ApiProperty({ type: [FieldErrorDto], required: false, description: 'validation: every bad field' }) errors?: FieldErrorDto[];
  @ApiProperty({ type: String, required: false, description: 'insufficient-credits: the pool that is short' }) pool?: string;
  @ApiProperty({ type: Number, required: false, description: 'insufficient-credits: credits available in the pool; key-budget-exceeded: left of the key’s budget' }) available?: number;
  @ApiProperty({ type: String, required: false, description: 'key-budget-exceeded: the API key whose budget is spent' }) key_id?: string;
  @ApiProperty({ type: Number, required: false, description: 'insufficient-credits: credits the task needs' }) required?: number;
  @ApiProperty({ type: Number, format: 'int32', required: false, description: 'concurrency-limit: the plan’s limit' }) limit?: number;
  @ApiProperty({ type: Number, format: 'int32', required: false, description: 'concurrency-limit: tasks running now' }) running?: number;
  @ApiProperty({ type: String, required: false, description: 'forbidden: the entitlement the plan lacks' }) entitlement?: string;
  @ApiProperty({ type: String, required: false, description: 'forbidden: the operation the caller’s role (or key) may not call' }) operation?: string;
  @ApiProperty({ type: String, required: false, description: 'forbidden: the caller’s role in the organisation' }) role?: string;
  @ApiProperty({ type: [String], required: false, description: 'forbidden: the roles that may call the operation (the README’s role table)' }) allowed_roles?: string[];
  @ApiProperty({ type: String, required: false, description: 'forbidden: the scope the API key lacks' }) scope?: string;
  @ApiProperty({ type: Number, format: 'int32', required: false, description: 'rate-limited or unavailable: seconds to wait (also in Retry-After)' }) retry_after?: number;
}

export class AccountPlanDto {
  @ApiProperty({ type: String, example: 'pay-as-you-go' }) id!: string;
  @ApiProperty({ type: String, example: 'Pay as you go' }) name!: string;
  @ApiProperty({ type: String, enum: ['subscription', 'default'] }) source!: string;
  @ApiProperty({ type: [String], enum: ['batch_generation', 'api_access'] }) entitlements!: string[];
  @ApiProperty({ type: Number, format: 'int32', example: 6 }) concurrency_limit!: number;
  @ApiProperty({ type: Boolean }) priority!: boolean;
}

export class AccountDto {
  @ApiProperty({ type: String }) account_id!: string;
  @ApiProperty({ type: String, enum: ['app', 'api'], description: 'How this request was authenticated' }) channel!: string;
  @ApiProperty({ type: AccountPlanDto }) plan!: AccountPlanDto;
  @ApiProperty({ type: Number, format: 'int32', description: 'Tasks holding a concurrency slot (reserved, dispatched, running)' }) running_tasks!: number;
  @ApiProperty({ type: Number, format: 'int32', description: 'Tasks waiting for a slot' }) queued_tasks!: number;
}

export class UsageRowDto {
  @ApiProperty({ type: String, format: 'date', example: '2026-03-01', description: 'UTC day of the charge' }) day!: string;
  @ApiProperty({ type: String, example: 'api' }) pool!: string;
  @ApiProperty({ type: String, example: 'seedance-2.0', description: 'unknown when the task is not found' }) model!: string;
  @ApiProperty({ type: String, example: 'standard' }) mode!: string;
  @ApiProperty({ type: Number, description: 'Credits charged' }) credits!: number;
  @ApiProperty({ type: Number, format: 'int32', description: 'Tasks charged' }) tasks!: number;
}

export class UsageGroupDto {
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'The API key id or the member’s user id (by member, a key’s charges are its maker’s); null: every other charge (by a member when grouping by key, or by a task from before its maker was recorded)',
  })
  id!: string | null;
  @ApiProperty({ type: String, example: 'api' }) pool!: string;
  @ApiProperty({ type: Number, description: 'Credits charged' }) credits!: number;
  @ApiProperty({ type: Number, format: 'int32', description: 'Tasks charged' }) tasks!: number;
}

export class UsageDto {
  @ApiProperty({ type: String, format: 'date' }) from!: string;
  @ApiProperty({ type: String, format: 'date' }) to!: string;
  @ApiProperty({ type: String, nullable: true }) pool!: string | null;
  @ApiProperty({ type: [UsageRowDto] }) rows!: UsageRowDto[];
  @ApiProperty({ type: String, enum: ['key', 'member'], nullable: true, description: 'What `groups` is broken down by; null when not asked' }) group_by!: string | null;
  @ApiProperty({ type: [UsageGroupDto], description: 'Per API key or member and pool (empty without `group_by`); together they sum to total_credits' }) groups!: UsageGroupDto[];
  @ApiProperty({ type: Number }) total_credits!: number;
}

export class PlanSubscriptionDto {
  @ApiProperty({ type: String }) plan_id!: string;
  @ApiProperty({ type: String, enum: ['active', 'past_due', 'cancelled'], description: 'past_due: a renewal was declined; nothing is granted for its period until it is paid' })
  status!: string;
  @ApiProperty({ type: String, enum: ['provider', 'contract'], description: 'provider: bought online, each period is granted when its renewal is paid' }) billing!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'End of the last paid period: its credits expire then' }) paid_through!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Cancelled at period end: the plan ends then unless resumed' }) ends_at!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) cancelled_at!: string | null;
  @ApiProperty({ type: () => PendingPlanChangeDto, nullable: true, description: 'A downgrade scheduled: the plan renews as plan_id from `from`' })
  pending_change!: PendingPlanChangeDto | null;
}

export class PendingPlanChangeDto {
  @ApiProperty({ type: String }) plan_id!: string;
  @ApiProperty({ type: String, format: 'date-time', description: 'The end of the paid period: the next renewal is this plan’s' }) from!: string;
}

export class ReceiptDto {
  @ApiProperty({ type: String, description: 'order:<order id>, renewal:<invoice id> or upgrade:<account>:<instant>' }) id!: string;
  @ApiProperty({ type: String, enum: ['order', 'renewal', 'upgrade'], description: 'order: a pack or a plan’s first month; renewal: a later month; upgrade: the pro rata difference' })
  kind!: string;
  @ApiProperty({ type: String, nullable: true }) order_id!: string | null;
  @ApiProperty({ type: String }) description!: string;
  @ApiProperty({ type: MoneyDto }) amount!: MoneyDto;
  @ApiProperty({ type: MoneyDto, nullable: true, description: 'The tax the payment provider computed; null when it computed none' }) tax!: MoneyDto | null;
  @ApiProperty({ type: Number, description: 'Credits the payment granted (at most three decimals)' }) credits!: number;
  @ApiProperty({ type: String }) pool!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'The plan period paid for; null for a pack' }) period_start!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) period_end!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) paid_at!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The payment provider’s hosted receipt or invoice, where it has one' }) receipt_url!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'A renewal’s or an upgrade’s invoice, which `POST /v1/renewals/{id}/refund` names; null for an order (refunded by its `order_id`)' })
  invoice_id!: string | null;
  @ApiProperty({ type: String, enum: ['none', 'refund_requested', 'refunded'], description: '`refund_requested` until the wallet’s revocation of the unspent credits is settled' })
  refund_status!: string;
  @ApiProperty({ type: MoneyDto, description: 'Money returned so far: the price pro rata to the credits taken back' }) refunded!: MoneyDto;
  @ApiProperty({ type: Boolean, description: 'The caller’s role may ask for its refund (the payment may still refuse it, e.g. a used pack asked by its owner) and none was asked yet' })
  refundable!: boolean;
}

export class RenewalDto {
  @ApiProperty({ type: String, description: 'The renewal’s invoice id at the payment provider' }) id!: string;
  @ApiProperty({ type: String }) account_id!: string;
  @ApiProperty({ type: String, enum: ['paid', 'refund_requested', 'refunded'], description: '`refund_requested` until the wallet’s revocation of the period’s credits is settled' }) status!: string;
  @ApiProperty({ type: String, format: 'date-time' }) period_start!: string;
  @ApiProperty({ type: String, format: 'date-time' }) period_end!: string;
  @ApiProperty({ type: MoneyDto }) amount!: MoneyDto;
  @ApiProperty({ type: Number, description: 'Credits the renewal granted for its period (at most three decimals)' }) credits!: number;
  @ApiProperty({ type: MoneyDto, description: 'Money returned so far' }) refunded!: MoneyDto;
  @ApiProperty({ type: Number, description: 'Credits of the period taken back so far' }) revoked_credits!: number;
}

export class ReceiptListDto {
  @ApiProperty({ type: [ReceiptDto] }) receipts!: ReceiptDto[];
}

export class WebhookEndpointDto {
  @ApiProperty({ type: String }) id!: string;
  @ApiProperty({ type: String }) url!: string;
  @ApiProperty({ type: String, isArray: true, enum: WEBHOOK_EVENT_TYPES }) event_types!: string[];
  @ApiProperty({ type: Boolean }) enabled!: boolean;
  @ApiProperty({ type: String, nullable: true }) description!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Why the platform disabled it (its deliveries kept failing)' }) disabled_reason!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) created_at!: string;
}

export class WebhookEndpointWithSecretDto extends WebhookEndpointDto {
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The signing secret (`whsec_` and base64), shown when created or rotated; null when this answer is the replay of a create with the same Idempotency-Key',
  })
  secret!: string | null;
}

export class WebhookEndpointListDto {
  @ApiProperty({ type: [WebhookEndpointDto] }) endpoints!: WebhookEndpointDto[];
}

export class WebhookDeliveryDto {
  @ApiProperty({ type: String }) id!: string;
  @ApiProperty({ type: String, description: 'The `webhook-id` header: the same on every attempt and replay' }) message_id!: string;
  @ApiProperty({ type: String, enum: WEBHOOK_EVENT_TYPES }) event_type!: string;
  @ApiProperty({ type: String, enum: ['pending', 'succeeded', 'failed'] }) status!: string;
  @ApiProperty({ type: Number, format: 'int32' }) attempts!: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) next_attempt_at!: string | null;
  @ApiProperty({ type: Number, format: 'int32', nullable: true }) last_status_code!: number | null;
  @ApiProperty({ type: String, nullable: true }) last_error!: string | null;
  @ApiProperty({ type: String, description: 'The exact body each attempt sends and signs' }) payload!: string;
  @ApiProperty({ type: String, format: 'date-time' }) created_at!: string;
}

export class WebhookDeliveryListDto {
  @ApiProperty({ type: [WebhookDeliveryDto] }) deliveries!: WebhookDeliveryDto[];
}

export class BalanceAlertDto {
  @ApiProperty({ type: String, enum: ['balance.low', 'balance.depleted'] }) type!: string;
  @ApiProperty({ type: Number, nullable: true, description: 'Credits; null for depleted (zero)' }) threshold!: number | null;
  @ApiProperty({ type: Boolean, description: 'Whether it fires at the next fall below it' }) armed!: boolean;
  @ApiProperty({ type: Number, format: 'int32', description: 'How often it fired' }) crossings!: number;
}

export class PoolBalanceAlertsDto {
  @ApiProperty({ type: String }) pool!: string;
  @ApiProperty({ type: [Number], description: 'Credits, highest first' }) thresholds!: number[];
  @ApiProperty({ type: [BalanceAlertDto] }) alerts!: BalanceAlertDto[];
}

export class BalanceAlertListDto {
  @ApiProperty({ type: [PoolBalanceAlertsDto] }) pools!: PoolBalanceAlertsDto[];
}

export class MemberDto {
  @ApiProperty({ type: String, example: 'bob' }) user_id!: string;
  @ApiProperty({ type: String, enum: MEMBER_ROLES }) role!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The address the member was invited at, or the one their token’s `email` claim named (null: none known); `user_id` stays the member’s id' }) email!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) joined_at!: string;
}

export class OrganisationDto {
  @ApiProperty({ type: String, description: 'The organisation’s id: the account its pools, orders, plans, keys and tasks belong to', example: 'alice' }) id!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Its name (null: a user’s own organisation, which has none)', example: 'Studio' }) name!: string | null;
  @ApiProperty({ type: String, enum: MEMBER_ROLES, description: 'The caller’s own role here' }) role!: string;
  @ApiProperty({ type: [MemberDto] }) members!: MemberDto[];
}

export class OrganisationSummaryDto {
  @ApiProperty({ type: String, description: 'The organisation’s id; act in it with `X-Organisation-Id`', example: 'org_5f0c1a2b3c4d5e6f7a8b9c0d1e2f3a4b' }) id!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Its name (null: a user’s own organisation, which has none)', example: 'Studio' }) name!: string | null;
  @ApiProperty({ type: String, enum: MEMBER_ROLES, description: 'The caller’s role there' }) role!: string;
  @ApiProperty({ type: Boolean, description: 'Whether this request acted in it' }) current!: boolean;
  @ApiProperty({ type: Number, description: 'How many members it has' }) members!: number;
}

export class OrganisationListDto {
  @ApiProperty({ type: [OrganisationSummaryDto] }) organisations!: OrganisationSummaryDto[];
}

export class InvitationDto {
  @ApiProperty({ type: String, example: 'inv_5f0c1a2b3c4d5e6f7a8b9c0d' }) id!: string;
  @ApiProperty({ type: String, example: 'bob@example.com' }) email!: string;
  @ApiProperty({ type: String, enum: MEMBER_ROLES }) role!: string;
  @ApiProperty({ type: String, description: 'The member who invited' }) invited_by!: string;
  @ApiProperty({ type: String, format: 'date-time' }) created_at!: string;
  @ApiProperty({ type: String, format: 'date-time', description: 'The code works once, until then' }) expires_at!: string;
}

export class CreatedInvitationDto extends InvitationDto {
  @ApiProperty({ type: String, description: 'The single-use code to pass to the invitee: answered this once (the embedded platform logs it too), stored only as a hash' }) code!: string;
}

export class InvitationListDto {
  @ApiProperty({ type: [InvitationDto] }) invitations!: InvitationDto[];
}

export class MembershipDto {
  @ApiProperty({ type: String, example: 'alice' }) organisation_id!: string;
  @ApiProperty({ type: String, example: 'bob' }) user_id!: string;
  @ApiProperty({ type: String, enum: MEMBER_ROLES }) role!: string;
}

export class AutoTopUpDto {
  @ApiProperty({ type: String }) pool!: string;
  @ApiProperty({ type: String, enum: ['enabled', 'disabled'], description: 'disabled: its last `max_failures` charges were declined; saving the setting again enables it' }) status!: string;
  @ApiProperty({ type: Number, description: 'Credits (at most three decimals)' }) threshold!: number;
  @ApiProperty({ type: String }) pack_id!: string;
  @ApiProperty({ type: Number, description: 'Credits one top-up buys' }) pack_credits!: number;
  @ApiProperty({ type: MoneyDto, description: 'What one top-up costs (the pack’s price when the setting was saved)' }) pack_price!: MoneyDto;
  @ApiProperty({ type: MoneyDto }) monthly_cap!: MoneyDto;
  @ApiProperty({ type: MoneyDto, description: 'Top-ups this calendar month (UTC), the one in flight included' }) spent_this_month!: MoneyDto;
  @ApiProperty({ type: Number }) max_failures!: number;
  @ApiProperty({ type: Number, description: 'Declined charges in a row' }) failures!: number;
  @ApiProperty({ type: String, nullable: true, description: 'The order of the top-up whose charge has not ended yet (at most one)' }) in_flight_order_id!: string | null;
  @ApiProperty({ type: String, nullable: true }) disabled_reason!: string | null;
}
