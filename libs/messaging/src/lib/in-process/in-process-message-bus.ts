import {
  type MessageBus,
  MessageBusClosedError,
  type MessageSubscription,
  type OutgoingMessage,
  type SubscriptionOptions,
  type TopicSpec,
} from '../port';
import { Signal } from '@billing/util';
import { PartitionLog, UnknownTopicError } from './partition-log';
import { type AssignedPartition, InProcessSubscription } from './in-process-subscription';

export interface InProcessMessageBusOptions {
  readonly maxBatchSize?: number;
}

/**
 * A bus in memory with Kafka's contract: partitioned logs keyed like Kafka, consumer
 * groups with committed offsets, at-least-once delivery. It lives as long as the process:
 * the services' tests use it where Kafka would be, and it passes the same contract suite.
 * One member per group.
 */
export class InProcessMessageBus implements MessageBus {
  private readonly log = new PartitionLog();
  private readonly wakes = new Map<string, Signal>();
  private readonly members = new Map<string, InProcessSubscription>();
  private closed = false;

  constructor(private readonly options: InProcessMessageBusOptions = {}) {}

  async ensureTopics(topics: readonly TopicSpec[]): Promise<void> {
    this.assertOpen();
    for (const t of topics) this.log.createTopic(t.topic, t.partitions);
  }

  async describeTopics(topics: readonly string[]): Promise<ReadonlyMap<string, number>> {
    this.assertOpen();
    const found = new Map<string, number>();
    for (const topic of topics) {
      const partitions = this.log.partitionsOf(topic);
      if (partitions !== undefined) found.set(topic, partitions);
    }
    return found;
  }

  async publish(messages: readonly OutgoingMessage[]): Promise<void> {
    this.assertOpen();
    if (messages.length === 0) return;
    for (const id of this.log.append(messages)) this.wakeOf(id).notify();
  }

  async subscribe(options: SubscriptionOptions): Promise<MessageSubscription> {
    this.assertOpen();
    if (this.members.has(options.groupId)) throw new Error(`Group ${options.groupId} already has a member in this process`);
    const partitions: AssignedPartition[] = options.topics.flatMap((topic) => {
      const count = this.log.partitionsOf(topic);
      if (count === undefined) throw new UnknownTopicError(topic);
      return Array.from({ length: count }, (_, partition) => ({ topic, partition }));
    });
    const subscription = new InProcessSubscription(
      this.log,
      options.groupId,
      options.handler,
      options.maxBatchSize ?? this.options.maxBatchSize ?? 500,
      (id) => this.wakeOf(id),
      () => this.members.delete(options.groupId),
    );
    this.members.set(options.groupId, subscription);
    subscription.start(partitions, options.fromBeginning ?? true);
    return subscription;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.members.values()].map((s) => s.stop()));
  }

  private wakeOf(id: string): Signal {
    let signal = this.wakes.get(id);
    if (!signal) {
      signal = new Signal();
      this.wakes.set(id, signal);
    }
    return signal;
  }

  private assertOpen(): void {
    if (this.closed) throw new MessageBusClosedError();
  }
}
