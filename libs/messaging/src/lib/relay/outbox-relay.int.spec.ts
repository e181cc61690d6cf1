import { type EventStore, openSqliteEventStore } from '@billing/event-store';
import { walletStreamName } from '@billing/contracts';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from '@billing/util/testing';
import { BalanceProjection } from '../../testing/balance-projection';
import { appendPurchases, purchaseEvent } from '../../testing/wallet-events';
import { IdempotentConsumer } from '../consumer/idempotent-consumer';
import { EventHeader } from '../headers';
import { InProcessMessageBus } from '../in-process/in-process-message-bus';
import type { IncomingMessage, MessageBus, OutgoingMessage } from '../port';
import { WALLET_PAYLOAD_SCHEMAS, WALLET_TOPIC, walletRoute, type WalletPayloads } from '../wallet/wallet-topic';
import { SqliteCheckpointStore } from './checkpoint-store';
import { OutboxRelay } from './outbox-relay';

/** A bus whose broker refuses publishes until told otherwise. */
class FlakyBus {
  down = true;
  attempts = 0;
  constructor(private readonly inner: MessageBus) {}
  readonly bus: MessageBus = {
    ensureTopics: (t) => this.inner.ensureTopics(t),
    describeTopics: (t) => this.inner.describeTopics(t),
    subscribe: (o) => this.inner.subscribe(o),
    close: () => this.inner.close(),
    publish: async (messages: readonly OutgoingMessage[]) => {
      this.attempts++;
      if (this.down) throw new Error('broker unreachable');
      await this.inner.publish(messages);
    },
  };
}

describe('OutboxRelay over the SQLite event store and the in-process bus', () => {
  let dir: string;
  let store: EventStore;
  let bus: InProcessMessageBus;
  let checkpointDb: Database.Database;
  let checkpoints: SqliteCheckpointStore;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'relay-'));
    store = openSqliteEventStore({ path: join(dir, 'events.sqlite') });
    bus = new InProcessMessageBus();
    checkpointDb = new Database(join(dir, 'relay.sqlite'));
    checkpoints = new SqliteCheckpointStore(checkpointDb);
  });

  afterEach(async () => {
    await bus.close();
    await store.close();
    checkpointDb.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const relay = (over: MessageBus = bus) =>
    new OutboxRelay({ name: 'wallet-relay', store, bus: over, checkpoints, routes: [walletRoute(3)], maxBatchSize: 50, backoff: { initialDelayMs: 5, maxDelayMs: 20 } });

  const collect = async (): Promise<IncomingMessage[]> => {
    const received: IncomingMessage[] = [];
    await bus.subscribe({ groupId: `reader-${received.length}-${Math.random()}`, topics: [WALLET_TOPIC], handler: async (b) => void received.push(...b) });
    return received;
  };

  it('given wallet events, then they reach the wallet topic keyed by account id, with the envelope in headers', async () => {
    await store.appendToStream(walletStreamName('org-7-team', 'api'), [purchaseEvent(5_000, 'corr-1')], 'no_stream');
    await store.appendToStream('tasks-t1', [{ eventId: 'other', type: 'TaskCreated', schemaVersion: 1, data: {} }], 'no_stream');
    const r = relay();
    await r.start();
    const received = await collect();
    await eventually(() => received.length === 1 && r.checkpoint === 1);
    const [message] = received;
    expect(message?.key).toBe('org-7-team');
    expect(message?.headers).toMatchObject({
      [EventHeader.eventType]: 'CreditsPurchased',
      [EventHeader.schemaVersion]: '1',
      [EventHeader.correlationId]: 'corr-1',
      [EventHeader.streamName]: 'wallet-org-7-team-api',
      [EventHeader.streamRevision]: '0',
      [EventHeader.position]: '1',
    });
    expect(message?.headers[EventHeader.causationId]).toBe(message?.headers[EventHeader.eventId]);
    expect(message?.headers[EventHeader.traceparent]).toBeUndefined();
    expect(JSON.parse(message?.value.toString() ?? '')).toMatchObject({ millicredits: 5_000 });
    expect(await bus.describeTopics([WALLET_TOPIC, `${WALLET_TOPIC}.dlq`])).toEqual(
      new Map([
        [WALLET_TOPIC, 3],
        [`${WALLET_TOPIC}.dlq`, 3],
      ]),
    );
    await r.stop();
  });

  it('given the broker refuses, then the checkpoint stays put until it acknowledges', async () => {
    await appendPurchases(store, 20, 4);
    const flaky = new FlakyBus(bus);
    const r = relay(flaky.bus);
    await r.start();
    await eventually(() => flaky.attempts >= 3);
    expect(r.checkpoint).toBe(0);
    expect(checkpoints.load('wallet-relay')).toBe(0);
    flaky.down = false;
    const received = await collect();
    await eventually(() => r.checkpoint === 20 && received.length === 20);
    expect(checkpoints.load('wallet-relay')).toBe(20);
    await r.stop();
  });

  it('given a service state database at FULL, then saving checkpoints leaves it at FULL for the tables beside them', () => {
    checkpointDb.pragma('synchronous = FULL');
    checkpoints.save('wallet-relay', 7);
    expect(checkpoints.load('wallet-relay')).toBe(7);
    expect(checkpointDb.pragma('synchronous', { simple: true })).toBe(2);
  });

  it('given a saved checkpoint, then the relay resumes after it', async () => {
    await appendPurchases(store, 40, 4);
    checkpoints.save('wallet-relay', 25);
    const r = relay();
    await r.start();
    const received = await collect();
    await eventually(() => r.checkpoint === 40);
    await eventually(() => received.length === 15);
    expect(received.map((m) => Number(m.headers[EventHeader.position])).sort((a, b) => a - b)).toEqual(Array.from({ length: 15 }, (_, i) => 26 + i));
    await r.stop();
    expect(checkpoints.load('wallet-relay')).toBe(40);
  });

  it('given a restart, then the relay resumes after its checkpoint and a consumer applies every event once', async () => {
    const target = new BalanceProjection();
    const consumer = new IdempotentConsumer<WalletPayloads>({ name: 'balances', bus, topics: [WALLET_TOPIC], schemas: WALLET_PAYLOAD_SCHEMAS, inbox: target.inbox, apply: target.apply });
    await appendPurchases(store, 100, 5, 10);
    const first = relay();
    await first.start();
    await eventually(() => first.checkpoint === 100);
    await first.stop();
    await consumer.start();

    await appendPurchases(store, 50, 5);
    const second = relay();
    await second.start();
    await eventually(() => second.checkpoint === 150 && target.distinctApplications() === 150);
    expect(target.applications()).toBe(150);
    expect(target.balanceOf('acct-0-x')).toBe(30 * 1_000);
    await second.stop();
    target.close();
  });
});
