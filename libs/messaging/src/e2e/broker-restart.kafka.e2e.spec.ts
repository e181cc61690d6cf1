import { type EventStore, openSqliteEventStore } from '@billing/event-store';
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from '@billing/util/testing';
import { IdempotentConsumer } from '../lib/consumer/idempotent-consumer';
import { KafkaMessageBus } from '../lib/kafka/kafka-message-bus';
import { SqliteCheckpointStore } from '../lib/relay/checkpoint-store';
import { OutboxRelay } from '../lib/relay/outbox-relay';
import { WALLET_PAYLOAD_SCHEMAS, walletRoute, type WalletPayloads } from '../lib/wallet/wallet-topic';
import { BalanceProjection } from '../testing/balance-projection';
import { brokerScript } from '../lib/kafka/local-broker';
import { DeliveryTally } from '../testing/delivery-tally';
import { testBrokers, testBrokerScriptEnv, testBrokerSource } from '../testing/kafka-test-env';
import { appendPurchases } from '../testing/wallet-events';

const sleep = (millis: number) => new Promise((resolve) => setTimeout(resolve, millis));

describe('the broker stopped and started mid-run', () => {
  const source = testBrokerSource();

  if (source !== 'script') {
    it('needs a broker this run started itself', () => {
      process.stderr.write(`broker restart test not run: the broker came from ${source}, which this run cannot stop and start\n`);
      expect(source).not.toBe('script');
    });
    return;
  }

  let dir: string;
  let store: EventStore;
  let bus: KafkaMessageBus;
  let checkpointDb: Database.Database;
  let target: BalanceProjection;
  let relay: OutboxRelay | undefined;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'broker-restart-'));
    store = openSqliteEventStore({ path: join(dir, 'events.sqlite') });
    bus = new KafkaMessageBus({ brokers: testBrokers(), clientId: 'restart', logLevel: 'nothing' });
    checkpointDb = new Database(join(dir, 'relay.sqlite'));
    target = new BalanceProjection(join(dir, 'consumer.sqlite'));
  });

  afterEach(async () => {
    // Whatever happened, the broker is up again for the specs that follow.
    await brokerScript('start', testBrokerScriptEnv());
    await relay?.stop();
    await bus.close();
    await store.close();
    checkpointDb.close();
    target.close();
    rmSync(dir, { recursive: true, force: true });
  }, 120_000);

  it('given events appended before, during and after the outage, then none is lost and each takes effect once', async () => {
    const topic = `billing.wallet.v1.restart-${randomUUID().slice(0, 8)}`;
    let publishFailures = 0;
    relay = new OutboxRelay({
      name: 'restart-relay',
      store,
      bus,
      checkpoints: new SqliteCheckpointStore(checkpointDb),
      routes: [{ ...walletRoute(4), topic }],
      maxBatchSize: 50,
      backoff: { initialDelayMs: 100, maxDelayMs: 1_000 },
      onPublishError: () => void publishFailures++,
    });
    await relay.start();
    const tally = new DeliveryTally();
    await tally.follow(bus, topic, `tally-${topic}`);
    await new IdempotentConsumer<WalletPayloads>({ name: `balances-${topic}`, bus, topics: [topic], schemas: WALLET_PAYLOAD_SCHEMAS, inbox: target.inbox, apply: target.apply }).start();

    const before = await appendPurchases(store, 500, 8, 5);
    await eventually(() => target.distinctApplications() === 500, 'the first 500', 30_000);

    await brokerScript('stop', testBrokerScriptEnv());
    const during = await appendPurchases(store, 500, 8, 5);
    // Nothing can be acknowledged while the broker is away, so the checkpoint must not move.
    await sleep(3_000);
    expect(relay.checkpoint).toBe(500);
    await brokerScript('start', testBrokerScriptEnv());
    const after = await appendPurchases(store, 500, 8, 5);

    const all = [...before, ...during, ...after];
    await eventually(() => target.distinctApplications() === all.length && tally.ids.size === all.length, 'all 1500 after the restart', 90_000);
    expect(tally.missing(all)).toEqual([]);
    expect(target.applications()).toBe(all.length);
    expect(relay.checkpoint).toBe(all.length);
    process.stderr.write(`broker restart: ${publishFailures} failed publishes retried, ${tally.duplicates} duplicate deliveries, ${target.applications()} effects\n`);
  }, 180_000);
});
