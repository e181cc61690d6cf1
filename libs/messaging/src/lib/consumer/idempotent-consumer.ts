import type Database from 'better-sqlite3';
import { EventHeader } from '../headers';
import type { IncomingMessage, MessageBus, MessageSubscription, OutgoingMessage } from '../port';
import { deadLetterOf } from './dead-letter';
import { decodeEventMessage, type EventMessage, type PayloadSchemas } from './event-message';
import type { InboxOutcome, SqliteInbox } from './inbox';
import { DEFAULT_RETRY, type RetryPolicy, withRetry } from './retry';

export interface IdempotentConsumerOptions<M extends Record<string, object>> {
  /** Consumer group and inbox name: one per service and purpose. */
  readonly name: string;
  readonly bus: MessageBus;
  readonly topics: readonly string[];
  /** Every event type the topics carry: a message of another type is dead-lettered. */
  readonly schemas: PayloadSchemas<M>;
  readonly inbox: SqliteInbox;
  /** The effect, inside the inbox's transaction: write through `db` only, synchronously. */
  readonly apply: (event: EventMessage<M>, db: Database.Database) => void;
  readonly retry?: RetryPolicy;
  readonly maxBatchSize?: number;
  /** Observers (metrics, tests): called after a batch's transaction committed. */
  readonly onHandled?: (events: readonly EventMessage<M>[], outcome: InboxOutcome) => void;
  readonly onDeadLettered?: (message: IncomingMessage, reason: string) => void;
}

/**
 * The one consumer code path, over any MessageBus adapter:
 * 1. parse and validate each message; what fails, or is of a type the topics do not
 *    carry, goes to `<topic>.dlq` with the reason
 *    (acknowledged by the broker first), and the consumer carries on;
 * 2. apply the valid ones with the inbox, effect and event id in one transaction, so a
 *    duplicate or a redelivery has no effect;
 * 3. return, and only then does the adapter commit the offsets.
 * Failures of steps 1-2 are retried with exponential backoff. After the bound the batch
 * fails: the subscription ends uncommitted (`closed` reports it) and the next start
 * redelivers it. Nothing is ever skipped silently.
 */
export class IdempotentConsumer<M extends Record<string, object>> {
  private readonly retry: RetryPolicy;

  constructor(private readonly options: IdempotentConsumerOptions<M>) {
    this.retry = options.retry ?? DEFAULT_RETRY;
  }

  start(): Promise<MessageSubscription> {
    const { bus, name, topics, maxBatchSize } = this.options;
    return bus.subscribe({ groupId: name, topics, handler: (batch) => this.handle(batch), fromBeginning: true, ...(maxBatchSize ? { maxBatchSize } : {}) });
  }

  /** Exposed so a transport that calls handlers itself (a NestJS strategy) runs the same steps. */
  async handle(batch: readonly IncomingMessage[]): Promise<void> {
    const { name, schemas, inbox, apply, bus } = this.options;
    const events: EventMessage<M>[] = [];
    const dead: { message: IncomingMessage; reason: string; letter: OutgoingMessage }[] = [];
    for (const message of batch) {
      const decoded = decodeEventMessage(message, schemas);
      if (decoded.kind === 'event') events.push(decoded.event);
      else {
        // `schemas` names every type the topics carry: another type is not recognised.
        const reason = decoded.kind === 'rejected' ? decoded.reason : `${message.headers[EventHeader.eventType] ?? ''} is not an event type of ${message.topic}`;
        dead.push({ message, reason, letter: deadLetterOf(message, reason, name) });
      }
    }
    if (dead.length > 0) {
      await withRetry(this.retry, () => bus.publish(dead.map((d) => d.letter)));
      for (const d of dead) this.options.onDeadLettered?.(d.message, d.reason);
    }
    if (events.length === 0) return;
    const outcome = await withRetry(this.retry, () => inbox.handleBatch(name, events, apply));
    this.options.onHandled?.(events, outcome);
  }
}
