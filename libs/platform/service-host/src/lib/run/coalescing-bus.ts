import {
  type CheckpointedPublisher,
  type MessageBus,
  type MessageSubscription,
  type OutgoingMessage,
  PublishBatcher,
  type PublisherCheckpoint,
  type SubscriptionOptions,
  type TopicSpec,
} from '@billing/messaging';

interface Publish {
  readonly messages: readonly OutgoingMessage[];
  readonly checkpoints: readonly PublisherCheckpoint[];
}

const together = (send: (messages: readonly OutgoingMessage[], checkpoints: readonly PublisherCheckpoint[]) => Promise<void>) =>
  new PublishBatcher<Publish>((publishes) =>
    send(
      publishes.flatMap((p) => p.messages),
      publishes.flatMap((p) => p.checkpoints),
    ),
  );

/**
 * Publishes made during one turn of the event loop go to the bus as one publish. Over
 * the in-process bus a publish is one SQLite commit that finishes at once, so a relay
 * never sees anything pile up and sends every event alone; waiting one turn lets every
 * relay, reply and dead letter of that turn share a commit. Publishes that carry their
 * publisher's checkpoint (relays over the in-process bus) share one commit of their own.
 * Each publish still resolves only after the bus accepted it (or rejects with its error).
 */
export class CoalescingMessageBus implements MessageBus {
  private readonly plain: PublishBatcher<Publish>;
  private readonly withCheckpoints: PublishBatcher<Publish> | null;
  readonly checkpointed?: CheckpointedPublisher;

  constructor(private readonly inner: MessageBus) {
    this.plain = together((messages) => inner.publish(messages));
    const own = inner.checkpointed;
    this.withCheckpoints = own ? together((messages, checkpoints) => own.publishWithCheckpoints(messages, checkpoints)) : null;
    if (own && this.withCheckpoints) {
      const queue = this.withCheckpoints;
      this.checkpointed = {
        loadCheckpoint: (name) => own.loadCheckpoint(name),
        publishWithCheckpoints: (messages, checkpoints) => queue.add({ messages, checkpoints }),
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
    return this.plain.add({ messages, checkpoints: [] });
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
