import type { IncomingMessage, MessageBus } from '@billing/messaging';
import type { CommandRoute, Logger, OutgoingCommand } from '../service';
import { commandTopicFor } from '../topics';
import { decodeCommandMessage, type DecodedCommand } from '../wire/command-message';
import { type Rejection, sendToDeadLetters } from './dead-letters';
import { FaultCounts } from './fault-counts';
import type { CommandEndpoint } from './rpc-dispatch';
import { StopFlag } from './stop-flag';
import { SpanKind, traced } from '../tracing';
import { SupervisedConsumer } from './supervised-consumer';
import { type Backoff, untilDone } from './until-done';

type Accepted = Extract<DecodedCommand, { kind: 'command' }>;

export interface CommandConsumerOptions {
  readonly service: string;
  readonly bus: MessageBus;
  readonly routes: readonly CommandRoute[];
  readonly logger: Logger;
  readonly backoff: Backoff;
  readonly maxBatchSize?: number;
  readonly faults?: FaultCounts;
}

/**
 * The service's command topic, consumed by group `<service>.commands`. A batch is one
 * partition's messages in order: what cannot be parsed or validated goes to the
 * dead-letter topic with the reason; the rest are handled, one stream's commands in
 * order and different streams side by side; the offsets move only after that. A
 * refusal is an outcome (logged); a thrown error is transient and retried until it passes.
 *
 * Commands sent from this process (`dispatch`, the embedded platform) are typed values:
 * they skip the wire's parsing and validation and are handled in the same order, and
 * `send` resolves once they were handled, later than a broker's acknowledgement and so
 * at least as safe.
 */
export class CommandConsumer implements CommandEndpoint {
  private readonly routes: ReadonlyMap<string, CommandRoute>;
  private readonly stop$ = new StopFlag();
  private readonly consumer: SupervisedConsumer;
  private readonly group: string;
  private readonly faults: FaultCounts;

  constructor(private readonly options: CommandConsumerOptions) {
    this.faults = options.faults ?? new FaultCounts();
    this.routes = new Map(options.routes.map((r) => [r.type, r]));
    this.group = `${options.service}.commands`;
    this.consumer = new SupervisedConsumer({
      bus: options.bus,
      groupId: this.group,
      topics: [commandTopicFor(options.service)],
      handler: (batch) => this.handle(batch),
      logger: options.logger,
      backoff: options.backoff,
      ...(options.maxBatchSize ? { maxBatchSize: options.maxBatchSize } : {}),
    });
  }

  start(): Promise<void> {
    return this.consumer.start();
  }

  async stop(): Promise<void> {
    this.stop$.raise();
    await this.consumer.stop();
  }

  /** Commands from a service of this process: typed values, handled without the wire's encoding and checks. */
  async dispatch(commands: readonly OutgoingCommand[]): Promise<void> {
    const byStream = new Map<string, Accepted[]>();
    for (const { command, accountId, streamName } of commands) {
      const route = this.routes.get(command.type);
      if (!route) throw new Error(`${this.options.service} takes no command ${command.type}`);
      const accepted: Accepted = { kind: 'command', route, command, target: { accountId, streamName } };
      const list = byStream.get(streamName);
      if (list) list.push(accepted);
      else byStream.set(streamName, [accepted]);
    }
    await Promise.all([...byStream.values()].map((inOrder) => this.handleInOrder(inOrder)));
  }

  private async handle(batch: readonly IncomingMessage[]): Promise<void> {
    const byStream = new Map<string, Accepted[]>();
    const rejected: Rejection[] = [];
    for (const message of batch) {
      const decoded = decodeCommandMessage(message, this.routes);
      if (decoded.kind === 'rejected') {
        rejected.push({ message, reason: decoded.reason });
        continue;
      }
      const list = byStream.get(decoded.target.streamName);
      if (list) list.push(decoded);
      else byStream.set(decoded.target.streamName, [decoded]);
    }
    const { bus, logger, backoff } = this.options;
    await sendToDeadLetters(rejected, { bus, consumer: this.group, logger, faults: this.faults, backoff, stop: this.stop$ });
    await Promise.all([...byStream.values()].map((commands) => this.handleInOrder(commands)));
  }

  private async handleInOrder(commands: readonly Accepted[]): Promise<void> {
    for (const { route, command, target } of commands) {
      const outcome = await traced({
        name: `${this.options.service} ${command.type}`,
        kind: SpanKind.CONSUMER,
        parent: command.metadata.traceparent ?? '',
        attributes: { 'billing.command.id': command.metadata.commandId, 'billing.stream': target.streamName },
        work: (traceparent) => {
          const inSpan = traceparent ? { ...command, metadata: { ...command.metadata, traceparent } } : command;
          return this.retrying(() => route.handle(inSpan, target), 'command failed, retrying', { commandId: command.metadata.commandId, type: command.type });
        },
      });
      this.faults.handled(this.group);
      if (outcome.kind === 'refused') {
        this.options.logger.info('command refused', {
          commandId: command.metadata.commandId,
          type: command.type,
          stream: target.streamName,
          code: outcome.code,
          reason: outcome.message,
          correlationId: command.metadata.correlationId,
        });
      }
    }
  }

  private retrying<T>(work: () => Promise<T>, what: string, fields: Record<string, unknown> = {}): Promise<T> {
    return untilDone(work, {
      backoff: this.options.backoff,
      stop: this.stop$,
      onError: (error, attempt) => this.options.logger.error(what, { ...fields, attempt, error }),
    });
  }
}
