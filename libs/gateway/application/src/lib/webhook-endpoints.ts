import { creditsNumber } from '@billing/util';
import { type DeliveryReply, type EndpointReply, type PoolAlertsReply, type RpcContract, type WebhookEventType, WebhooksRpc } from '@billing/contracts';
import type { Caller, RequestContext } from './caller';
import { idFor } from './ids';
import { authorise } from './operation-roles';

/** What a customer sends to register or change an endpoint. */
export interface WebhookEndpointInput {
  readonly url?: string;
  readonly eventTypes?: readonly WebhookEventType[];
  readonly enabled?: boolean;
  readonly description?: string;
}

export interface NewWebhookEndpointInput extends WebhookEndpointInput {
  readonly url: string;
  readonly eventTypes: readonly WebhookEventType[];
}

export interface WebhookEndpointView {
  readonly id: string;
  readonly url: string;
  readonly event_types: readonly WebhookEventType[];
  readonly enabled: boolean;
  readonly description: string | null;
  readonly disabled_reason: string | null;
  readonly created_at: string;
}

export interface WebhookEndpointWithSecretView extends WebhookEndpointView {
  /** `whsec_...`: shown when created or rotated only; null on the replay of a create. */
  readonly secret: string | null;
}

export interface WebhookDeliveryView {
  readonly id: string;
  readonly message_id: string;
  readonly event_type: WebhookEventType;
  readonly status: DeliveryReply['status'];
  readonly attempts: number;
  readonly next_attempt_at: string | null;
  readonly last_status_code: number | null;
  readonly last_error: string | null;
  /** The exact body every attempt sends (and signs). */
  readonly payload: string;
  readonly created_at: string;
}

/** How the facade calls a service for a caller (the gateway's `call`, with its options). */
export type CallFor = <Request, Reply>(caller: Caller, method: RpcContract<Request, Reply>, request: NoInfer<Request>, context: RequestContext) => Promise<Reply>;

/** An account's outgoing webhook endpoints and their delivery log, kept by the webhooks service. */
export class WebhookEndpoints {
  constructor(private readonly call: CallFor) {}

  /** The endpoint's id comes from the Idempotency-Key, when sent: a retried create makes one endpoint. */
  async create(caller: Caller, input: NewWebhookEndpointInput, context: RequestContext): Promise<WebhookEndpointWithSecretView> {
    authorise(caller, 'manageWebhookEndpoints');
    const endpointId = idFor('whep', caller, context);
    const created = await this.call(caller, WebhooksRpc.createEndpoint, { accountId: caller.accountId, endpointId, ...input }, context);
    return { ...endpointView(created), secret: created.secret };
  }

  async list(caller: Caller, context: RequestContext): Promise<{ endpoints: WebhookEndpointView[] }> {
    authorise(caller, 'readWebhookEndpoints');
    const { endpoints } = await this.call(caller, WebhooksRpc.listEndpoints, { accountId: caller.accountId }, context);
    return { endpoints: endpoints.map(endpointView) };
  }

  async get(caller: Caller, endpointId: string, context: RequestContext): Promise<WebhookEndpointView> {
    authorise(caller, 'readWebhookEndpoints');
    return endpointView(await this.call(caller, WebhooksRpc.getEndpoint, { accountId: caller.accountId, endpointId }, context));
  }

  async update(caller: Caller, endpointId: string, changes: WebhookEndpointInput, context: RequestContext): Promise<WebhookEndpointView> {
    authorise(caller, 'manageWebhookEndpoints');
    return endpointView(await this.call(caller, WebhooksRpc.updateEndpoint, { accountId: caller.accountId, endpointId, ...changes }, context));
  }

  async delete(caller: Caller, endpointId: string, context: RequestContext): Promise<WebhookEndpointView> {
    authorise(caller, 'manageWebhookEndpoints');
    return endpointView(await this.call(caller, WebhooksRpc.deleteEndpoint, { accountId: caller.accountId, endpointId }, context));
  }

  /** A new secret signs from now on; the previous one signs beside it for `overlapSeconds` (default 24 h). */
  async rotateSecret(caller: Caller, endpointId: string, overlapSeconds: number | undefined, context: RequestContext): Promise<WebhookEndpointWithSecretView> {
    authorise(caller, 'manageWebhookEndpoints');
    const request = { accountId: caller.accountId, endpointId, ...(overlapSeconds === undefined ? {} : { overlapMillis: overlapSeconds * 1000 }) };
    const rotated = await this.call(caller, WebhooksRpc.rotateSecret, request, context);
    return { ...endpointView(rotated), secret: rotated.secret };
  }

  async deliveries(caller: Caller, endpointId: string, limit: number | undefined, context: RequestContext): Promise<{ deliveries: WebhookDeliveryView[] }> {
    authorise(caller, 'readWebhookEndpoints');
    const request = { accountId: caller.accountId, endpointId, ...(limit === undefined ? {} : { limit }) };
    const { deliveries } = await this.call(caller, WebhooksRpc.listDeliveries, request, context);
    return { deliveries: deliveries.map(deliveryView) };
  }

  /** Sends the message again now, on a fresh retry schedule, with the same `webhook-id`. */
  async replay(caller: Caller, endpointId: string, deliveryId: string, context: RequestContext): Promise<WebhookDeliveryView> {
    authorise(caller, 'manageWebhookEndpoints');
    return deliveryView(await this.call(caller, WebhooksRpc.replayDelivery, { accountId: caller.accountId, endpointId, deliveryId }, context));
  }
}

export interface PoolBalanceAlertsView {
  readonly pool: string;
  /** Credits, highest first. */
  readonly thresholds: readonly number[];
  readonly alerts: readonly { readonly type: 'balance.low' | 'balance.depleted'; readonly threshold: number | null; readonly armed: boolean; readonly crossings: number }[];
}

export function poolBalanceAlertsView(reply: PoolAlertsReply): PoolBalanceAlertsView {
  return {
    pool: reply.pool,
    thresholds: reply.alerts.filter((alert) => alert.kind === 'low').map((alert) => creditsNumber(alert.thresholdMillicredits)),
    alerts: reply.alerts.map((alert) => ({
      type: alert.kind === 'low' ? 'balance.low' : 'balance.depleted',
      threshold: alert.kind === 'low' ? creditsNumber(alert.thresholdMillicredits) : null,
      armed: alert.armed,
      crossings: alert.crossings,
    })),
  };
}

const iso = (millis: number | null): string | null => (millis === null ? null : new Date(millis).toISOString());

function endpointView(endpoint: EndpointReply): WebhookEndpointView {
  return {
    id: endpoint.endpointId,
    url: endpoint.url,
    event_types: endpoint.eventTypes,
    enabled: endpoint.enabled,
    description: endpoint.description,
    disabled_reason: endpoint.disabledReason,
    created_at: new Date(endpoint.createdAt).toISOString(),
  };
}

function deliveryView(delivery: DeliveryReply): WebhookDeliveryView {
  return {
    id: delivery.deliveryId,
    message_id: delivery.messageId,
    event_type: delivery.eventType,
    status: delivery.status,
    attempts: delivery.attempts,
    next_attempt_at: iso(delivery.nextAttemptAt),
    last_status_code: delivery.lastStatusCode,
    last_error: delivery.lastError,
    payload: delivery.payload,
    created_at: new Date(delivery.createdAt).toISOString(),
  };
}
