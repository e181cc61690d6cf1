import { randomUUID } from 'node:crypto';
import type { IncomingMessage, MessageBus } from '@billing/messaging';
import { deadLetterTopicFor } from '@billing/messaging';
import { type RpcCallOptions, type RpcClient, RpcError, RpcTimeoutError } from '../rpc';
import type { Logger } from '../service';
import { rpcReplyTopicFor, rpcTopicFor } from '../topics';
import { decodeReplyMessage, type RpcReply, toRequestMessage } from '../wire/rpc-message';
import type { RpcDirectory } from './rpc-dispatch';
import { SupervisedConsumer } from './supervised-consumer';

export interface BusRpcClientOptions {
  readonly bus: MessageBus;
  /** Names this caller's reply topic (`billing.rpc-replies.<instance>`): unique per process. */
  readonly instanceId: string;
  readonly partitions: number;
  readonly logger: Logger;
  readonly defaultTimeoutMillis: number;
  /** Services in this process: called directly, still validated. */
  readonly directory?: RpcDirectory;
}

interface Pending {
  readonly settle: (reply: RpcReply) => void;
  readonly timer: NodeJS.Timeout;
}

/**
 * Request/reply over the bus: the request carries an id and this instance's reply
 * topic; the reply resolves the call, or re-throws the server's problem details as an
 * RpcError; silence past the timeout is an RpcTimeoutError. The reply topic and its
 * subscription are made on the first remote call, so an embedded process that only
 * calls in-process services never creates one.
 */
export class BusRpcClient implements RpcClient {
  private readonly pending = new Map<string, Pending>();
  private readonly ensuredServices = new Set<string>();
  private replies: Promise<SupervisedConsumer> | null = null;
  private closed = false;

  constructor(private readonly options: BusRpcClientOptions) {}

  get replyTopic(): string {
    return rpcReplyTopicFor(this.options.instanceId);
  }

  async call<Response>(service: string, method: string, request: unknown, options: RpcCallOptions = {}): Promise<Response> {
    const timeoutMillis = options.timeoutMillis ?? this.options.defaultTimeoutMillis;
    const local = this.options.directory?.endpointOf(service);
    const reply = local
      ? await withTimeout(local.call(method, request), timeoutMillis, () => new RpcTimeoutError(service, method, timeoutMillis))
      : await this.remote(service, method, request, options, timeoutMillis);
    if (!reply.ok) throw new RpcError(reply.problem);
    return reply.result as Response;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      this.pending.delete(id);
      p.settle({ ok: false, problem: { type: 'unavailable', title: 'The caller is shutting down', status: 503 } });
    }
    const replies = this.replies;
    this.replies = null;
    if (replies) await (await replies.catch(() => null))?.stop();
  }

  private async remote(service: string, method: string, request: unknown, options: RpcCallOptions, timeoutMillis: number): Promise<RpcReply> {
    if (this.closed) throw new Error('The RPC client is closed');
    await this.ensureReplies();
    await this.ensureService(service);
    const requestId = randomUUID();
    const answered = new Promise<RpcReply>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(requestId);
        reject(new RpcTimeoutError(service, method, timeoutMillis));
      }, timeoutMillis);
      this.pending.set(requestId, { settle: resolve, timer });
    });
    const deadline = Date.now() + timeoutMillis;
    try {
      const { key, correlationId } = options;
      const rpc = { requestId, method, replyTo: this.replyTopic, deadline, request, ...(correlationId ? { correlationId } : {}) };
      await this.options.bus.publish([toRequestMessage(service, key ?? requestId, rpc)]);
    } catch (error) {
      const p = this.pending.get(requestId);
      if (p) clearTimeout(p.timer);
      this.pending.delete(requestId);
      throw error;
    }
    return answered;
  }

  private onReplies = async (batch: readonly IncomingMessage[]): Promise<void> => {
    for (const message of batch) {
      const decoded = decodeReplyMessage(message);
      if (!decoded) continue;
      const p = this.pending.get(decoded.requestId);
      if (!p) continue;
      clearTimeout(p.timer);
      this.pending.delete(decoded.requestId);
      p.settle(decoded.reply);
    }
  };

  private ensureReplies(): Promise<SupervisedConsumer> {
    this.replies ??= (async () => {
      // One partition: replies are few bytes and only this instance reads them.
      await this.options.bus.ensureTopics([{ topic: this.replyTopic, partitions: 1 }]);
      const consumer = new SupervisedConsumer({
        bus: this.options.bus,
        groupId: `rpc-replies.${this.options.instanceId}`,
        topics: [this.replyTopic],
        handler: this.onReplies,
        logger: this.options.logger,
        backoff: { initialDelayMs: 50, maxDelayMs: 1_000 },
      });
      await consumer.start();
      return consumer;
    })().catch((error: unknown) => {
      this.replies = null;
      throw error;
    });
    return this.replies;
  }

  private async ensureService(service: string): Promise<void> {
    if (this.ensuredServices.has(service)) return;
    const topic = rpcTopicFor(service);
    await this.options.bus.ensureTopics([
      { topic, partitions: this.options.partitions },
      { topic: deadLetterTopicFor(topic), partitions: this.options.partitions },
    ]);
    this.ensuredServices.add(service);
  }
}

export const newInstanceId = (service: string): string => `${service}-${randomUUID().slice(0, 8)}`;

async function withTimeout<T>(work: Promise<T>, millis: number, timedOut: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([work, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(timedOut()), millis)))]);
  } finally {
    clearTimeout(timer);
  }
}
