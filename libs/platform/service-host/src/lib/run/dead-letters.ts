import { deadLetterOf, EventHeader, type IncomingMessage, type MessageBus } from '@billing/messaging';
import type { Logger } from '../service';
import type { FaultCounts } from './fault-counts';
import type { StopFlag } from './stop-flag';
import { type Backoff, untilDone } from './until-done';

export interface Rejection {
  readonly message: IncomingMessage;
  readonly reason: string;
}

export interface DeadLetterContext {
  readonly bus: MessageBus;
  /** The consumer group that turned the messages away: named in each letter. */
  readonly consumer: string;
  readonly logger: Logger;
  readonly faults: FaultCounts;
  readonly backoff: Backoff;
  readonly stop: StopFlag;
}

/**
 * Sends each rejected message to its topic's dead-letter topic with the reason, retrying
 * until the broker took them (the batch stays uncommitted until then), then counts and
 * logs each one.
 */
export async function sendToDeadLetters(rejected: readonly Rejection[], context: DeadLetterContext): Promise<void> {
  if (rejected.length === 0) return;
  const { bus, consumer, logger, faults } = context;
  await untilDone(() => bus.publish(rejected.map((r) => deadLetterOf(r.message, r.reason, consumer))), {
    backoff: context.backoff,
    stop: context.stop,
    onError: (error, attempt) => logger.error('dead-letter publish failed', { consumer, attempt, error }),
  });
  for (const { message, reason } of rejected) {
    const deadLettered = faults.deadLettered(message.topic, consumer);
    const type = message.headers[EventHeader.eventType];
    logger.warn('message dead-lettered', { consumer, topic: message.topic, partition: message.partition, offset: message.offset, ...(type ? { type } : {}), reason, deadLettered });
  }
}
