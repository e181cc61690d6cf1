import { randomUUID } from 'node:crypto';
import type { IncomingMessage, MessageBus } from '@billing/messaging';
import { deadLetterTopicFor } from '@billing/messaging';
import { type RpcCallOptions, type RpcClient, RpcError, RpcTimeoutError } from '../rpc';
import type { Logger } from '../service';
import { rpcReplyTopicFor, rpcTopicFor } from '../topics';
import { decodeReplyMessage, type RpcReply, toReplyMessage, toRequestMessage } from '../wire/rpc-message';
import { type Rejection, sendToDeadLetters } from './dead-letters';
import { FaultCounts } from './fault-counts';
import type { RpcDirectory } from './rpc-dispatch';
import { StopFlag } from './stop-flag';
import { SpanKind, traced } from '../tracing';
import { SupervisedConsumer } from './supervised-consumer';

export interface BusRpcClientOptions {
  readonly bus: MessageBus;
  /** The calling service: names the reply topic `billing.rpc-replies.<caller>`, kept across restarts. */
  readonly caller: string;
  /** Unique per process: names this process's consumer group on the reply topic. */
  readonly instanceId: string;
  readonly partitions: number;
  readonly logger: Logger;
  readonly defaultTimeoutMillis: number;
  /** Services in this process: called directly, still validated. */
  readonly directory?: RpcDirectory;
  readonly faults?: FaultCounts;
}

/**
 * Request/reply over the bus: the request carries an id, this caller's reply topic and
 * the time it may still take; the reply resolves the call, or re-throws the server's
 * problem details as an RpcError; silence past the timeout is an RpcTimeoutError, and a
 * bus that cannot take the request is an `unavailable` RpcError (503). Every step of a
 * call, the publish included, runs inside its timeout, so nothing is left to fail later
 * with no one waiting. The reply topic is shared by every process of the caller; each
 * reads it from its end in a group of its own and keeps the replies it waits for. It is
 * made on the first remote call, so an embedded process that only calls in-process
 * services never creates one.
 */
export class BusRpcClient implements RpcClient {
  private readonly pending = new Map<string, (reply: RpcReply) => void>();
  private readonly ensuredServices = new Set<string>();
  private readonly stop$ = new StopFlag();
  private readonly faults: FaultCounts;
  private replies: Promise<SupervisedConsumer> | null = null;

  constructor(private readonly options: BusRpcClientOptions) {
    this.faults = options.faults ?? new FaultCounts();
  }

  get replyTopic(): string {
    return rpcReplyTopicFor(this.options.caller);
  }

  call<Response>(service: string, method: string, request: unknown, options: RpcCallOptions = {}): Promise<Response> {
    return traced({
      name: `${service}.${method}`,
      kind: SpanKind.CLIENT,
      parent: undefined,
      attributes: { 'rpc.system': 'billing', 'rpc.service': service, 'rpc.method': method },
      work: (traceparent) => this.callTraced<Response>(service, method, request, traceparent ? { ...options, traceparent } : options),
    });
  }

  private async callTraced<Response>(service: string, method: string, request: unknown, options: RpcCallOptions & { traceparent?: string }): Promise<Response> {
    const timeoutMillis = options.timeoutMillis ?? this.options.defaultTimeoutMillis;
    const local = this.options.directory?.endpointOf(service);
    const requestId = randomUUID();
    const timedOut = () => new RpcTimeoutError(service, method, timeoutMillis);
    let reply: RpcReply;
    try {
      reply = await withTimeout(local ? local.call(method, request) : this.remote(requestId, service, method, request, options, performance.now() + timeoutMillis), timeoutMillis, timedOut);
    } catch (error) {
      if (error instanceof RpcTimeoutError || error instanceof RpcError) throw error;
      this.options.logger.warn('rpc request not sent', { service, method, error });
      throw new RpcError({ type: 'unavailable', title: 'Service unavailable', status: 503, detail: `${service}.${method} could not be asked: the message bus is unavailable` });
    } finally {
      this.pending.delete(requestId);
    }
    if (!reply.ok) throw new RpcError(reply.problem);
    return reply.result as Response;
  }

  async close(): Promise<void> {
    this.stop$.raise();
    for (const [id, settle] of this.pending) {
      this.pending.delete(id);
      settle({ ok: false, problem: { type: 'unavailable', title: 'The caller is shutting down', status: 503 } });
    }
    const replies = this.replies;
    this.replies = null;
    if (replies) await (await replies.catch(() => null))?.stop();
  }

  private async remote(requestId: string, service: string, method: string, request: unknown, options: RpcCallOptions & { traceparent?: string }, deadline: number): Promise<RpcReply> {
    if (this.stop$.isRaised) throw new RpcError({ type: 'unavailable', title: 'The caller is shutting down', status: 503 });
    await this.ensureReplies();
    await this.ensureService(service);
    const answered = new Promise<RpcReply>((settle) => this.pending.set(requestId, settle));
    const { key, correlationId, traceparent } = options;
    const budgetMillis = Math.max(0, Math.floor(deadline - performance.now()));
    const rpc = { requestId, method, replyTo: this.replyTopic, budgetMillis, request, ...(correlationId ? { correlationId } : {}), ...(traceparent ? { traceparent } : {}) };
    await this.options.bus.publish([toRequestMessage(service, key ?? requestId, rpc)]);
    return answered;
  }

  private onReplies = async (batch: readonly IncomingMessage[]): Promise<void> => {
    const rejected: Rejection[] = [];
    for (const message of batch) {
      const decoded = decodeReplyMessage(message);
      if (decoded.kind === 'rejected') {
        rejected.push({ message, reason: decoded.reason });
        continue;
      }
      // A reply for another process of this caller, or for a call that timed out: not ours to keep.
      const settle = this.pending.get(decoded.requestId);
      this.pending.delete(decoded.requestId);
      settle?.(decoded.reply);
    }
    const { bus, logger } = this.options;
    await sendToDeadLetters(rejected, { bus, consumer: this.group, logger, faults: this.faults, backoff: { initialDelayMs: 50, maxDelayMs: 1_000 }, stop: this.stop$ });
  };

  private get group(): string {
    return `rpc-replies.${this.options.instanceId}`;
  }

  private ensureReplies(): Promise<SupervisedConsumer> {
    this.replies ??= (async () => {
      // One partition: replies are few bytes.
      await this.options.bus.ensureTopics([
        { topic: this.replyTopic, partitions: 1 },
        { topic: deadLetterTopicFor(this.replyTopic), partitions: 1 },
      ]);
      const consumer = new SupervisedConsumer({
        bus: this.options.bus,
        groupId: this.group,
        topics: [this.replyTopic],
        handler: this.onReplies,
        logger: this.options.logger,
        backoff: { initialDelayMs: 50, maxDelayMs: 1_000 },
        // The replies of earlier processes are no one's business.
        fromBeginning: false,
      });
      await consumer.start();
      try {
        await this.readingFromNow();
      } catch (error) {
        await consumer.stop();
        throw error;
      }
      return consumer;
    })().catch((error: unknown) => {
      this.replies = null;
      throw error;
    });
    return this.replies;
  }

  /**
   * A new group takes its first position at the end of the topic when it first fetches,
   * which can be after a quick reply was written. A marker sent to itself and seen back
   * proves the position is taken, so no reply is written before it.
   */
  private async readingFromNow(): Promise<void> {
    const marker = `position-${randomUUID()}`;
    const seen = new Promise<void>((resolve) => this.pending.set(marker, () => resolve()));
    try {
      for (let attempt = 1; attempt <= 40 && !this.stop$.isRaised; attempt++) {
        await this.options.bus.publish([toReplyMessage(this.replyTopic, marker, { ok: true, result: null })]);
        const arrived = await Promise.race([seen.then(() => true), this.stop$.pause(250).then(() => false)]);
        if (arrived) return;
      }
      throw new Error(`the reply topic ${this.replyTopic} does not deliver to ${this.group}`);
    } finally {
      this.pending.delete(marker);
    }
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

/** `work` or a timeout, whichever comes first; `work` failing later is already handled here. */
async function withTimeout<T>(work: Promise<T>, millis: number, timedOut: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([work, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(timedOut()), millis)))]);
  } finally {
    clearTimeout(timer);
  }
}
