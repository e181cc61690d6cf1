import { randomBytes } from 'node:crypto';
import {
  type AccountCall,
  type Answering,
  type BillingEventsCall,
  type CreateEndpointCall,
  type DeliveriesCall,
  type DeliveryReply,
  type EndpointCall,
  type EndpointReply,
  type EndpointWithSecretReply,
  parseWalletStreamName,
  type PoolAlertsReply,
  type ReplayDeliveryCall,
  type RotateSecretCall,
  type SetBalanceAlertsCall,
  type UpdateEndpointCall,
  WalletRpc,
  WebhooksRpc,
} from '@billing/contracts';
import { SUBSCRIPTION_TOPIC, SUBSCRIPTION_TOPIC_SCHEMAS, WALLET_TOPIC, WALLET_TOPIC_SCHEMAS } from '@billing/messaging';
import { answers, type Clock, type ReactorEvent, reactsTo, type RpcClient, RpcError, send } from '@billing/service-host';
import {
  type BalanceAlert,
  balanceAlertMessage,
  balanceAlertsAfter,
  expiringGrantOf,
  grantNoticeAt,
  newBalanceAlert,
  secretOf,
  webhookBody,
  type WebhookMessage,
  webhookMessageOf,
} from '@billing/webhooks-domain';
import { Controller, Inject } from '@nestjs/common';
import { EventPattern, MessagePattern, Payload } from '@nestjs/microservices';
import type Database from 'better-sqlite3';
import type { BalanceAlertStore } from './balance-alert-store';
import type { Deliveries } from './deliveries';
import { endpointUrlProblem } from './endpoint-urls';
import type { Endpoints } from './endpoints';
import type { ExpiringGrants } from './expiring-grants';
import {
  AccountRequest,
  BillingEventsRequest,
  CreateEndpointRequest,
  DeliveriesRequest,
  EndpointRequest,
  ReplayDeliveryRequest,
  RotateSecretRequest,
  SetBalanceAlertsRequest,
  UpdateEndpointRequest,
} from './webhooks-requests';

export const WEBHOOKS_STATE = Symbol('WebhooksState');

export interface WebhooksState {
  readonly db: Database.Database;
  readonly endpoints: Endpoints;
  readonly deliveries: Deliveries;
  readonly alerts: BalanceAlertStore;
  readonly grants: ExpiringGrants;
  /** `grant.expiring` goes out this many days before a plan grant's credits expire. */
  readonly grantExpiringDays: number;
  /** Asks the wallet for a pool's available credits when it has alerts. */
  readonly rpc: RpcClient;
  readonly clock: Clock;
  /** Production refuses endpoint URLs on loopback, private and link-local addresses. */
  readonly production: boolean;
}

/** The wallet events a message can come from (`webhookMessageOf` says which make one). */
const WALLET_SOURCES = ['CreditsPurchased', 'CreditsGranted', 'CreditsCharged', 'CreditsReleased'];
/** And the ones that only move a pool's available credits, which its alerts watch. */
const BALANCE_SOURCES = ['CreditsReserved', 'ReservationExpired', 'CreditsExpired', 'CreditsRefunded', 'CreditsRevoked', 'CreditsFrozen', 'CreditsUnfrozen'];
const DEFAULT_ROTATION_OVERLAP_MILLIS = 86_400_000;

@Controller()
export class WebhooksController implements Answering<typeof WebhooksRpc> {
  constructor(@Inject(WEBHOOKS_STATE) private readonly state: WebhooksState) {}

  /**
   * Each wallet event that makes a message is queued for the account's endpoints that
   * asked for its type, in one transaction per batch; the reactor's position moves after
   * it, and a batch seen again queues nothing new (the delivery ids come from the events).
   * Each pool the batch touched that has alerts is checked against its available credits
   * as the wallet answers after the batch; a crossing fires in the same transaction.
   */
  @EventPattern('webhook-messages', reactsTo({ kind: 'bus', topics: [WALLET_TOPIC], schemas: WALLET_TOPIC_SCHEMAS, handles: [...WALLET_SOURCES, ...BALANCE_SOURCES] }))
  async walletEvents(@Payload() events: readonly ReactorEvent[]): Promise<void> {
    const now = this.state.clock.now();
    const watched = await this.watchedBalances(events);
    this.state.db.transaction(() => {
      for (const event of events) {
        const message = webhookMessageOf(event);
        if (message) queueMessage(this.state, message, now);
        const grant = expiringGrantOf(event);
        if (grant) this.state.grants.remember(grant, grantNoticeAt(grant, this.state.grantExpiringDays));
      }
      for (const { accountId, pool, availableMillicredits } of watched) {
        const { alerts, firings } = balanceAlertsAfter(this.state.alerts.of(accountId, pool), availableMillicredits);
        this.state.alerts.save(accountId, pool, alerts);
        for (const firing of firings) queueMessage(this.state, balanceAlertMessage(accountId, pool, firing, availableMillicredits, now), now);
      }
    })();
  }

  /** A renewal the provider could not collect is `plan.renewal_failed`, queued like the wallet's messages. */
  @EventPattern('webhook-renewals', reactsTo({ kind: 'bus', topics: [SUBSCRIPTION_TOPIC], schemas: SUBSCRIPTION_TOPIC_SCHEMAS, handles: ['SubscriptionPastDue'] }))
  async subscriptionEvents(@Payload() events: readonly ReactorEvent[]): Promise<void> {
    const now = this.state.clock.now();
    this.state.db.transaction(() => {
      for (const event of events) {
        const message = webhookMessageOf(event);
        if (message) queueMessage(this.state, message, now);
      }
    })();
  }

  /** Events other services hand over (the purchase service's auto top-ups), queued in one transaction; a resend queues nothing new. */
  @MessagePattern(WebhooksRpc.billingEvents, answers(BillingEventsRequest))
  async billingEvents(@Payload() request: BillingEventsCall): Promise<{ queued: number }> {
    const now = this.state.clock.now();
    const messages = request.events.map((event) => webhookMessageOf(event)).filter((message) => message !== undefined);
    this.state.db.transaction(() => messages.forEach((message) => queueMessage(this.state, message, now)))();
    return { queued: messages.length };
  }

  @MessagePattern(WebhooksRpc.setBalanceAlerts, answers(SetBalanceAlertsRequest))
  async setBalanceAlerts(@Payload() request: SetBalanceAlertsCall): Promise<PoolAlertsReply> {
    const { accountId, pool } = request;
    const thresholds = [...new Set(request.thresholdsMillicredits)].sort((a, b) => b - a);
    const available = thresholds.length === 0 ? 0 : ((await this.balancesOf(accountId)).get(pool) ?? 0);
    // A threshold kept keeps its state; a new one starts armed only while the pool is at or above it.
    const kept = new Map(this.state.alerts.of(accountId, pool).map((alert) => [`${alert.kind}:${alert.thresholdMillicredits}`, alert]));
    const alertOf = (kind: BalanceAlert['kind'], threshold: number) => kept.get(`${kind}:${threshold}`) ?? newBalanceAlert(kind, threshold, available);
    const alerts = thresholds.length === 0 ? [] : [...thresholds.map((threshold) => alertOf('low', threshold)), alertOf('depleted', 0)];
    this.state.alerts.replace(accountId, pool, alerts);
    return { pool, alerts };
  }

  @MessagePattern(WebhooksRpc.balanceAlerts, answers(AccountRequest))
  async balanceAlerts(@Payload() request: AccountCall): Promise<{ pools: PoolAlertsReply[] }> {
    return { pools: [...this.state.alerts.byPool(request.accountId)].map(([pool, alerts]) => ({ pool, alerts })) };
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

  /** The available credits, now, of each pool the events touched that has alerts. */
  private async watchedBalances(events: readonly ReactorEvent[]): Promise<{ accountId: string; pool: string; availableMillicredits: number }[]> {
    const touched = new Map<string, Set<string>>();
    for (const event of events) {
      const wallet = parseWalletStreamName(event.streamName);
      if (wallet) touched.set(wallet.accountId, (touched.get(wallet.accountId) ?? new Set()).add(wallet.pool));
    }
    const watched: { accountId: string; pool: string; availableMillicredits: number }[] = [];
    for (const [accountId, pools] of touched) {
      const alerted = [...pools].filter((pool) => this.state.alerts.of(accountId, pool).length > 0);
      if (alerted.length === 0) continue;
      const balances = await this.balancesOf(accountId);
      for (const pool of alerted) watched.push({ accountId, pool, availableMillicredits: balances.get(pool) ?? 0 });
    }
    return watched;
  }

  private async balancesOf(accountId: string): Promise<Map<string, number>> {
    const pools = await send(this.state.rpc, WalletRpc.balances, { accountId }, { key: accountId });
    return new Map(pools.map((pool) => [pool.pool, pool.availableMillicredits]));
  }

  private checkUrl(url: string): void {
    const problem = endpointUrlProblem(url, this.state.production);
    if (problem) throw new RpcError({ type: 'validation', title: 'The request is not valid', status: 400, detail: problem, errors: [{ field: 'url', message: problem }] });
  }
}

/** Queues the message for the account's endpoints that asked for its type (the caller's transaction makes it one step). */
export function queueMessage(state: Pick<WebhooksState, 'endpoints' | 'deliveries'>, message: WebhookMessage, now: number): void {
  const endpointIds = state.endpoints.subscribedTo(message.accountId, message.type);
  if (endpointIds.length > 0) state.deliveries.queue(message, webhookBody(message), endpointIds, now);
}

const newSecret = (): string => secretOf(randomBytes(24));

const notFound = (what: string, id: string) => new RpcError({ type: 'not-found', title: `${what} not found`, status: 404, detail: `no ${what.toLowerCase()} ${id}` });

function found<T>(value: T | undefined, endpointId: string): T {
  if (value === undefined) throw notFound('Webhook endpoint', endpointId);
  return value;
}
