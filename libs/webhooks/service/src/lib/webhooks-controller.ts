import { randomBytes } from 'node:crypto';
import {
  type AccountCall,
  type Answering,
  type CreateEndpointCall,
  type DeliveriesCall,
  type DeliveryReply,
  type EndpointCall,
  type EndpointReply,
  type EndpointWithSecretReply,
  type ReplayDeliveryCall,
  type RotateSecretCall,
  type UpdateEndpointCall,
  WebhooksRpc,
} from '@billing/contracts';
import { WALLET_TOPIC, WALLET_TOPIC_SCHEMAS } from '@billing/messaging';
import { answers, type Clock, type ReactorEvent, reactsTo, RpcError } from '@billing/service-host';
import { secretOf, webhookBody, webhookMessageOf } from '@billing/webhooks-domain';
import { Controller, Inject } from '@nestjs/common';
import { EventPattern, MessagePattern, Payload } from '@nestjs/microservices';
import type Database from 'better-sqlite3';
import type { Deliveries } from './deliveries';
import { endpointUrlProblem } from './endpoint-urls';
import type { Endpoints } from './endpoints';
import {
  AccountRequest,
  CreateEndpointRequest,
  DeliveriesRequest,
  EndpointRequest,
  ReplayDeliveryRequest,
  RotateSecretRequest,
  UpdateEndpointRequest,
} from './webhooks-requests';

export const WEBHOOKS_STATE = Symbol('WebhooksState');

export interface WebhooksState {
  readonly db: Database.Database;
  readonly endpoints: Endpoints;
  readonly deliveries: Deliveries;
  readonly clock: Clock;
  /** Production refuses endpoint URLs on loopback, private and link-local addresses. */
  readonly production: boolean;
}

/** The wallet events a message can come from (`webhookMessageOf` says which make one). */
const WALLET_SOURCES = ['CreditsPurchased', 'CreditsGranted', 'CreditsCharged', 'CreditsReleased'];
const DEFAULT_ROTATION_OVERLAP_MILLIS = 86_400_000;

@Controller()
export class WebhooksController implements Answering<typeof WebhooksRpc> {
  constructor(@Inject(WEBHOOKS_STATE) private readonly state: WebhooksState) {}

  /**
   * Each wallet event that makes a message is queued for the account's endpoints that
   * asked for its type, in one transaction per batch; the reactor's position moves after
   * it, and a batch seen again queues nothing new (the delivery ids come from the events).
   */
  @EventPattern('webhook-messages', reactsTo({ kind: 'bus', topics: [WALLET_TOPIC], schemas: WALLET_TOPIC_SCHEMAS, handles: WALLET_SOURCES }))
  async walletEvents(@Payload() events: readonly ReactorEvent[]): Promise<void> {
    const now = this.state.clock.now();
    this.state.db.transaction(() => {
      for (const event of events) {
        const message = webhookMessageOf(event);
        if (!message) continue;
        const endpointIds = this.state.endpoints.subscribedTo(message.accountId, message.type);
        if (endpointIds.length > 0) this.state.deliveries.queue(message, webhookBody(message), endpointIds, now);
      }
    })();
  }

  @MessagePattern(WebhooksRpc.createEndpoint, answers(CreateEndpointRequest))
  async createEndpoint(@Payload() request: CreateEndpointCall): Promise<EndpointWithSecretReply> {
    this.checkUrl(request.url);
    return this.state.endpoints.create({
      endpointId: request.endpointId,
      accountId: request.accountId,
      url: request.url,
      eventTypes: [...new Set(request.eventTypes)],
      enabled: request.enabled ?? true,
      description: request.description ?? null,
      secret: newSecret(),
      createdAt: this.state.clock.now(),
    });
  }

  @MessagePattern(WebhooksRpc.listEndpoints, answers(AccountRequest))
  async listEndpoints(@Payload() request: AccountCall): Promise<{ endpoints: EndpointReply[] }> {
    return { endpoints: this.state.endpoints.list(request.accountId) };
  }

  @MessagePattern(WebhooksRpc.getEndpoint, answers(EndpointRequest))
  async getEndpoint(@Payload() request: EndpointCall): Promise<EndpointReply> {
    return found(this.state.endpoints.get(request.accountId, request.endpointId), request.endpointId);
  }

  @MessagePattern(WebhooksRpc.updateEndpoint, answers(UpdateEndpointRequest))
  async updateEndpoint(@Payload() request: UpdateEndpointCall): Promise<EndpointReply> {
    if (request.url !== undefined) this.checkUrl(request.url);
    const { accountId, endpointId, ...changes } = request;
    return found(this.state.endpoints.update(accountId, endpointId, changes), endpointId);
  }

  @MessagePattern(WebhooksRpc.deleteEndpoint, answers(EndpointRequest))
  async deleteEndpoint(@Payload() request: EndpointCall): Promise<EndpointReply> {
    return found(this.state.endpoints.delete(request.accountId, request.endpointId, this.state.clock.now()), request.endpointId);
  }

  @MessagePattern(WebhooksRpc.rotateSecret, answers(RotateSecretRequest))
  async rotateSecret(@Payload() request: RotateSecretCall): Promise<EndpointWithSecretReply> {
    const until = this.state.clock.now() + (request.overlapMillis ?? DEFAULT_ROTATION_OVERLAP_MILLIS);
    return found(this.state.endpoints.rotate(request.accountId, request.endpointId, newSecret(), until), request.endpointId);
  }

  @MessagePattern(WebhooksRpc.listDeliveries, answers(DeliveriesRequest))
  async listDeliveries(@Payload() request: DeliveriesCall): Promise<{ deliveries: DeliveryReply[] }> {
    found(this.state.endpoints.get(request.accountId, request.endpointId), request.endpointId);
    return { deliveries: this.state.deliveries.list(request.accountId, request.endpointId, request.limit ?? 100) };
  }

  @MessagePattern(WebhooksRpc.replayDelivery, answers(ReplayDeliveryRequest))
  async replayDelivery(@Payload() request: ReplayDeliveryCall): Promise<DeliveryReply> {
    const replayed = this.state.deliveries.replay(request.accountId, request.endpointId, request.deliveryId, this.state.clock.now());
    if (!replayed) throw notFound('Delivery', request.deliveryId);
    return replayed;
  }

  private checkUrl(url: string): void {
    const problem = endpointUrlProblem(url, this.state.production);
    if (problem) throw new RpcError({ type: 'validation', title: 'The request is not valid', status: 400, detail: problem, errors: [{ field: 'url', message: problem }] });
  }
}

const newSecret = (): string => secretOf(randomBytes(24));

const notFound = (what: string, id: string) => new RpcError({ type: 'not-found', title: `${what} not found`, status: 404, detail: `no ${what.toLowerCase()} ${id}` });

function found<T>(value: T | undefined, endpointId: string): T {
  if (value === undefined) throw notFound('Webhook endpoint', endpointId);
  return value;
}
