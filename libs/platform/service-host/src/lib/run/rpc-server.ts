import type { IncomingMessage, MessageBus, OutgoingMessage } from '@billing/messaging';
import { runInLogContext } from '../logging/log-context';
import type { RpcError, RpcMethod } from '../rpc';
import type { Logger } from '../service';
import { rpcTopicFor } from '../topics';
import { decodeRequestMessage, toReplyMessage } from '../wire/rpc-message';
import { type Rejection, sendToDeadLetters } from './dead-letters';
import { FaultCounts } from './fault-counts';
import { dispatchRpc } from './rpc-dispatch';
import { StopFlag } from './stop-flag';
import { SpanKind, traced } from '../tracing';
import { SupervisedConsumer } from './supervised-consumer';
import { type Backoff, untilDone } from './until-done';

/**
 * Serves a service's methods on `billing.<service>.rpc.v1` (group `<service>.rpc`).
 * A batch's requests run side by side; their replies go out together to each caller's
 * reply topic. A request carries what was left of its caller's time budget when sent;
 * one whose budget ran out before it was handled is passed over, logged and counted. The
 * budget is measured on this process's monotonic clock from when the request arrived,
 * so no two hosts' clocks are ever compared (time spent in the broker is not counted).
 */
export class RpcServer {
  private readonly stop$ = new StopFlag();
  private readonly consumer: SupervisedConsumer;
  private readonly methods: ReadonlyMap<string, RpcMethod>;
  private readonly group: string;

  constructor(
    private readonly service: string,
    methods: readonly RpcMethod[],
    private readonly bus: MessageBus,
    private readonly logger: Logger,
    private readonly backoff: Backoff,
    private readonly refusal: () => RpcError | null = () => null,
    private readonly faults = new FaultCounts(),
  ) {
    this.methods = new Map(methods.map((m) => [m.name, m]));
    this.group = `${service}.rpc`;
    this.consumer = new SupervisedConsumer({ bus, groupId: this.group, topics: [rpcTopicFor(service)], handler: (b) => this.handle(b), logger, backoff });
  }

  start(): Promise<void> {
    return this.consumer.start();
  }

  async stop(): Promise<void> {
    this.stop$.raise();
    await this.consumer.stop();
  }

  private async handle(batch: readonly IncomingMessage[]): Promise<void> {
    const arrived = performance.now();
    const out: OutgoingMessage[] = [];
    const rejected: Rejection[] = [];
    await Promise.all(
      batch.map(async (message) => {
        const decoded = decodeRequestMessage(message);
        if (decoded.kind === 'rejected') {
          rejected.push({ message, reason: decoded.reason });
          return;
        }
        const { rpc } = decoded;
        const waitedMillis = performance.now() - arrived;
        if (waitedMillis >= rpc.budgetMillis) {
          const dropped = this.faults.deadlineDropped();
          this.logger.warn('rpc request dropped: its caller stopped waiting', { method: rpc.method, requestId: rpc.requestId, budgetMillis: rpc.budgetMillis, waitedMillis: Math.round(waitedMillis), dropped });
          return;
        }
        const answer = () =>
          traced({
            name: `${this.service}.${rpc.method}`,
            kind: SpanKind.SERVER,
            parent: rpc.traceparent ?? '',
            attributes: { 'rpc.system': 'billing', 'rpc.service': this.service, 'rpc.method': rpc.method },
            work: () => dispatchRpc(this.service, this.methods, rpc.method, rpc.request, this.logger, this.refusal),
          });
        // The caller's request id (the gateway's) is on every line logged while answering.
        const reply = await (rpc.correlationId ? runInLogContext({ requestId: rpc.correlationId }, answer) : answer());
        out.push(toReplyMessage(rpc.replyTo, rpc.requestId, reply));
      }),
    );
    await sendToDeadLetters(rejected, { bus: this.bus, consumer: this.group, logger: this.logger, faults: this.faults, backoff: this.backoff, stop: this.stop$ });
    this.faults.handled(this.group, out.length);
    if (out.length === 0) return;
    await untilDone(() => this.bus.publish(out), {
      backoff: this.backoff,
      stop: this.stop$,
      onError: (error, attempt) => this.logger.error('rpc reply publish failed', { attempt, error }),
    });
  }
}
