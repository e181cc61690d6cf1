import type { Consumer, EachBatchPayload } from 'kafkajs';
import type { BatchHandler, MessageSubscription, SubscriptionEnd } from '../port';
import { fromKafkaMessage } from './kafka-message';

/** Connects, subscribes and runs a fresh consumer with this batch callback; resolves once it joined. */
export type ConsumerStarter = (eachBatch: (payload: EachBatchPayload) => Promise<void>) => Promise<Consumer>;

/**
 * One consumer-group member. Batches are handed over in chunks; an offset is resolved
 * only after its chunk's handler resolved, and kafkajs commits resolved offsets after
 * each fetched batch. A handler failure pauses the partition, ends the subscription and
 * leaves the failing chunk uncommitted, so the next member of the group starts there.
 * A transport failure is not the handler's: when kafkajs gives up on its consumer (a
 * crash it will not restart, as can happen while a broker shuts down), a new consumer
 * takes its place, so a broker restart never ends a subscription.
 */
export class KafkaSubscription implements MessageSubscription {
  readonly closed: Promise<SubscriptionEnd>;
  /** Consumers replaced after kafkajs gave up on them. */
  replacements = 0;
  private end: (end: SubscriptionEnd) => void = () => undefined;
  private ended = false;
  private consumer: Consumer | null = null;
  private stopping: Promise<void> | null = null;

  constructor(
    private readonly startConsumer: ConsumerStarter,
    private readonly handler: BatchHandler,
    private readonly maxBatchSize: number,
    private readonly onEnd: (s: KafkaSubscription) => void,
  ) {
    this.closed = new Promise((resolve) => (this.end = resolve));
  }

  async begin(): Promise<void> {
    await this.replaceConsumer();
  }

  stop(): Promise<void> {
    this.finish({ reason: 'stopped' });
    return this.stopping ?? Promise.resolve();
  }

  private async replaceConsumer(): Promise<void> {
    const consumer = await this.startConsumer(this.eachBatch);
    this.consumer = consumer;
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (payload.restart || this.ended || this.consumer !== consumer) return;
      this.replacements++;
      void this.replaceUntilRunning(consumer);
    });
    if (this.ended) await consumer.disconnect().catch(() => undefined);
  }

  private async replaceUntilRunning(crashed: Consumer): Promise<void> {
    await crashed.disconnect().catch(() => undefined);
    for (let attempt = 1; !this.ended; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(5_000, 100 * 2 ** attempt)));
      if (this.ended) return;
      try {
        await this.replaceConsumer();
        return;
      } catch {
        // The broker is still away: try again after a longer pause.
      }
    }
  }

  private readonly eachBatch = async ({ batch, resolveOffset, heartbeat, isRunning, isStale, pause }: EachBatchPayload): Promise<void> => {
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
        this.finish({ reason: 'failed', error: error instanceof Error ? error : new Error(String(error)), topic, partition, offset: first.offset });
        return;
      }
      resolveOffset(last.offset);
      await heartbeat();
    }
  };

  private finish(end: SubscriptionEnd): void {
    if (this.ended) return;
    this.ended = true;
    // Disconnecting from inside eachBatch would wait for itself: leave the handler first.
    this.stopping = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.consumer?.disconnect())
      .catch(() => undefined)
      .finally(() => {
        this.onEnd(this);
        this.end(end);
      });
  }
}
