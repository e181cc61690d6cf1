/**
 * `billing.v1` messages as `@grpc/proto-loader` presents them (BILLING_PROTO_OPTIONS):
 * camelCase fields, int64 as decimal strings (numbers accepted on the way out), enums by
 * name, unset message fields null, unset proto3 `optional` fields absent. Decoding a request
 * against the proto is what types it; its values are then checked by `grpc-requests`.
 */
export interface Timestamp {
  readonly seconds: string;
  readonly nanos: number;
}

export type GenerationModeName = 'GENERATION_MODE_UNSPECIFIED' | 'GENERATION_MODE_STANDARD' | 'GENERATION_MODE_PREVIEW';

export interface RenderSpecMessage {
  readonly model: string;
  /** Seconds as decimal text with at most three decimals, like REST's `duration_seconds`. */
  readonly durationSeconds: string;
  readonly resolution?: string;
  readonly fps?: number;
  readonly complexity?: string;
  readonly videoReference?: boolean;
  readonly mode: GenerationModeName;
}

export interface CreateQuoteRequest {
  readonly render: RenderSpecMessage | null;
  readonly batchSize: number;
}

export interface CreateTaskRequest {
  readonly render: RenderSpecMessage | null;
  readonly queueIfBusy: boolean;
  readonly idempotencyKey: string;
}

export interface TaskIdRequest {
  readonly taskId: string;
}

export interface ListTasksRequest {
  /** A name; a number when the client sent a value this server's proto does not know. */
  readonly status: string | number;
  readonly pageSize: number;
  readonly pageToken: string;
}

export interface WatchTasksRequest {
  readonly taskIds: readonly string[];
}

export interface QuoteFactorMessage {
  readonly name: string;
  readonly value: string;
  readonly description: string;
}

export interface QuoteMessage {
  readonly quoteId: string;
  readonly priceBookId: string;
  readonly priceBookVersion: string;
  readonly credits: string;
  readonly millicredits: string;
  readonly breakdown: readonly QuoteFactorMessage[];
  readonly tasks: readonly { readonly index: number; readonly credits: string; readonly millicredits: string; readonly breakdown: readonly QuoteFactorMessage[] }[];
  readonly pool: string;
  readonly quotedAt: Timestamp;
  readonly expiresAt: Timestamp;
}

export interface TaskQuoteMessage {
  readonly quoteId: string;
  readonly priceBookId: string;
  readonly priceBookVersion: string;
  readonly model: string;
  readonly mode: GenerationModeName;
  readonly durationSeconds: string;
  readonly credits: string;
  readonly millicredits: string;
  readonly breakdown: readonly QuoteFactorMessage[];
  readonly quotedAt: Timestamp;
  readonly expiresAt: Timestamp;
}

interface InsufficientCreditsMessage {
  readonly pool: string;
  readonly available: string;
  readonly availableMillicredits: string;
  readonly required: string;
  readonly requiredMillicredits: string;
}

export type TaskRejectionMessage =
  | { readonly insufficientCredits: InsufficientCreditsMessage }
  | { readonly keyBudgetExceeded: InsufficientCreditsMessage }
  | { readonly concurrencyLimit: { readonly limit: number; readonly running: number } };

export interface TaskMessage {
  readonly taskId: string;
  readonly status: string;
  readonly pool: string;
  readonly channel: string;
  readonly creditsReserved: string;
  readonly creditsReservedMillicredits: string;
  readonly creditsCost?: string;
  readonly creditsCostMillicredits?: string;
  readonly quote: TaskQuoteMessage;
  readonly endReason: string;
  readonly rejection?: TaskRejectionMessage;
  readonly batchId?: string;
  readonly batchIndex?: number;
  readonly preview: boolean;
  readonly adopted: boolean;
  readonly deliveredDurationSeconds?: string;
  /** Who made it; absent for a task from before makers were recorded. */
  readonly actor?: ActorMessage;
  /** `CHARGE_BASIS_FULL`, `CHARGE_BASIS_PRO_RATA`, or `CHARGE_BASIS_UNSPECIFIED` until delivered. */
  readonly chargeBasis: string;
}

export interface ListTasksResponse {
  readonly tasks: readonly TaskMessage[];
  readonly nextPageToken: string;
}

export interface PoolBalanceMessage {
  readonly pool: string;
  readonly balance: string;
  readonly balanceMillicredits: string;
  readonly held: string;
  readonly heldMillicredits: string;
  readonly available: string;
  readonly availableMillicredits: string;
}

export interface GetBalancesResponse {
  readonly pools: readonly PoolBalanceMessage[];
}

export interface MoneyMessage {
  readonly amountCents: string | number;
  readonly currency: string;
}

/** `billing.v1.Actor`: kind `ACTOR_KIND_KEY` (id: the key's) or `ACTOR_KIND_MEMBER` (id: the user's). */
export interface ActorMessage {
  readonly kind: string;
  readonly id: string;
}

export interface OrderMessage {
  readonly orderId: string;
  readonly status: string;
  readonly kind: string;
  readonly packId: string;
  readonly planId: string;
  readonly pool: string;
  readonly credits: string;
  readonly amount: MoneyMessage;
  readonly refunded: MoneyMessage;
  readonly paymentId: string;
  /** Who placed it; absent when no maker was recorded. */
  readonly actor?: ActorMessage;
}

export interface RefundOrderRequest {
  readonly orderId: string;
  readonly reason: string;
}

export interface RefundRenewalRequest {
  readonly invoiceId: string;
  readonly reason: string;
}

export interface RenewalMessage {
  readonly invoiceId: string;
  readonly accountId: string;
  readonly status: string;
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly amount: MoneyMessage;
  readonly credits: string;
  readonly refunded: MoneyMessage;
  readonly revokedCredits: string;
}

export interface PlanSubscriptionMessage {
  readonly planId: string;
  readonly status: string;
  readonly billing: string;
  readonly paidThrough: string;
  readonly endsAt: string;
  readonly cancelledAt: string;
  readonly pendingChange?: { readonly planId: string; readonly from: string };
}

export interface ChangeSubscriptionRequest {
  readonly planId: string;
}

export interface OrderIdRequest {
  readonly orderId: string;
}

export interface ReceiptMessage {
  readonly receiptId: string;
  readonly kind: string;
  readonly orderId: string;
  readonly description: string;
  readonly amount: MoneyMessage;
  readonly tax?: MoneyMessage;
  readonly credits: string;
  readonly pool: string;
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly paidAt: string;
  readonly receiptUrl: string;
  readonly invoiceId: string;
  readonly refundStatus: string;
  readonly refunded: MoneyMessage;
  readonly refundable: boolean;
}

export interface ListReceiptsResponse {
  readonly receipts: readonly ReceiptMessage[];
}

export interface TaskUpdateMessage {
  readonly task: TaskMessage;
  readonly eventType: string;
  readonly at: Timestamp;
}

export interface WebhookEndpointMessage {
  readonly id: string;
  readonly url: string;
  readonly eventTypes: readonly string[];
  readonly enabled: boolean;
  readonly description: string;
  readonly disabledReason: string;
  readonly createdAt: Timestamp;
  readonly secret: string;
}

export interface WebhookDeliveryMessage {
  readonly id: string;
  readonly messageId: string;
  readonly eventType: string;
  readonly status: string;
  readonly attempts: number;
  readonly nextAttemptAt: Timestamp | null;
  readonly lastStatusCode?: number;
  readonly lastError: string;
  readonly payload: string;
  readonly createdAt: Timestamp;
}

export interface CreateWebhookEndpointRequest {
  readonly url: string;
  readonly eventTypes: readonly string[];
  readonly enabled?: boolean;
  readonly description: string;
  readonly idempotencyKey: string;
}

export interface WebhookEndpointIdRequest {
  readonly endpointId: string;
}

export interface UpdateWebhookEndpointRequest extends WebhookEndpointIdRequest {
  readonly url?: string;
  readonly eventTypes: readonly string[];
  readonly enabled?: boolean;
  readonly description?: string;
}

export interface RotateWebhookSecretRequest extends WebhookEndpointIdRequest {
  readonly overlapSeconds?: number;
}

export interface ListWebhookDeliveriesRequest extends WebhookEndpointIdRequest {
  readonly limit: number;
}

export interface ReplayWebhookDeliveryRequest extends WebhookEndpointIdRequest {
  readonly deliveryId: string;
}

export interface PoolBalanceAlertsMessage {
  readonly pool: string;
  readonly thresholds: readonly string[];
  readonly alerts: readonly { readonly type: string; readonly threshold: string; readonly armed: boolean; readonly crossings: number }[];
}

export interface SetBalanceAlertsRequest {
  readonly pool: string;
  readonly thresholds: readonly string[];
}
