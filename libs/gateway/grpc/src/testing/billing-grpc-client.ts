import { type Client, credentials, Metadata, type MethodDefinition, type ServiceError } from '@grpc/grpc-js';
import {
  billingServiceClient,
  billingServiceDefinition,
  type GetBalancesResponse,
  type ListReceiptsResponse,
  type OrderMessage,
  type ReceiptMessage,
  type RenewalMessage,
  type PlanSubscriptionMessage,
  decodeRpcStatus,
  type ListTasksResponse,
  type QuoteMessage,
  type RpcStatus,
  STATUS_DETAILS_KEY,
  type TaskMessage,
  type TaskUpdateMessage,
} from '../index';

/**
 * The problem details document a client can rebuild from `google.rpc.Status` details:
 * ErrorInfo's metadata (every member as text, `status` back to a number), the status
 * message as `detail`, BadRequest's violations as `errors`, and the ErrorInfo itself.
 */
export type ProblemJson = Record<string, unknown> & {
  readonly type: string;
  readonly status: number;
  readonly detail: string;
  readonly reason: string;
  readonly domain: string;
};

/**
 * A real `@grpc/grpc-js` client of `billing.v1.Billing`, loaded from the same proto files,
 * with each call as a promise. `credential` goes into `authorization: Bearer ...`; none sends
 * no metadata at all. `organisationId` goes into `x-organisation-id` on every call.
 */
export class BillingGrpcClient {
  private readonly client: Client;

  constructor(
    address: string,
    private readonly organisationId?: string,
  ) {
    const Billing = billingServiceClient();
    this.client = new Billing(address, credentials.createInsecure());
  }

  createQuote(request: object, credential?: string): Promise<QuoteMessage> {
    return this.unary('CreateQuote', request, credential);
  }

  createTask(request: object, credential?: string): Promise<TaskMessage> {
    return this.unary('CreateTask', request, credential);
  }

  getTask(taskId: string, credential?: string): Promise<TaskMessage> {
    return this.unary('GetTask', { taskId }, credential);
  }

  listTasks(request: object, credential?: string): Promise<ListTasksResponse> {
    return this.unary('ListTasks', request, credential);
  }

  cancelTask(taskId: string, credential?: string): Promise<TaskMessage> {
    return this.unary('CancelTask', { taskId }, credential);
  }

  adoptTask(taskId: string, credential?: string): Promise<TaskMessage> {
    return this.unary('AdoptTask', { taskId }, credential);
  }

  getBalances(credential?: string): Promise<GetBalancesResponse> {
    return this.unary('GetBalances', {}, credential);
  }

  refundOrder(request: { orderId: string; reason?: string }, credential?: string): Promise<OrderMessage> {
    return this.unary('RefundOrder', request, credential);
  }

  refundRenewal(request: { invoiceId: string; reason?: string }, credential?: string): Promise<RenewalMessage> {
    return this.unary('RefundRenewal', request, credential);
  }

  getSubscription(credential?: string): Promise<PlanSubscriptionMessage> {
    return this.unary('GetSubscription', {}, credential);
  }

  cancelSubscription(credential?: string): Promise<PlanSubscriptionMessage> {
    return this.unary('CancelSubscription', {}, credential);
  }

  resumeSubscription(credential?: string): Promise<PlanSubscriptionMessage> {
    return this.unary('ResumeSubscription', {}, credential);
  }

  changeSubscription(request: { planId: string }, credential?: string): Promise<PlanSubscriptionMessage> {
    return this.unary('ChangeSubscription', request, credential);
  }

  listReceipts(credential?: string): Promise<ListReceiptsResponse> {
    return this.unary('ListReceipts', {}, credential);
  }

  getOrderReceipt(request: { orderId: string }, credential?: string): Promise<ReceiptMessage> {
    return this.unary('GetOrderReceipt', request, credential);
  }

  /** A billing.v1 unary call by its method name, for the calls without a method of their own here. */
  call<Response>(method: string, request: object, credential?: string): Promise<Response> {
    return this.unary(method, request, credential);
  }

  /** Opens `WatchTasks`; `ready` resolves once the server's headers arrived (the watch is in place). */
  watchTasks(request: object, credential?: string): TaskUpdateStream {
    const method = definitionOf('WatchTasks');
    const call = this.client.makeServerStreamRequest<object, TaskUpdateMessage>(
      method.path,
      method.requestSerialize,
      method.responseDeserialize as (value: Buffer) => TaskUpdateMessage,
      request,
      metadataOf(credential, this.organisationId),
    );
    return new TaskUpdateStream(call);
  }

  close(): void {
    this.client.close();
  }

  private unary<Response>(name: string, request: object, credential: string | undefined): Promise<Response> {
    const method = definitionOf(name);
    return new Promise((resolve, reject) => {
      this.client.makeUnaryRequest<object, Response>(
        method.path,
        method.requestSerialize,
        method.responseDeserialize as (value: Buffer) => Response,
        request,
        metadataOf(credential, this.organisationId),
        (error, response) => (error ? reject(error) : response === undefined ? reject(new Error(`${name}: no response`)) : resolve(response)),
      );
    });
  }
}

type StreamCall = ReturnType<Client['makeServerStreamRequest']>;

/** The updates of one `WatchTasks` call as they arrive, and how it ended. */
export class TaskUpdateStream {
  readonly updates: TaskUpdateMessage[] = [];
  readonly ready: Promise<void>;
  /** Resolves with the status code the stream ended with (CANCELLED when the client cancelled it). */
  readonly ended: Promise<{ readonly code: number; readonly error: ServiceError | null }>;

  constructor(private readonly call: StreamCall) {
    this.ready = new Promise((resolve, reject) => {
      call.once('metadata', () => resolve());
      call.once('error', reject);
    });
    this.ended = new Promise((resolve) => {
      call.on('error', (error: ServiceError) => resolve({ code: error.code, error }));
      call.on('status', (status: { code: number }) => resolve({ code: status.code, error: null }));
    });
    call.on('data', (update: TaskUpdateMessage) => this.updates.push(update));
  }

  cancel(): void {
    this.call.cancel();
  }
}

/** The `google.rpc.Status` a failed call carried in its `grpc-status-details-bin` trailer. */
export function rpcStatusOf(error: unknown): RpcStatus {
  const metadata = (error as { metadata?: unknown }).metadata;
  if (!(metadata instanceof Metadata)) throw new Error(`no metadata on ${String(error)}`);
  const [value] = metadata.get(STATUS_DETAILS_KEY);
  if (!Buffer.isBuffer(value)) throw new Error(`no ${STATUS_DETAILS_KEY} trailer on ${String(error)}`);
  return decodeRpcStatus(value);
}

/** The problem document a failed call carried, rebuilt from its status details. */
export function problemOf(error: unknown): ProblemJson {
  const status = rpcStatusOf(error);
  if (!status.errorInfo) throw new Error(`no google.rpc.ErrorInfo in the status of ${String(error)}`);
  const { reason, domain, metadata } = status.errorInfo;
  return {
    ...metadata,
    type: metadata['type'] ?? '',
    status: Number(metadata['status']),
    detail: status.message,
    ...(status.fieldViolations ? { errors: status.fieldViolations.map(({ field, description }) => ({ field, message: description })) } : {}),
    reason,
    domain,
  };
}

/** Runs a call that must fail and gives back its gRPC error. */
export async function failureOf(call: Promise<unknown>): Promise<ServiceError> {
  try {
    await call;
  } catch (error) {
    return error as ServiceError;
  }
  throw new Error('the call succeeded but was expected to fail');
}

function definitionOf(name: string): MethodDefinition<object, unknown> {
  const method = billingServiceDefinition()[name];
  if (!method) throw new Error(`billing.v1.Billing has no method ${name}`);
  return method as MethodDefinition<object, unknown>;
}

function metadataOf(credential: string | undefined, organisationId: string | undefined): Metadata {
  const metadata = new Metadata();
  if (credential !== undefined) metadata.set('authorization', `Bearer ${credential}`);
  if (credential !== undefined && organisationId !== undefined) metadata.set('x-organisation-id', organisationId);
  return metadata;
}
