import { decodeEventMessage, EventHeader, type IncomingMessage, type MessageBus } from '@billing/messaging';
import type { Logger, Reactor, ReactorEvent } from '../service';
import type { ReactorSource } from '../nest/handler-roles';
import { type Rejection, sendToDeadLetters } from './dead-letters';
import { FaultCounts } from './fault-counts';
import { StopFlag } from './stop-flag';
import { tracedBatch, withTraceparent } from '../tracing';
import { SupervisedConsumer } from './supervised-consumer';
import { type Backoff, untilDone } from './until-done';

type BusReactor = Reactor & { readonly source: Extract<ReactorSource, { kind: 'bus' }> };

/**
 * A reactor on other services' topics: consumer group `<service>.<reactor>`. Each
 * message is decoded and validated with the schemas of every type the topics carry; what
 * fails, or is of a type the topics do not carry, goes to the topic's dead-letter topic
 * with the reason. Valid events of a type the reactor does not handle are skipped (a debug
 * line), and the rest are handed over as one batch. Offsets move after `handle` resolved.
 */
export class BusReactorRunner {
  private readonly stop$ = new StopFlag();
  private readonly consumer: SupervisedConsumer;
  private readonly group: string;
  private readonly handles: ReadonlySet<string> | null;

  constructor(
    service: string,
    private readonly reactor: BusReactor,
    private readonly bus: MessageBus,
    private readonly logger: Logger,
    private readonly backoff: Backoff,
    maxBatchSize?: number,
    private readonly faults = new FaultCounts(),
  ) {
    this.group = `${service}.${reactor.name}`;
    this.handles = reactor.source.handles ? new Set(reactor.source.handles) : null;
    this.consumer = new SupervisedConsumer({
      bus,
      groupId: this.group,
      topics: reactor.source.topics,
      handler: (batch) => this.handle(batch),
      logger,
      backoff,
      ...(maxBatchSize ? { maxBatchSize } : {}),
    });
  }

  start(): Promise<void> {
    return this.consumer.start();
  }

  async stop(): Promise<void> {
    this.stop$.raise();
    await this.consumer.stop();
  }

  private async handle(batch: readonly IncomingMessage[]): Promise<void> {
    const events: ReactorEvent[] = [];
    const rejected: Rejection[] = [];
    for (const message of batch) {
      const decoded = decodeEventMessage(message, this.reactor.source.schemas);
      if (decoded.kind === 'rejected') rejected.push({ message, reason: decoded.reason });
      else if (decoded.kind === 'ignored') rejected.push({ message, reason: `${message.headers[EventHeader.eventType] ?? ''} is not an event type of ${message.topic}` });
      else if (this.handles && !this.handles.has(decoded.event.type)) {
        this.logger.debug?.('event skipped: not handled by this reactor', { reactor: this.reactor.name, type: decoded.event.type, topic: message.topic, offset: message.offset });
      } else events.push(toReactorEvent(decoded.event.eventId, decoded.event.type, decoded.event.schemaVersion, decoded.event.data, message));
    }
    const retry = { backoff: this.backoff, stop: this.stop$ };
    await sendToDeadLetters(rejected, { bus: this.bus, consumer: this.group, logger: this.logger, faults: this.faults, ...retry });
    if (events.length === 0) return;
    const describe = (event: ReactorEvent) => ({ name: `${this.reactor.name} ${event.type}`, attributes: { 'billing.event.id': event.eventId } });
    await tracedBatch(events, (event) => event.traceparent, describe, (traceparents) => {
      const inSpans = events.map((event, i) => withTraceparent(event, traceparents[i]));
      return untilDone(() => this.reactor.handle(inSpans), {
        ...retry,
        onError: (error, attempt) => this.logger.error('reactor failed, retrying', { reactor: this.reactor.name, attempt, error, firstEventId: events[0]?.eventId }),
      });
    });
    this.faults.handled(this.group, events.length);
  }
}

const toReactorEvent = (eventId: string, type: string, schemaVersion: number, data: unknown, message: IncomingMessage): ReactorEvent => {
  const correlationId = message.headers[EventHeader.correlationId];
  const causationId = message.headers[EventHeader.causationId];
  const traceparent = message.headers[EventHeader.traceparent];
  return {
    eventId,
    type,
    schemaVersion,
    data,
    streamName: message.headers[EventHeader.streamName] ?? '',
    ...(correlationId ? { correlationId } : {}),
    ...(causationId ? { causationId } : {}),
    ...(traceparent ? { traceparent } : {}),
  };
};
