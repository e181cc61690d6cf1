import { type Admin, type Consumer, type EachBatchPayload, Kafka, Partitioners, type Producer } from 'kafkajs';
import {
  type ConsumerLag,
  type MessageBus,
  MessageBusClosedError,
  type MessageSubscription,
  type OutgoingMessage,
  type SubscriptionOptions,
  type TopicSpec,
} from '../port';
import { PublishBatcher } from '../publish-batcher';
import { KafkaSubscription } from './kafka-subscription';
import { ensureKafkaTopics } from './kafka-topics';
import { KAFKA_DEFAULTS, KAFKA_RETRY, type KafkaLogLevel, toKafkaLogLevel } from './kafka-tuning';
import { mendKafkaRequestQueueTimer } from './request-queue-timer';

export interface KafkaMessageBusOptions {
  readonly brokers: readonly string[];
  readonly clientId: string;
  readonly logLevel?: KafkaLogLevel;
  /** How long a fetch waits for data (kafkajs default 5 s; here 50 ms). */
  readonly maxWaitTimeInMs?: number;
  readonly partitionsConsumedConcurrently?: number;
  readonly maxBatchSize?: number;
  /**
   * How long the group coordinator waits for a silent member before it hands that member's
   * partitions to the others (default 10 s; the broker's floor, group.min.session.timeout.ms,
   * is 6 s). With several instances of a service this bounds how soon a killed instance's
   * partitions are taken over.
   */
  readonly sessionTimeoutMillis?: number;
  /** How long ensureTopics may take, creating and waiting for leaders (default 30 s). */
  readonly ensureTopicsTimeoutMs?: number;
}

/**
 * The Kafka adapter, on kafkajs directly (the library under the NestJS Kafka transport),
 * so the traps are handled in one place: the producer is idempotent with acks from all
 * in-sync replicas and one request in flight; publishing awaits the connection instead
 * of emitting into a client that is not connected yet.
 */
export class KafkaMessageBus implements MessageBus {
  private readonly kafka: Kafka;
  private readonly producer: Producer;
  private readonly admin: Admin;
  private producerConnected: Promise<void> | null = null;
  private adminConnected: Promise<void> | null = null;
  private readonly subscriptions = new Set<KafkaSubscription>();
  /** The topics of each consumer group this bus runs, for `consumerLag`. */
  private readonly groups = new Map<string, readonly string[]>();
  /** Publishes made while a send is in flight go out together in the next one. */
  private readonly sends = new PublishBatcher<readonly OutgoingMessage[]>((batches) => this.send(batches.flat()), {
    maxWeight: KAFKA_DEFAULTS.maxRequestBytes,
    weigh: (messages) => messages.reduce((sum, m) => sum + sizeOf(m), 0),
  });
  private closed = false;

  constructor(private readonly options: KafkaMessageBusOptions) {
    mendKafkaRequestQueueTimer();
    this.kafka = new Kafka({
      clientId: options.clientId,
      brokers: [...options.brokers],
      logLevel: toKafkaLogLevel(options.logLevel ?? 'error'),
      retry: KAFKA_RETRY,
    });
    this.producer = this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      // Kafka's own murmur2 partitioner, chosen explicitly (which also silences kafkajs' v2 warning).
      createPartitioner: Partitioners.DefaultPartitioner,
      retry: KAFKA_RETRY,
    });
    this.admin = this.kafka.admin({ retry: KAFKA_RETRY });
  }

  /** Holds on a broker that has just started and against processes creating the same topics (kafka-topics.ts). */
  async ensureTopics(topics: readonly TopicSpec[]): Promise<void> {
    await this.connectAdmin();
    await ensureKafkaTopics(this.admin, topics, this.options.ensureTopicsTimeoutMs ?? KAFKA_DEFAULTS.ensureTopicsTimeoutMs);
  }

  async describeTopics(topics: readonly string[]): Promise<ReadonlyMap<string, number>> {
    await this.connectAdmin();
    const existing = new Set(await this.admin.listTopics());
    const asked = topics.filter((t) => existing.has(t));
    if (asked.length === 0) return new Map();
    const metadata = await this.admin.fetchTopicMetadata({ topics: asked });
    return new Map(metadata.topics.map((t) => [t.name, t.partitions.length]));
  }

  /**
   * Resolves once every message is acknowledged by all in-sync replicas. The producer has
   * one request in flight, so publishes made meanwhile wait and go out as one request.
   */
  async publish(messages: readonly OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    if (this.closed) throw new MessageBusClosedError();
    await this.sends.add(messages);
  }

  private async send(messages: readonly OutgoingMessage[]): Promise<void> {
    // Publishes accepted before close still go out on the connection they found.
    await (this.producerConnected ?? this.connectProducer());
    const byTopic = new Map<string, { key: string; value: Buffer; headers: Record<string, string> }[]>();
    for (const m of messages) {
      const list = byTopic.get(m.topic) ?? [];
      list.push({ key: m.key, value: m.value, headers: { ...m.headers } });
      byTopic.set(m.topic, list);
    }
    await this.producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, list]) => ({ topic, messages: list })),
    });
  }

  async subscribe(options: SubscriptionOptions): Promise<MessageSubscription> {
    if (this.closed) throw new MessageBusClosedError();
    const subscription = new KafkaSubscription(
      (eachBatch) => this.startConsumer(options, eachBatch),
      options.handler,
      options.maxBatchSize ?? this.options.maxBatchSize ?? KAFKA_DEFAULTS.maxBatchSize,
      (s) => {
        this.subscriptions.delete(s);
        this.groups.delete(options.groupId);
      },
    );
    this.subscriptions.add(subscription);
    this.groups.set(options.groupId, options.topics);
    try {
      await subscription.begin();
    } catch (error) {
      await subscription.stop();
      throw error;
    }
    return subscription;
  }

  private async startConsumer(options: SubscriptionOptions, eachBatch: (payload: EachBatchPayload) => Promise<void>): Promise<Consumer> {
    const consumer = this.kafka.consumer({
      groupId: options.groupId,
      maxWaitTimeInMs: this.options.maxWaitTimeInMs ?? KAFKA_DEFAULTS.maxWaitTimeInMs,
      sessionTimeout: this.options.sessionTimeoutMillis ?? KAFKA_DEFAULTS.sessionTimeout,
      heartbeatInterval: KAFKA_DEFAULTS.heartbeatInterval,
      allowAutoTopicCreation: false,
      retry: KAFKA_RETRY,
    });
    const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    try {
      await consumer.connect();
      await consumer.subscribe({ topics: [...options.topics], fromBeginning: options.fromBeginning ?? true });
      await consumer.run({
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? KAFKA_DEFAULTS.partitionsConsumedConcurrently,
        eachBatch,
      });
      await withTimeout(joined, KAFKA_DEFAULTS.joinTimeoutMs, `group ${options.groupId} did not join`);
      return consumer;
    } catch (error) {
      await consumer.disconnect().catch(() => undefined);
      throw error;
    }
  }

  /** Each group's committed offsets against the partitions' high watermarks (a partition it never committed counts from its low watermark). */
  async consumerLag(): Promise<readonly ConsumerLag[]> {
    if (this.closed || this.groups.size === 0) return [];
    await this.connectAdmin();
    const topics = [...new Set([...this.groups.values()].flat())];
    const heads = new Map(await Promise.all(topics.map(async (topic) => [topic, await this.admin.fetchTopicOffsets(topic)] as const)));
    const lags: ConsumerLag[] = [];
    for (const [group, groupTopics] of this.groups) {
      for (const { topic, partitions } of await this.admin.fetchOffsets({ groupId: group, topics: [...groupTopics] })) {
        let messages = 0;
        for (const { partition, offset } of partitions) {
          const head = heads.get(topic)?.find((h) => h.partition === partition);
          if (head) messages += Math.max(0, Number(head.high) - (Number(offset) < 0 ? Number(head.low) : Number(offset)));
        }
        lags.push({ group, topic, messages });
      }
    }
    return lags;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    await this.sends.flush().catch(() => undefined);
    if (this.producerConnected) await this.producer.disconnect().catch(() => undefined);
    if (this.adminConnected) await this.admin.disconnect().catch(() => undefined);
  }

  /** Memoised, so every early publish waits on the same connection; reset after a failure. */
  private connectProducer(): Promise<void> {
    if (this.closed) return Promise.reject(new MessageBusClosedError());
    this.producerConnected ??= this.producer.connect().catch((error: unknown) => {
      this.producerConnected = null;
      throw error;
    });
    return this.producerConnected;
  }

  private connectAdmin(): Promise<void> {
    if (this.closed) return Promise.reject(new MessageBusClosedError());
    this.adminConnected ??= this.admin.connect().catch((error: unknown) => {
      this.adminConnected = null;
      throw error;
    });
    return this.adminConnected;
  }
}

/** A message's bytes on the wire, near enough: key, value and headers. */
const sizeOf = (m: OutgoingMessage): number =>
  m.value.length + Buffer.byteLength(m.key ?? '') + Object.entries(m.headers ?? {}).reduce((sum, [k, v]) => sum + k.length + v.length, 0);

const withTimeout = <T>(promise: Promise<T>, millis: number, message: string): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${message} within ${millis} ms`)), millis);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
};
