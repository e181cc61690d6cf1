import { rpc } from './rpc-contract';

// An account's webhook endpoints and the deliveries made to them. Instants are epoch millis.

/** The event types an endpoint can ask for. */
export const WEBHOOK_EVENT_TYPES = [
  'credits.purchased',
  'plan.renewed',
  'plan.renewal_failed',
  'task.charged',
  'task.refunded',
  'balance.low',
  'balance.depleted',
  'grant.expiring',
  'auto_top_up.succeeded',
  'auto_top_up.failed',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

// ---- requests ----
export interface CreateEndpointCall {
  readonly accountId: string;
  /** Chosen by the caller (the gateway derives it from the idempotency key), so a repeated create makes one endpoint. */
  readonly endpointId: string;
  readonly url: string;
  readonly eventTypes: readonly WebhookEventType[];
  readonly enabled?: boolean;
  readonly description?: string;
}

export interface EndpointCall {
  readonly accountId: string;
  readonly endpointId: string;
}

export interface UpdateEndpointCall extends EndpointCall {
  readonly url?: string;
  readonly eventTypes?: readonly WebhookEventType[];
  readonly enabled?: boolean;
  readonly description?: string;
}

export interface RotateSecretCall extends EndpointCall {
  /** How long the previous secret keeps signing beside the new one (default 24 h). */
  readonly overlapMillis?: number;
}

export interface AccountCall {
  readonly accountId: string;
}

export interface DeliveriesCall extends EndpointCall {
  readonly limit?: number;
}

export interface ReplayDeliveryCall extends EndpointCall {
  readonly deliveryId: string;
}

export interface SetBalanceAlertsCall extends AccountCall {
  readonly pool: string;
  /** The pool's low-balance thresholds; empty turns its alerts (depleted included) off. */
  readonly thresholdsMillicredits: readonly number[];
}

/** An event another service recorded, handed over for the messages it makes (`auto_top_up.*` from the purchase service). */
export interface BillingEventCall {
  readonly eventId: string;
  readonly type: string;
  readonly streamName: string;
  readonly data: Readonly<Record<string, unknown>>;
}

export interface BillingEventsCall {
  readonly events: readonly BillingEventCall[];
}

// ---- replies ----
export interface EndpointReply {
  readonly endpointId: string;
  readonly url: string;
  readonly eventTypes: readonly WebhookEventType[];
  readonly enabled: boolean;
  readonly description: string | null;
  /** Why the platform disabled it (deliveries kept failing); null when enabled or disabled by the customer. */
  readonly disabledReason: string | null;
  readonly createdAt: number;
}

/** Only when created or rotated: the secret that signs (`whsec_...`). */
export interface EndpointWithSecretReply extends EndpointReply {
  readonly secret: string;
}

export type DeliveryStatus = 'pending' | 'succeeded' | 'failed';

export interface DeliveryReply {
  readonly deliveryId: string;
  /** The `webhook-id` header: the same on every attempt and replay of the message. */
  readonly messageId: string;
  readonly eventType: WebhookEventType;
  readonly status: DeliveryStatus;
  readonly attempts: number;
  readonly nextAttemptAt: number | null;
  readonly lastStatusCode: number | null;
  readonly lastError: string | null;
  readonly payload: string;
  readonly createdAt: number;
}

export interface BalanceAlertReply {
  readonly kind: 'low' | 'depleted';
  readonly thresholdMillicredits: number;
  /** Fires at the next fall below its threshold (a fired one re-arms when the pool is back at or above it). */
  readonly armed: boolean;
  readonly crossings: number;
}

export interface PoolAlertsReply {
  readonly pool: string;
  readonly alerts: readonly BalanceAlertReply[];
}

export const WebhooksRpc = {
  createEndpoint: rpc<CreateEndpointCall, EndpointWithSecretReply>('webhooks', 'createEndpoint'),
  listEndpoints: rpc<AccountCall, { readonly endpoints: readonly EndpointReply[] }>('webhooks', 'listEndpoints'),
  getEndpoint: rpc<EndpointCall, EndpointReply>('webhooks', 'getEndpoint'),
  updateEndpoint: rpc<UpdateEndpointCall, EndpointReply>('webhooks', 'updateEndpoint'),
  deleteEndpoint: rpc<EndpointCall, EndpointReply>('webhooks', 'deleteEndpoint'),
  rotateSecret: rpc<RotateSecretCall, EndpointWithSecretReply>('webhooks', 'rotateSecret'),
  listDeliveries: rpc<DeliveriesCall, { readonly deliveries: readonly DeliveryReply[] }>('webhooks', 'listDeliveries'),
  replayDelivery: rpc<ReplayDeliveryCall, DeliveryReply>('webhooks', 'replayDelivery'),
  setBalanceAlerts: rpc<SetBalanceAlertsCall, PoolAlertsReply>('webhooks', 'setBalanceAlerts'),
  balanceAlerts: rpc<AccountCall, { readonly pools: readonly PoolAlertsReply[] }>('webhooks', 'balanceAlerts'),
  /** Queues the messages the events make, once per event id: a resend queues nothing new. */
  billingEvents: rpc<BillingEventsCall, { readonly queued: number }>('webhooks', 'billingEvents'),
};
