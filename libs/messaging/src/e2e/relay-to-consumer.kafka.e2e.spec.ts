import { type EventStore, openSqliteEventStore } from '@billing/event-store';
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from '@billing/util/testing';
import { IdempotentConsumer } from '../lib/consumer/idempotent-consumer';
import { EventHeader } from '../lib/headers';
import { KafkaMessageBus } from '../lib/kafka/kafka-message-bus';
import type { IncomingMessage } from '../lib/port';
import { SqliteCheckpointStore } from '../lib/relay/checkpoint-store';
import { OutboxRelay } from '../lib/relay/outbox-relay';
import { WALLET_PAYLOAD_SCHEMAS, walletRoute, type WalletPayloads } from '../lib/wallet/wallet-topic';
import { BalanceProjection } from '../testing/balance-projection';
import { testBrokers } from '../testing/kafka-test-env';
import { appendPurchases } from '../testing/wallet-events';

describe('wallet events from the store to an idempotent consumer over Kafka', () => {
  let dir: string;
  let store: EventStore;
  let bus: KafkaMessageBus;
  let checkpointDb: Database.Database;
  let target: BalanceProjection;
  let relay: OutboxRelay;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'relay-kafka-'));
    store = openSqliteEventStore({ path: join(dir, 'events.sqlite') });
    bus = new KafkaMessageBus({ brokers: testBrokers(), clientId: 'e2e', logLevel: 'nothing' });
    checkpointDb = new Database(join(dir, 'relay.sqlite'));
    target = new BalanceProjection(join(dir, 'consumer.sqlite'));
  });

  afterEach(async () => {
    await relay.stop();
    await bus.close();
    await store.close();
    checkpointDb.close();
    target.close();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('given appended events, then each is published with its envelope and applied once, in order per account', async () => {
    const topic = `billing.wallet.v1.e2e-${randomUUID().slice(0, 8)}`;
    relay = new OutboxRelay({ name: 'r', store, bus, checkpoints: new SqliteCheckpointStore(checkpointDb), routes: [{ ...walletRoute(4), topic }] });
    await relay.start();
    const received: IncomingMessage[] = [];
    await bus.subscribe({ groupId: `raw-${topic}`, topics: [topic], handler: async (b) => void received.push(...b) });
    await new IdempotentConsumer<WalletPayloads>({
      name: `balances-${topic}`,
      bus,
      topics: [topic],
      schemas: WALLET_PAYLOAD_SCHEMAS,
      inbox: target.inbox,
      apply: target.apply,
    }).start();

    const ids = await appendPurchases(store, 400, 10, 4);
    await eventually(() => target.distinctApplications() === 400 && received.length >= 400, 'all 400 applied', 30_000);

    expect(target.applications()).toBe(400);
    expect(new Set(received.map((m) => m.headers[EventHeader.eventId]))).toEqual(new Set(ids));
    for (let a = 0; a < 10; a++) expect(target.balanceOf(`acct-${a}-x`)).toBe(40 * 1_000);
    const byAccount = new Map<string, number[]>();
    for (const m of received) byAccount.set(m.key ?? '', [...(byAccount.get(m.key ?? '') ?? []), Number(m.headers[EventHeader.position])]);
    for (const positions of byAccount.values()) expect(positions).toEqual([...positions].sort((x, y) => x - y));
    expect(received[0]?.headers[EventHeader.traceparent]).toBeUndefined();
    expect(relay.checkpoint).toBe(400);
  }, 60_000);
});
