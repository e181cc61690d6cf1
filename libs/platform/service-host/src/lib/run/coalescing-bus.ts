import type { MessageBus, MessageSubscription, OutgoingMessage, SubscriptionOptions, TopicSpec } from '@billing/messaging';

interface Waiting {
  readonly messages: readonly OutgoingMessage[];
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Publishes made during one turn of the event loop go to the bus as one publish. Over
 * the in-process bus a publish is one durable SQLite commit that finishes at once, so a
 * relay never sees anything pile up and sends every event alone; waiting one turn lets
 * every relay, reply and dead letter of that turn share a commit. Each publish still
 * resolves only after the bus accepted it (or rejects with the bus's error).
 */
export class CoalescingMessageBus implements MessageBus {
  private waiting: Waiting[] = [];
  private scheduled = false;

  constructor(private readonly inner: MessageBus) {}

  ensureTopics(topics: readonly TopicSpec[]): Promise<void> {
    return this.inner.ensureTopics(topics);
  }

  describeTopics(topics: readonly string[]): Promise<ReadonlyMap<string, number>> {
    return this.inner.describeTopics(topics);
  }

  publish(messages: readonly OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ messages, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  subscribe(options: SubscriptionOptions): Promise<MessageSubscription> {
    return this.inner.subscribe(options);
  }

  async close(): Promise<void> {
    await this.flush();
    await this.inner.close();
  }

  private async flush(): Promise<void> {
    this.scheduled = false;
    const batch = this.waiting;
    this.waiting = [];
    if (batch.length === 0) return;
    try {
      await this.inner.publish(batch.flatMap((w) => w.messages));
      for (const w of batch) w.resolve();
    } catch (error) {
      for (const w of batch) w.reject(error);
    }
  }
}
