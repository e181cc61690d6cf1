import { randomUUID } from 'node:crypto';
import { type Admin, Kafka, logLevel, Partitioners } from 'kafkajs';
import type { OutgoingMessage, TopicSpec } from '../port';
import { brokerScript } from './local-broker';
import { testBrokers, testBrokerScriptEnv, testBrokerSource } from '../../testing/kafka-test-env';
import { KafkaMessageBus } from './kafka-message-bus';
import { KAFKA_RETRY } from './kafka-tuning';

/*
 * tulios/kafkajs#815: on a broker that has just started, or when several processes create
 * the same topic at once, kafkajs' createTopics rejects with "This server does not host
 * this topic-partition", a missing leader or "already exists", and a publish right after
 * can find no leader. Each client here is its own Kafka client, as separate processes are.
 */

const CLIENTS = 5;
const PARTITIONS = 6;

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

const freshTopics = (label: string, count: number): TopicSpec[] => {
  const run = randomUUID().slice(0, 8);
  return Array.from({ length: count }, (_, i) => ({ topic: `test.ensure-${label}.${run}.${i}`, partitions: PARTITIONS }));
};

/** Every partition of every topic, once; the client's name in the value. */
const onePerPartition = (topics: readonly TopicSpec[], client: number): OutgoingMessage[] =>
  topics.flatMap((t) => keysForEveryPartition(t.partitions).map((key) => ({ topic: t.topic, key, value: Buffer.from(`client-${client}`) })));

/** The topics in another order for each client, so their requests do not line up. */
const rotated = <T>(list: readonly T[], by: number): T[] => list.map((_, i) => list[(i + by) % list.length] as T);

describe('KafkaMessageBus.ensureTopics on a real broker', () => {
  let buses: KafkaMessageBus[] = [];
  let admin: Admin;

  beforeAll(async () => {
    admin = new Kafka({ clientId: 'ensure-topics-check', brokers: testBrokers(), logLevel: logLevel.NOTHING, retry: KAFKA_RETRY }).admin();
    await admin.connect();
  });

  afterAll(async () => {
    await admin.disconnect();
  });

  beforeEach(() => {
    buses = Array.from({ length: CLIENTS }, (_, i) => new KafkaMessageBus({ brokers: testBrokers(), clientId: `ensure-race-${i}`, logLevel: 'nothing' }));
  });

  afterEach(async () => {
    await Promise.all(buses.map((bus) => bus.close()));
  });

  /** Each client ensures the topics, then at once publishes to every partition; all outcomes, none dropped. */
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

  /** The broker's own count: one message per client in every partition, a leader for each. */
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

  it('given five clients ensuring the same fresh topics at once, then all resolve and a publish right after reaches every partition', async () => {
    // Several rounds, each on fresh names: the race is between requests, so one round may miss it.
    for (let round = 0; round < 3; round++) {
      const topics = freshTopics(`race${round}`, 3);
      await raceToEnsureThenPublish(topics);
      await expectEveryPartitionLedAndWritten(topics);
    }
  }, 120_000);

  it('given a topic that already exists with fewer partitions, then it is left as it is and ensureTopics resolves', async () => {
    const [topic] = freshTopics('fewer', 1).map((t) => t.topic);
    if (!topic) throw new Error('no topic');
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 2 }] });
    await buses[0]?.ensureTopics([{ topic, partitions: PARTITIONS }]);
    expect([...((await buses[0]?.describeTopics([topic])) ?? [])]).toEqual([[topic, 2]]);
  });

  it('given a topic name Kafka refuses, then ensureTopics fails at once, naming the topic and the cause', async () => {
    const started = Date.now();
    const bad = `test.ensure bad name ${randomUUID().slice(0, 8)}`;
    await expect(buses[0]?.ensureTopics([{ topic: bad, partitions: 1 }])).rejects.toThrow(new RegExp(`${bad}.*[Ii]nvalid`));
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  describe('given a broker that has just started', () => {
    const source = testBrokerSource();
    if (source !== 'script') {
      it('needs a broker this run started itself', () => {
        process.stderr.write(`ensureTopics after a broker start not run: the broker came from ${source}, which this run cannot stop and start\n`);
        expect(source).not.toBe('script');
      });
      return;
    }

    afterEach(async () => {
      // Whatever happened, the broker is up again for the specs that follow.
      await brokerScript('start', testBrokerScriptEnv());
    }, 120_000);

    it('when five clients ensure the same fresh topics at once, then all resolve and a publish right after reaches every partition', async () => {
      await brokerScript('stop', testBrokerScriptEnv());
      // `start` returns as soon as the broker answers a Metadata request: the moment of kafkajs#815.
      await brokerScript('start', testBrokerScriptEnv());
      const topics = freshTopics('restarted', 3);
      await raceToEnsureThenPublish(topics);
      await expectEveryPartitionLedAndWritten(topics);
    }, 180_000);
  });
});
