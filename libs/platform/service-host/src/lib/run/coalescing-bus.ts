import type {
  CheckpointedPublisher,
  MessageBus,
  MessageSubscription,
  OutgoingMessage,
  PublisherCheckpoint,
  SubscriptionOptions,
  TopicSpec,
} from '@billing/messaging';

interface Waiting {
  readonly messages: readonly OutgoingMessage[];
  readonly checkpoints: readonly PublisherCheckpoint[];
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/** Publishes of one turn, sent to the bus together. */
class TurnQueue {
  private waiting: Waiting[] = [];
  private scheduled = false;

  constructor(private readonly send: (messages: readonly OutgoingMessage[], checkpoints: readonly PublisherCheckpoint[]) => Promise<void>) {}

  add(messages: readonly OutgoingMessage[], checkpoints: readonly PublisherCheckpoint[]): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ messages, checkpoints, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  async flush(): Promise<void> {
    this.scheduled = false;
    const batch = this.waiting;
    this.waiting = [];
    if (batch.length === 0) return;
    try {
      await this.send(
        batch.flatMap((w) => w.messages),
        batch.flatMap((w) => w.checkpoints),
      );
      for (const w of batch) w.resolve();
    } catch (error) {
      for (const w of batch) w.reject(error);
    }
  }
}

/**
 * Publishes made during one turn of the event loop go to the bus as one publish. Over
 * the in-process bus a publish is one SQLite commit that finishes at once, so a relay
 * never sees anything pile up and sends every event alone; waiting one turn lets every
 * relay, reply and dead letter of that turn share a commit. Publishes that carry their
 * publisher's checkpoint (relays over the in-process bus) share one commit of their own.
 * Each publish still resolves only after the bus accepted it (or rejects with its error).
 */
export class CoalescingMessageBus implements MessageBus {
  private readonly plain: TurnQueue;
  private readonly withCheckpoints: TurnQueue | null;
  readonly checkpointed?: CheckpointedPublisher;

  constructor(private readonly inner: MessageBus) {
    this.plain = new TurnQueue((messages) => inner.publish(messages));
    const own = inner.checkpointed;
    this.withCheckpoints = own ? new TurnQueue((messages, checkpoints) => own.publishWithCheckpoints(messages, checkpoints)) : null;
    if (own && this.withCheckpoints) {
      const queue = this.withCheckpoints;
      this.checkpointed = {
        loadCheckpoint: (name) => own.loadCheckpoint(name),
        publishWithCheckpoints: (messages, checkpoints) => queue.add(messages, checkpoints),
      };
    }
  }

  ensureTopics(topics: readonly TopicSpec[]): Promise<void> {
    return this.inner.ensureTopics(topics);
  }

  describeTopics(topics: readonly string[]): Promise<ReadonlyMap<string, number>> {
    return this.inner.describeTopics(topics);
  }

  publish(messages: readonly OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return Promise.resolve();
    return this.plain.add(messages, []);
  }

  subscribe(options: SubscriptionOptions): Promise<MessageSubscription> {
    return this.inner.subscribe(options);
  }

  async close(): Promise<void> {
    await this.plain.flush();
    await this.withCheckpoints?.flush();
    await this.inner.close();
  }
}
