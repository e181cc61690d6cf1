import type { BatchHandler, MessageBus, MessageSubscription } from '@billing/messaging';
import type { Logger } from '../service';
import type { Backoff } from './until-done';
import { StopFlag } from './stop-flag';

export interface SupervisedConsumerOptions {
  readonly bus: MessageBus;
  readonly groupId: string;
  readonly topics: readonly string[];
  readonly handler: BatchHandler;
  readonly logger: Logger;
  readonly backoff: Backoff;
  readonly maxBatchSize?: number;
  /** Where a group without a committed offset starts (default: the beginning). */
  readonly fromBeginning?: boolean;
}

/**
 * A consumer-group member that comes back: when its subscription ends in failure (a
 * handler gave up, the broker went away), it subscribes again after a pause and the
 * group resumes at the uncommitted batch. It ends only when stopped.
 */
export class SupervisedConsumer {
  private readonly stop$ = new StopFlag();
  private current: MessageSubscription | null = null;
  private loop: Promise<void> = Promise.resolve();

  constructor(private readonly options: SupervisedConsumerOptions) {}

  /** Resolves once the first subscription is consuming. */
  async start(): Promise<void> {
    this.current = await this.subscribe();
    this.loop = this.supervise(this.current);
  }

  async stop(): Promise<void> {
    this.stop$.raise();
    await this.current?.stop();
    await this.loop;
  }

  private subscribe(): Promise<MessageSubscription> {
    const { bus, groupId, topics, handler, maxBatchSize } = this.options;
    return bus.subscribe({ groupId, topics, handler, fromBeginning: this.options.fromBeginning ?? true, ...(maxBatchSize ? { maxBatchSize } : {}) });
  }

  private async supervise(first: MessageSubscription): Promise<void> {
    let subscription = first;
    for (let attempt = 1; ; attempt++) {
      const end = await subscription.closed;
      if (this.stop$.isRaised) return;
      if (end.reason === 'failed') {
        this.options.logger.error('consumer failed, subscribing again', { group: this.options.groupId, error: end.error, topic: end.topic, partition: end.partition, offset: end.offset });
      }
      for (;;) {
        await this.stop$.pause(Math.min(this.options.backoff.maxDelayMs, this.options.backoff.initialDelayMs * 2 ** Math.min(attempt, 10)));
        if (this.stop$.isRaised) return;
        try {
          subscription = await this.subscribe();
          this.current = subscription;
          break;
        } catch (error) {
          this.options.logger.error('subscribe failed', { group: this.options.groupId, error });
        }
      }
      if (this.stop$.isRaised) {
        await subscription.stop();
        return;
      }
    }
  }
}
