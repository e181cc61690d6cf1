import type { Consumer, EachBatchPayload } from 'kafkajs';
import type { BatchHandler, MessageSubscription, SubscriptionEnd } from '../port';
import { fromKafkaMessage } from './kafka-message';

/**
 * One consumer-group member. Batches are handed over in chunks; an offset is resolved
 * only after its chunk's handler resolved, and kafkajs commits resolved offsets after
 * each fetched batch. A handler failure pauses the partition, ends the subscription and
 * leaves the failing chunk uncommitted, so the next member of the group starts there.
 */
export class KafkaSubscription implements MessageSubscription {
  readonly closed: Promise<SubscriptionEnd>;
  private end: (end: SubscriptionEnd) => void = () => undefined;
  private ended = false;
  private stopping: Promise<void> | null = null;

  constructor(
    private readonly consumer: Consumer,
    private readonly handler: BatchHandler,
    private readonly maxBatchSize: number,
    private readonly onEnd: (s: KafkaSubscription) => void,
  ) {
    this.closed = new Promise((resolve) => (this.end = resolve));
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      // kafkajs restarts after retriable crashes; only a final one ends the subscription.
      if (!payload.restart) this.finish({ reason: 'failed', error: payload.error, topic: '', partition: -1, offset: '' });
    });
  }

  readonly eachBatch = async ({ batch, resolveOffset, heartbeat, isRunning, isStale, pause }: EachBatchPayload): Promise<void> => {
    const { topic, partition, messages } = batch;
    for (let from = 0; from < messages.length; from += this.maxBatchSize) {
      if (!isRunning() || isStale() || this.ended) return;
      const chunk = messages.slice(from, from + this.maxBatchSize).map((m) => fromKafkaMessage(topic, partition, m));
      const first = chunk[0];
      const last = chunk[chunk.length - 1];
      if (!first || !last) return;
      try {
        await this.handler(chunk);
      } catch (error) {
        pause();
        this.finish({ reason: 'failed', error: asError(error), topic, partition, offset: first.offset });
        return;
      }
      resolveOffset(last.offset);
      await heartbeat();
    }
  };

  stop(): Promise<void> {
    this.finish({ reason: 'stopped' });
    return this.stopping ?? Promise.resolve();
  }

  private finish(end: SubscriptionEnd): void {
    if (this.ended) return;
    this.ended = true;
    // Disconnecting from inside eachBatch would wait for itself: leave the handler first.
    this.stopping = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.consumer.disconnect())
      .catch(() => undefined)
      .finally(() => {
        this.onEnd(this);
        this.end(end);
      });
  }
}

const asError = (error: unknown): Error => (error instanceof Error ? error : new Error(String(error)));
