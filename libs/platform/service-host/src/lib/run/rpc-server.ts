import { deadLetterOf, type IncomingMessage, type MessageBus, type OutgoingMessage } from '@billing/messaging';
import type { RpcError, RpcMethod } from '../rpc';
import type { Logger } from '../service';
import { rpcTopicFor } from '../topics';
import { decodeRequestMessage, toReplyMessage } from '../wire/rpc-message';
import { dispatchRpc } from './rpc-dispatch';
import { StopFlag } from './stop-flag';
import { SupervisedConsumer } from './supervised-consumer';
import { type Backoff, untilDone } from './until-done';

/**
 * Serves a service's methods on `billing.<service>.rpc.v1` (group `<service>.rpc`).
 * A batch's requests run side by side; their replies go out together to each caller's
 * reply topic. A request whose caller stopped waiting (past its deadline) is passed over.
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
    const out: OutgoingMessage[] = [];
    await Promise.all(
      batch.map(async (message) => {
        const decoded = decodeRequestMessage(message);
        if (decoded.kind === 'rejected') {
          this.logger.warn('rpc request dead-lettered', { reason: decoded.reason, offset: message.offset });
          out.push(deadLetterOf(message, decoded.reason, this.group));
          return;
        }
        const { rpc } = decoded;
        // Wall time on purpose: the deadline is the caller's timer, not business time.
        if (Date.now() > rpc.deadline) return;
        const reply = await dispatchRpc(this.service, this.methods, rpc.method, rpc.request, this.logger, this.refusal);
        out.push(toReplyMessage(rpc.replyTo, rpc.requestId, reply));
      }),
    );
    if (out.length === 0) return;
    await untilDone(() => this.bus.publish(out), {
      backoff: this.backoff,
      stop: this.stop$,
      onError: (error, attempt) => this.logger.error('rpc reply publish failed', { attempt, error }),
    });
  }

}
