import { deadLetterOf, decodeEventMessage, EventHeader, type IncomingMessage, type MessageBus, type OutgoingMessage } from '@billing/messaging';
import type { Logger, Reactor, ReactorEvent } from '../service';
import { StopFlag } from './stop-flag';
import { SupervisedConsumer } from './supervised-consumer';
import { type Backoff, untilDone } from './until-done';

type BusReactor = Extract<Reactor, { source: { kind: 'bus' } }>;

/**
 * A reactor on other services' topics: consumer group `<service>.<reactor>`. Each
 * message is decoded and validated with the reactor's schemas; what fails goes to the
 * topic's dead-letter topic, types it does not follow are passed over, and the valid
 * events are handed over as one batch. Offsets move after `handle` resolved.
 */
export class BusReactorRunner {
  private readonly stop$ = new StopFlag();
  private readonly consumer: SupervisedConsumer;
  private readonly group: string;

  constructor(
    service: string,
    private readonly reactor: BusReactor,
    private readonly bus: MessageBus,
    private readonly logger: Logger,
    private readonly backoff: Backoff,
    maxBatchSize?: number,
  ) {
    this.group = `${service}.${reactor.name}`;
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
    const dead: OutgoingMessage[] = [];
    for (const message of batch) {
      const decoded = decodeEventMessage(message, this.reactor.source.schemas);
      if (decoded.kind === 'event') events.push(toReactorEvent(decoded.event.eventId, decoded.event.type, decoded.event.schemaVersion, decoded.event.data, message));
      else if (decoded.kind === 'rejected') {
        dead.push(deadLetterOf(message, decoded.reason, this.group));
        this.logger.warn('event dead-lettered', { reactor: this.reactor.name, reason: decoded.reason, topic: message.topic, offset: message.offset });
      }
    }
    const retry = { backoff: this.backoff, stop: this.stop$ };
    if (dead.length > 0) {
      await untilDone(() => this.bus.publish(dead), { ...retry, onError: (error, attempt) => this.logger.error('dead-letter publish failed', { attempt, error }) });
    }
    if (events.length === 0) return;
    await untilDone(() => this.reactor.handle(events), {
      ...retry,
      onError: (error, attempt) => this.logger.error('reactor failed, retrying', { reactor: this.reactor.name, attempt, error, firstEventId: events[0]?.eventId }),
    });
  }
}

const toReactorEvent = (eventId: string, type: string, schemaVersion: number, data: unknown, message: IncomingMessage): ReactorEvent => {
  const correlationId = message.headers[EventHeader.correlationId];
  const causationId = message.headers[EventHeader.causationId];
  return {
    eventId,
    type,
    schemaVersion,
    data,
    streamName: message.headers[EventHeader.streamName] ?? '',
    ...(correlationId ? { correlationId } : {}),
    ...(causationId ? { causationId } : {}),
  };
};
