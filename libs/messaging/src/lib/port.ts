import type { EventStore } from '@billing/event-store';
import type { RelayRoute } from './relay/relay-route';
/**
 * The messaging port: what services need from a broker. Two adapters pass the same
 * contract suite (`testing/message-bus.contract.ts`): Kafka (kafkajs) between processes,
 * and in memory for the services' tests. The embedded platform reads its topics straight
 * from the services' stores (`StoreBus`).
 *
 * Guarantees every adapter gives:
 * - `publish` resolves only once the broker has durably accepted every message.
 * - Messages with the same key land in the same partition and reach a group in order.
 * - A group's offset moves past a message only after its handler resolved
 *   (at-least-once; consumers make it exactly-once in effect with an inbox).
 * - A handler that rejects ends the subscription (`closed` says why) without committing
 *   that batch, so the group resumes at it on the next subscribe: nothing is skipped.
 */

export type MessageHeaders = Readonly<Record<string, string>>;

export interface OutgoingMessage {
  readonly topic: string;
  /** Partition key: the account id, so one account's messages stay in order. */
  readonly key: string;
  readonly value: Buffer;
  readonly headers?: MessageHeaders;
}

export interface IncomingMessage {
  readonly topic: string;
  readonly partition: number;
  /** Decimal string, as Kafka reports it. */
  readonly offset: string;
  readonly key: string | null;
  readonly value: Buffer;
  readonly headers: MessageHeaders;
  /**
   * The payload as its producer wrote it, when the message comes from an event store of
   * this process (the embedded platform): a typed value, not parsed or validated again.
   */
  readonly payload?: unknown;
}

export interface TopicSpec {
  readonly topic: string;
  readonly partitions: number;
}

/** Messages of one partition, in offset order. */
export type BatchHandler = (batch: readonly IncomingMessage[]) => Promise<void>;

export interface SubscriptionOptions {
  readonly groupId: string;
  readonly topics: readonly string[];
  readonly handler: BatchHandler;
  /** Where a group with no committed offset starts (default: the beginning). */
  readonly fromBeginning?: boolean;
  /** Most messages per handler call. */
  readonly maxBatchSize?: number;
}

export type SubscriptionEnd =
  | { readonly reason: 'stopped' }
  | { readonly reason: 'failed'; readonly error: Error; readonly topic: string; readonly partition: number; readonly offset: string };

export interface MessageSubscription {
  stop(): Promise<void>;
  /** Resolves when the subscription ends, never rejects. */
  readonly closed: Promise<SubscriptionEnd>;
}

/** A bus whose topics are the publishing services' event stores: the store is the log. */
export interface StoreLog {
  /** Makes the store the log of the topics its routes name. */
  addStore(store: EventStore, routes: readonly RelayRoute[]): void;
}

/** How far one consumer group is behind the head of one topic, in messages. */
export interface ConsumerLag {
  readonly group: string;
  readonly topic: string;
  readonly messages: number;
}

export interface MessageBus {
  /** Creates missing topics with their partitions (start-up); existing topics are left as they are. */
  ensureTopics(topics: readonly TopicSpec[]): Promise<void>;
  /** Partition count of each existing topic asked about (missing topics are left out). */
  describeTopics(topics: readonly string[]): Promise<ReadonlyMap<string, number>>;
  /** Resolves after the broker acknowledged all messages (Kafka: every in-sync replica). */
  publish(messages: readonly OutgoingMessage[]): Promise<void>;
  /** Present when topics are read straight from the publishing services' stores (the embedded platform): a service registers its store instead of running a relay. */
  readonly storeLog?: StoreLog;
  /** Resolves once the group member is consuming its partitions. */
  subscribe(options: SubscriptionOptions): Promise<MessageSubscription>;
  /** How far this process's consumer groups are behind, by topic (read when metrics are scraped). */
  consumerLag?(): Promise<readonly ConsumerLag[]>;
  close(): Promise<void>;
}

export class MessageBusClosedError extends Error {
  constructor() {
    super('The message bus is closed');
    this.name = 'MessageBusClosedError';
  }
}
