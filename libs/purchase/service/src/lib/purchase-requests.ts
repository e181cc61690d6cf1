import 'reflect-metadata';
import { ACTOR_KINDS, type Actor, type ActorKind, REQUEST_LIMITS } from '@billing/contracts';
import { Type } from 'class-transformer';
import { IsBase64, IsIn, IsInt, IsNotEmpty, IsObject, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateIf, ValidateNested } from 'class-validator';

const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
const ID_MESSAGE = 'must be 1-128 letters, digits, ".", "_", ":" or "-"';

/** What an order buys: a pack of the active book by id, or a plan by id. */
export class OrderItemRequest {
  @IsIn(['pack', 'plan']) kind!: 'pack' | 'plan';
  @ValidateIf((item: OrderItemRequest) => item.kind === 'pack') @IsString() @IsNotEmpty() @MaxLength(REQUEST_LIMITS.catalogIdLength) packId?: string;
  @ValidateIf((item: OrderItemRequest) => item.kind === 'plan') @IsString() @IsNotEmpty() @MaxLength(REQUEST_LIMITS.catalogIdLength) planId?: string;
}

class ActorRequest implements Actor {
  @IsIn(ACTOR_KINDS) kind!: ActorKind;
  @IsString() @MaxLength(200) @IsNotEmpty() id!: string;
}

/** `placeOrder`: the order id is the client's (its idempotency key); a repeat answers the same order. */
export class PlaceOrderRequest {
  @Matches(ID, { message: `accountId ${ID_MESSAGE}` }) accountId!: string;
  @Matches(ID, { message: `orderId ${ID_MESSAGE}` }) orderId!: string;
  @IsObject() @ValidateNested() @Type(() => OrderItemRequest) item!: OrderItemRequest;
  @IsOptional() @IsObject() @ValidateNested() @Type(() => ActorRequest) actor?: ActorRequest;
  @IsOptional() @IsString() @MaxLength(2_048) successUrl?: string;
  @IsOptional() @IsString() @MaxLength(2_048) cancelUrl?: string;
}

/** `getOrder`: with `accountId`, an order of another account is not found. */
export class GetOrderRequest {
  @IsString() @IsNotEmpty() orderId!: string;
  @IsOptional() @IsString() @IsNotEmpty() accountId?: string;
}

/** `confirmSandboxPayment`: the embedded platform's "the buyer paid". */
export class ConfirmSandboxPaymentRequest {
  @IsString() @IsNotEmpty() orderId!: string;
}

/** `paymentWebhook`: the provider's notification exactly as the gateway received it. */
export class PaymentWebhookRequest {
  @IsIn(['sandbox', 'stripe']) provider!: 'sandbox' | 'stripe';
  @IsBase64() rawBody!: string;
  @IsObject() headers!: Record<string, string>;
}

/**
 * `refundOrder`: finance refunds any paid order; the buyer (`requestedBy: owner`, with
 * `accountId`) an unused pack within the window. A pack's unspent credits are taken back
 * and the money for them returned through the provider.
 */
export class RefundOrderRequest {
  @IsString() @IsNotEmpty() orderId!: string;
  @IsString() @IsNotEmpty() @MaxLength(500) reason!: string;
  @IsOptional() @IsIn(['finance', 'owner']) requestedBy?: 'finance' | 'owner';
  @ValidateIf((request: RefundOrderRequest) => request.requestedBy === 'owner') @IsString() @IsNotEmpty() accountId?: string;
}

/** `refundRenewal`: finance refunds a paid renewal, by its invoice; the buyer (`requestedBy: owner`, with `accountId`) is refused. */
export class RefundRenewalRequest {
  @IsString() @IsNotEmpty() @MaxLength(255) invoiceId!: string;
  @IsString() @IsNotEmpty() @MaxLength(500) reason!: string;
  @IsOptional() @IsIn(['finance', 'owner']) requestedBy?: 'finance' | 'owner';
  @ValidateIf((request: RefundRenewalRequest) => request.requestedBy === 'owner') @IsString() @IsNotEmpty() accountId?: string;
}

/** `accountPlan`: the account's plan, or the default plan of the book in force. */
export class AccountPlanRequest {
  @IsString() @IsNotEmpty() accountId!: string;
}

/** `startContractPlan`: a plan sold by contract (no online price, e.g. Studio) starts now. */
export class StartContractPlanRequest {
  @Matches(ID, { message: `accountId ${ID_MESSAGE}` }) accountId!: string;
  @IsString() @IsNotEmpty() planId!: string;
  @IsString() @IsNotEmpty() contractReference!: string;
}

/** `cancelPlanAtPeriodEnd` / `resumePlan` / `planSubscription`: the account's plan bought online or by contract. */
export class PlanSubscriptionRequest {
  @IsString() @IsNotEmpty() accountId!: string;
}

/** `failNextSandboxRenewals`: the sandbox declines the account's next renewal attempts. */
export class FailSandboxRenewalsRequest {
  @IsString() @IsNotEmpty() accountId!: string;
  @IsOptional() @IsInt() @Min(1) @Max(10) count?: number;
}

/** `changePlan`: the account moves to another plan of the book in force. */
export class ChangePlanRequest {
  @IsString() @IsNotEmpty() accountId!: string;
  @IsString() @IsNotEmpty() @MaxLength(REQUEST_LIMITS.catalogIdLength) planId!: string;
}

/** `receipts`: the account's receipts, or one order's. */
export class ReceiptsRequest {
  @IsString() @IsNotEmpty() accountId!: string;
  @IsOptional() @IsString() @IsNotEmpty() orderId?: string;
}

/** A pool of the account (`setAutoTopUp`, `autoTopUp`, `removeAutoTopUp`). */
export class AutoTopUpPoolRequest {
  @Matches(ID, { message: `accountId ${ID_MESSAGE}` }) accountId!: string;
  @IsString() @IsNotEmpty() @MaxLength(REQUEST_LIMITS.catalogIdLength) pool!: string;
}

/** `setAutoTopUp`: below `thresholdMillicredits`, buy `packId` with the saved payment method, within `monthlyCapCents` a month. */
export class SetAutoTopUpRequest extends AutoTopUpPoolRequest {
  @IsInt() @Min(1) thresholdMillicredits!: number;
  @IsString() @IsNotEmpty() @MaxLength(REQUEST_LIMITS.catalogIdLength) packId!: string;
  @IsInt() @Min(1) monthlyCapCents!: number;
  @IsInt() @Min(1) @Max(100) maxFailures!: number;
}
