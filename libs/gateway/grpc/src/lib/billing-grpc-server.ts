import { randomUUID } from 'node:crypto';
import {
  type handleServerStreamingCall,
  type handleUnaryCall,
  Metadata,
  Server,
  ServerCredentials,
  type ServerWritableStream,
  type UntypedServiceImplementation,
} from '@grpc/grpc-js';
import { type BillingGateway, type Caller, ORGANISATION_HEADER, type RequestContext, requestFingerprint } from '@billing/gateway-application';
import type { MessageBus } from '@billing/messaging';
import { type Logger, RpcError, runInLogContext, silentLogger, traceIdOf } from '@billing/service-host';
import type {
  ChangeSubscriptionRequest,
  CreateQuoteRequest,
  CreateTaskRequest,
  GetBalancesResponse,
  ListTasksRequest,
  ListReceiptsResponse,
  ListTasksResponse,
  OrderIdRequest,
  OrderMessage,
  PlanSubscriptionMessage,
  QuoteMessage,
  ReceiptMessage,
  RefundOrderRequest,
  RefundRenewalRequest,
  RenewalMessage,
  TaskIdRequest,
  TaskMessage,
  TaskUpdateMessage,
  WatchTasksRequest,
  CreateWebhookEndpointRequest,
  ListWebhookDeliveriesRequest,
  PoolBalanceAlertsMessage,
  ReplayWebhookDeliveryRequest,
  RotateWebhookSecretRequest,
  SetBalanceAlertsRequest,
  UpdateWebhookEndpointRequest,
  WebhookDeliveryMessage,
  WebhookEndpointIdRequest,
  WebhookEndpointMessage,
} from './billing-messages';
import { billingServiceDefinition } from './billing-proto';
import { orderIdOf, planIdOf, quoteInputOf, refundInputOf, renewalRefundInputOf, taskIdOf, taskInputOf, taskListInputOf, watchedTaskIdsOf } from './grpc-requests';
import { type GrpcProblemError, grpcErrorOf } from './problem-status';
import { orderMessage, planSubscriptionMessage, poolBalanceMessage, quoteMessage, receiptMessage, renewalMessage, taskMessage, timestampOf } from './proto-views';
import { ReadinessHealth } from './readiness-health';
import { balanceAlertsInputOf, deliveriesQueryOf, endpointChangesOf, endpointIdOf, newEndpointInputOf, replayOf, rotationOf } from './webhook-requests';
import { poolBalanceAlertsMessage, webhookDeliveryMessage, webhookEndpointMessage } from './webhook-views';
import { serverReflection } from './server-reflection';
import { TaskUpdateFeed } from './task-updates/task-update-feed';
import { TaskWatch } from './task-updates/task-watch';

export const DEFAULT_GRPC_PORT = 50051;
const REQUEST_ID_KEY = 'x-request-id';

export interface BillingGrpcServerOptions {
  /** The gateway's use cases and authentication, shared with REST. */
  readonly gateway: BillingGateway;
  /** Where task events are followed for `WatchTasks`. */
  readonly bus: MessageBus;
  /** 0 for any free port (tests); the bound port is `server.port`. */
  readonly port: number;
  /** Default 0.0.0.0. */
  readonly host?: string;
  /** Names this instance's consumer group on the task topic (default: a new UUID each start). */
  readonly instanceId?: string;
  readonly logger?: Logger;
  /** How long `stop` lets calls in flight finish before it cancels them (default 2 s). */
  readonly shutdownGraceMillis?: number;
  /** How often `grpc.health.v1.Health` probes the gateway's readiness (default 5 s). */
  readonly healthProbeMillis?: number;
}

/**
 * The gateway's gRPC side: `billing.v1.Billing` over the same use cases as REST, beside
 * server reflection and the standard health service. Every billing call is authenticated
 * from `authorization: Bearer <API key | JWT>` metadata, which sets the channel and so the
 * pool; every refusal is a gRPC status with the RFC 9457 problem as `google.rpc.Status`
 * details in the `grpc-status-details-bin` trailer.
 */
export class BillingGrpcServer {
  private readonly watches = new Set<ServerWritableStream<WatchTasksRequest, TaskUpdateMessage>>();
  private readonly logger: Logger;

  private constructor(
    private readonly options: BillingGrpcServerOptions,
    private readonly server: Server,
    private readonly feed: TaskUpdateFeed,
    private readonly health: ReadinessHealth,
    readonly port: number,
  ) {
    this.logger = options.logger ?? silentLogger;
  }

  static async start(options: BillingGrpcServerOptions): Promise<BillingGrpcServer> {
    const feed = new TaskUpdateFeed({ bus: options.bus, instanceId: options.instanceId ?? randomUUID(), ...(options.logger ? { logger: options.logger } : {}) });
    await feed.start();
    const server = new Server();
    let port: number;
    try {
      port = await new Promise<number>((resolve, reject) =>
        server.bindAsync(`${options.host ?? '0.0.0.0'}:${options.port}`, ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
      );
    } catch (error) {
      await feed.stop();
      throw error;
    }
    const health = new ReadinessHealth(async () => (await options.gateway.readiness({ requestId: randomUUID() })).ready, options.healthProbeMillis ?? 5_000);
    const grpc = new BillingGrpcServer(options, server, feed, health, port);
    server.addService(billingServiceDefinition(), grpc.handlers());
    serverReflection().addToServer(server);
    health.addToServer(server);
    health.start();
    return grpc;
  }

  /** `WatchTasks` streams open now. */
  get activeWatches(): number {
    return this.watches.size;
  }

  /** Ends every watch, lets calls in flight finish (bounded), then closes the port and the feed. */
  async stop(): Promise<void> {
    this.health.stop();
    for (const call of this.watches) call.end();
    this.watches.clear();
    await new Promise<void>((resolve) => {
      const force = setTimeout(() => {
        this.server.forceShutdown();
        resolve();
      }, this.options.shutdownGraceMillis ?? 2_000);
      this.server.tryShutdown(() => {
        clearTimeout(force);
        resolve();
      });
    });
    await this.feed.stop();
  }

  private handlers(): UntypedServiceImplementation {
    const { gateway } = this.options;
    const handlers: Record<string, handleUnaryCall<never, unknown> | handleServerStreamingCall<never, unknown>> = {
      CreateQuote: this.unary<CreateQuoteRequest, QuoteMessage>(async (caller, request, context) => quoteMessage(await gateway.quote(caller, quoteInputOf(request), context))),
      CreateTask: this.unary<CreateTaskRequest, TaskMessage>((caller, request, context) => this.createTask(caller, request, context)),
      GetTask: this.unary<TaskIdRequest, TaskMessage>(async (caller, request, context) => taskMessage(await gateway.getTask(caller, taskIdOf(request), context))),
      ListTasks: this.unary<ListTasksRequest, ListTasksResponse>(async (caller, request, context) => {
        const page = await gateway.listTasks(caller, taskListInputOf(request), context);
        return { tasks: page.tasks.map(taskMessage), nextPageToken: page.next ?? '' };
      }),
      CancelTask: this.unary<TaskIdRequest, TaskMessage>(async (caller, request, context) => taskMessage(await gateway.cancelTask(caller, taskIdOf(request), context))),
      AdoptTask: this.unary<TaskIdRequest, TaskMessage>(async (caller, request, context) => taskMessage(await gateway.adoptTask(caller, taskIdOf(request), context))),
      GetBalances: this.unary<object, GetBalancesResponse>(async (caller, _request, context) => ({
        pools: (await gateway.balances(caller, context)).balances.map(poolBalanceMessage),
      })),
      WatchTasks: (call: ServerWritableStream<WatchTasksRequest, TaskUpdateMessage>) => void this.watchTasks(call),
      RefundOrder: this.unary<RefundOrderRequest, OrderMessage>(async (caller, request, context) => {
        const { orderId, reason } = refundInputOf(request);
        return orderMessage(await gateway.refundOrder(caller, orderId, reason, context));
      }),
      RefundRenewal: this.unary<RefundRenewalRequest, RenewalMessage>(async (caller, request, context) => {
        const { invoiceId, reason } = renewalRefundInputOf(request);
        return renewalMessage(await gateway.refundRenewal(caller, invoiceId, reason, context));
      }),
      GetSubscription: this.unary<object, PlanSubscriptionMessage>(async (caller, _request, context) => planSubscriptionMessage(await gateway.planSubscription(caller, context))),
      CancelSubscription: this.unary<object, PlanSubscriptionMessage>(async (caller, _request, context) =>
        planSubscriptionMessage(await gateway.setCancelAtPeriodEnd(caller, true, context)),
      ),
      ResumeSubscription: this.unary<object, PlanSubscriptionMessage>(async (caller, _request, context) =>
        planSubscriptionMessage(await gateway.setCancelAtPeriodEnd(caller, false, context)),
      ),
      ChangeSubscription: this.unary<ChangeSubscriptionRequest, PlanSubscriptionMessage>(async (caller, request, context) =>
        planSubscriptionMessage(await gateway.changePlan(caller, planIdOf(request), context)),
      ),
      ListReceipts: this.unary<object, ListReceiptsResponse>(async (caller, _request, context) => ({
        receipts: (await gateway.receipts(caller, context)).receipts.map(receiptMessage),
      })),
      GetOrderReceipt: this.unary<OrderIdRequest, ReceiptMessage>(async (caller, request, context) => receiptMessage(await gateway.orderReceipt(caller, orderIdOf(request), context))),
      ...this.webhookHandlers(),
    };
    return handlers as UntypedServiceImplementation;
  }

  /** Endpoints, their deliveries and balance alerts: REST's use cases, with REST's limits. */
  private webhookHandlers(): Record<string, handleUnaryCall<never, unknown>> {
    const { gateway } = this.options;
    const endpoints = gateway.webhookEndpoints;
    return {
      CreateWebhookEndpoint: this.unary<CreateWebhookEndpointRequest, WebhookEndpointMessage>(async (caller, request, context) => {
        const { input, idempotencyKey } = newEndpointInputOf(request);
        return webhookEndpointMessage(await endpoints.create(caller, input, idempotencyKey === null ? context : { ...context, idempotencyKey }));
      }),
      ListWebhookEndpoints: this.unary<object, { endpoints: WebhookEndpointMessage[] }>(async (caller, _request, context) => ({
        endpoints: (await endpoints.list(caller, context)).endpoints.map(webhookEndpointMessage),
      })),
      GetWebhookEndpoint: this.unary<WebhookEndpointIdRequest, WebhookEndpointMessage>(async (caller, request, context) =>
        webhookEndpointMessage(await endpoints.get(caller, endpointIdOf(request), context)),
      ),
      UpdateWebhookEndpoint: this.unary<UpdateWebhookEndpointRequest, WebhookEndpointMessage>(async (caller, request, context) => {
        const { endpointId, changes } = endpointChangesOf(request);
        return webhookEndpointMessage(await endpoints.update(caller, endpointId, changes, context));
      }),
      DeleteWebhookEndpoint: this.unary<WebhookEndpointIdRequest, WebhookEndpointMessage>(async (caller, request, context) =>
        webhookEndpointMessage(await endpoints.delete(caller, endpointIdOf(request), context)),
      ),
      RotateWebhookSecret: this.unary<RotateWebhookSecretRequest, WebhookEndpointMessage>(async (caller, request, context) => {
        const { endpointId, overlapSeconds } = rotationOf(request);
        return webhookEndpointMessage(await endpoints.rotateSecret(caller, endpointId, overlapSeconds, context));
      }),
      ListWebhookDeliveries: this.unary<ListWebhookDeliveriesRequest, { deliveries: WebhookDeliveryMessage[] }>(async (caller, request, context) => {
        const { endpointId, limit } = deliveriesQueryOf(request);
        return { deliveries: (await endpoints.deliveries(caller, endpointId, limit, context)).deliveries.map(webhookDeliveryMessage) };
      }),
      ReplayWebhookDelivery: this.unary<ReplayWebhookDeliveryRequest, WebhookDeliveryMessage>(async (caller, request, context) => {
        const { endpointId, deliveryId } = replayOf(request);
        return webhookDeliveryMessage(await endpoints.replay(caller, endpointId, deliveryId, context));
      }),
      GetBalanceAlerts: this.unary<object, { pools: PoolBalanceAlertsMessage[] }>(async (caller, _request, context) => ({
        pools: (await gateway.balanceAlerts(caller, context)).pools.map(poolBalanceAlertsMessage),
      })),
      SetBalanceAlerts: this.unary<SetBalanceAlertsRequest, PoolBalanceAlertsMessage>(async (caller, request, context) => {
        const { pool, thresholds } = balanceAlertsInputOf(request);
        return poolBalanceAlertsMessage(await gateway.setBalanceAlerts(caller, pool, thresholds, context));
      }),
    };
  }

  /**
   * With an idempotency key, the task id derives from it and the credential: a repeat by
   * the same credential answers the first answer's refusal as it was, or its task as it is
   * now; the same key with another request, or from another credential, is refused.
   */
  private async createTask(caller: Caller, request: CreateTaskRequest, context: RequestContext): Promise<TaskMessage> {
    const { input, idempotencyKey } = taskInputOf(request);
    if (idempotencyKey === null) return taskMessage(await this.options.gateway.createTask(caller, input, context));
    const keyed: RequestContext = { ...context, idempotencyKey };
    const fingerprint = requestFingerprint('GRPC', '/billing.v1.Billing/CreateTask', { ...request, idempotencyKey: undefined });
    const outcome = await this.options.gateway.idempotent(caller, idempotencyKey, fingerprint, async () => {
      try {
        return { status: 200, body: taskMessage(await this.options.gateway.createTask(caller, input, keyed)) };
      } catch (error) {
        if (error instanceof RpcError && error.problem.status < 500) return { status: error.problem.status, body: error.problem };
        throw error;
      }
    });
    if (outcome.status !== 200) throw new RpcError(outcome.body as RpcError['problem']);
    const task = outcome.body as TaskMessage;
    return outcome.replayed ? taskMessage(await this.options.gateway.getTask(caller, task.taskId, context)) : task;
  }

  private async watchTasks(call: ServerWritableStream<WatchTasksRequest, TaskUpdateMessage>): Promise<void> {
    const context = requestContextOf(call.metadata);
    let caller: Caller;
    let taskIds: ReadonlySet<string> | null;
    try {
      caller = await this.options.gateway.authenticate(authorizationOf(call.metadata), context);
      taskIds = watchedTaskIdsOf(call.request);
    } catch (error) {
      call.emit('error', this.errorOf(error, 'WatchTasks', context));
      return;
    }
    if (call.cancelled) return;
    const watch = new TaskWatch({
      taskIds,
      getTask: (taskId) => this.options.gateway.getTask(caller, taskId, context),
      send: (task, change) => call.write({ task: taskMessage(task), eventType: change.type, at: timestampOf(change.at) }),
      fail: (error) => {
        finish();
        call.emit('error', this.errorOf(error, 'WatchTasks', context));
      },
    });
    const unlisten = this.feed.listen(caller.accountId, watch.receive);
    const finish = () => {
      watch.end();
      unlisten();
      this.watches.delete(call);
    };
    this.watches.add(call);
    call.on('cancelled', finish);
    call.on('close', finish);
    call.on('finish', finish);
    // The response headers say the watch is in place: changes from here on will be sent.
    call.sendMetadata(responseMetadata(context));
  }

  private unary<Request, Response>(work: (caller: Caller, request: Request, context: RequestContext) => Promise<Response>): handleUnaryCall<Request, Response> {
    return (call, callback) => {
      const context = requestContextOf(call.metadata);
      call.sendMetadata(responseMetadata(context));
      runInLogContext({ requestId: context.requestId, traceId: traceIdOf(call.metadata.get('traceparent')[0]) }, () =>
        this.options.gateway
          .authenticate(authorizationOf(call.metadata), context)
          .then((caller) => work(caller, call.request, context))
          .then(
            (response) => callback(null, response),
            (error: unknown) => callback(this.errorOf(error, call.getPath(), context)),
          ),
      );
    };
  }

  private errorOf(error: unknown, method: string, context: RequestContext): GrpcProblemError {
    const grpcError = grpcErrorOf(error, context.requestId);
    if (grpcError.problem.status >= 500) this.logger.error('grpc call failed', { method, requestId: context.requestId, error });
    return grpcError;
  }
}

function authorizationOf(metadata: Metadata): string | undefined {
  const [value] = metadata.get('authorization');
  return typeof value === 'string' ? value : undefined;
}

/**
 * The client's `x-request-id` when it is a sane token, else a new one (it follows the call
 * into the services); `x-organisation-id`, the organisation to act in, as REST's header.
 */
function requestContextOf(metadata: Metadata): RequestContext {
  const [value] = metadata.get(REQUEST_ID_KEY);
  const requestId = typeof value === 'string' && /^[A-Za-z0-9._:-]{1,128}$/.test(value) ? value : randomUUID();
  const [organisationId] = metadata.get(ORGANISATION_HEADER);
  return { requestId, ...(typeof organisationId === 'string' ? { organisationId } : {}) };
}

function responseMetadata(context: RequestContext): Metadata {
  const metadata = new Metadata();
  metadata.set(REQUEST_ID_KEY, context.requestId);
  return metadata;
}
