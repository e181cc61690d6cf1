import { randomUUID } from 'node:crypto';
import { type Admin, Kafka, logLevel, Partitioners } from 'kafkajs';
import type { OutgoingMessage, TopicSpec } from '../port';
import { testBrokers } from '../../testing/kafka-test-env';
import { KafkaMessageBus } from './kafka-message-bus';
import { KAFKA_RETRY } from './kafka-tuning';

/*
 * tulios/kafkajs#815. A broker answers CreateTopics once its controller has committed the
 * topic, then applies it to its own metadata; while it is still creating the logs of
 * topics created a moment before (a platform's services starting together, a broker that
 * has just started) that takes up to seconds, and kafkajs' wait for leaders meets "This
 * server does not host this topic-partition". A topic of 200 partitions created just
 * before, without waiting, opens that window every time: against the local broker, the
 * createTopics that ensureTopics used to make failed in each of 8 rounds after one (in 0 of
 * 4 after 60 partitions), and this spec failed on it in every run. Each client is its own
 * Kafka client, as separate processes are.
 */

const CLIENTS = 5;
const PARTITIONS = 6;
const BUSY_PARTITIONS = 200;

/** One key per partition, found with the producer's own partitioner (Kafka's murmur2). */
const keysForEveryPartition = (partitions: number): string[] => {
  const partitioner = Partitioners.DefaultPartitioner();
  const partitionMetadata = Array.from({ length: partitions }, (_, partitionId) => ({ partitionId, leader: 0, partitionErrorCode: 0, replicas: [0], isr: [0] }));
  const keys = new Map<number, string>();
  for (let i = 0; keys.size < partitions; i++) {
    const key = `account-${i}`;
    const partition = partitioner({ topic: 'any', partitionMetadata, message: { key, value: null } });
    if (!keys.has(partition)) keys.set(partition, key);
  }
  return [...keys.values()];
};

const freshName = (label: string): string => `test.ensure-${label}.${randomUUID().slice(0, 8)}`;

const freshTopics = (label: string, count: number): TopicSpec[] => Array.from({ length: count }, (_, i) => ({ topic: `${freshName(label)}.${i}`, partitions: PARTITIONS }));

/** Every partition of every topic, once; the client's name in the value. */
const onePerPartition = (topics: readonly TopicSpec[], client: number): OutgoingMessage[] =>
  topics.flatMap((t) => keysForEveryPartition(t.partitions).map((key) => ({ topic: t.topic, key, value: Buffer.from(`client-${client}`) })));

/** The topics in another order for each client, so their requests do not line up. */
const rotated = <T>(list: readonly T[], by: number): T[] => list.map((_, i) => list[(i + by) % list.length] as T);

describe('KafkaMessageBus.ensureTopics on a real broker', () => {
  let buses: KafkaMessageBus[] = [];
  /** A client of its own: makes the broker busy, then checks what the buses did. */
  let admin: Admin;
  const busyTopics: string[] = [];

  beforeAll(async () => {
    admin = new Kafka({ clientId: 'ensure-topics-check', brokers: testBrokers(), logLevel: logLevel.NOTHING, retry: KAFKA_RETRY }).admin();
    await admin.connect();
  });

  afterAll(async () => {
    // The broker is shared by the specs that follow: leave it without the big topics.
    if (busyTopics.length > 0) await admin.deleteTopics({ topics: busyTopics.splice(0) });
    await admin.disconnect();
  }, 60_000);

  beforeEach(() => {
    buses = Array.from({ length: CLIENTS }, (_, i) => new KafkaMessageBus({ brokers: testBrokers(), clientId: `ensure-race-${i}`, logLevel: 'nothing' }));
  });

  afterEach(async () => {
    await Promise.all(buses.map((bus) => bus.close()));
  });

  /** Returns once the controller took it, while the broker is still creating its 200 logs. */
  const makeTheBrokerBusy = async (): Promise<void> => {
    const topic = freshName('busy');
    busyTopics.push(topic);
    await admin.createTopics({ waitForLeaders: false, topics: [{ topic, numPartitions: BUSY_PARTITIONS }] });
  };

  /** Each client ensures the topics, then at once publishes to every partition; every client's outcome reported. */
  const raceToEnsureThenPublish = async (topics: readonly TopicSpec[]): Promise<void> => {
    const outcomes = await Promise.allSettled(
      buses.map(async (bus, client) => {
        await bus.ensureTopics(rotated(topics, client));
        await bus.publish(onePerPartition(topics, client));
      }),
    );
    const failures = outcomes.flatMap((o, client) => (o.status === 'rejected' ? [`client ${client}: ${String(o.reason)}`] : []));
    expect(failures).toEqual([]);
  };

  /** The broker's own account: a leader for each partition, one message per client in every one. */
  const expectEveryPartitionLedAndWritten = async (topics: readonly TopicSpec[]): Promise<void> => {
    const metadata = await admin.fetchTopicMetadata({ topics: topics.map((t) => t.topic) });
    for (const t of metadata.topics) {
      expect(t.partitions.map((p) => p.partitionId).sort((a, b) => a - b)).toEqual([...Array(PARTITIONS).keys()]);
      expect(t.partitions.filter((p) => p.leader < 0)).toEqual([]);
    }
    for (const t of topics) {
      const offsets = await admin.fetchTopicOffsets(t.topic);
      expect(offsets.map((o) => ({ partition: o.partition, high: o.high })).sort((a, b) => a.partition - b.partition)).toEqual(
        Array.from({ length: PARTITIONS }, (_, partition) => ({ partition, high: String(CLIENTS) })),
      );
    }
    const described = await buses[0]?.describeTopics(topics.map((t) => t.topic));
    expect(Object.fromEntries(described ?? [])).toEqual(Object.fromEntries(topics.map((t) => [t.topic, PARTITIONS])));
  };

  it(
    'given a broker still creating the logs of a topic made a moment before, when five clients ensure the same fresh topics at once, ' +
      'then all resolve and a publish right after reaches every partition',
    async () => {
      // Connected first, so that their requests fall in the window rather than after it.
      await Promise.all(buses.map((bus) => bus.describeTopics([])));
      for (let round = 0; round < 2; round++) {
        const topics = freshTopics(`race${round}`, 3);
        await makeTheBrokerBusy();
        await raceToEnsureThenPublish(topics);
        await expectEveryPartitionLedAndWritten(topics);
      }
    },
    120_000,
  );

  it('given a topic that already exists with fewer partitions, then it is left as it is and ensureTopics resolves', async () => {
    const topic = freshName('fewer');
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 2 }] });
    await buses[0]?.ensureTopics([{ topic, partitions: PARTITIONS }]);
    expect([...((await buses[0]?.describeTopics([topic])) ?? [])]).toEqual([[topic, 2]]);
  });

  it('given a topic name Kafka refuses, then ensureTopics fails at once, naming the topic and the cause', async () => {
    const started = Date.now();
    const bad = `test.ensure bad name ${randomUUID().slice(0, 8)}`;
    await expect(buses[0]?.ensureTopics([{ topic: bad, partitions: 1 }])).rejects.toThrow(`creating topics ${bad} failed: ${bad}: KafkaJSCreateTopicError: `);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
