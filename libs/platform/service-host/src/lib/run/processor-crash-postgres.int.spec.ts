import type { Command, Decider, Event } from '@billing/contracts';
import { createRepository, type EventStore, openPostgresEventStore, PostgresProcessorLeases } from '@billing/event-store';
import { type PostgresServer, startPostgres } from '@billing/event-store/testing';
import { type CheckpointStore, InProcessMessageBus, type IncomingMessage, OutboxRelay } from '@billing/messaging';
import { eventually } from '@billing/util/testing';
import pg from 'pg';
import { silentLogger } from '../logging/logger';
import type { ReactorEvent } from '../service';
import { StoreReactorRunner } from './store-reactor';

jest.setTimeout(60_000);

/*
 * A processor on PostgreSQL writes its effect, then its checkpoint, in two transactions. A
 * crash between them (here: checkpoint writes refused, then the processor dropped as kill -9
 * would drop it) hands the batch to the next leader again. The store reactors' effects are
 * decisions whose command ids come from the event, so the copy is dropped by the decider
 * (nothing twice); the relay's effect is outside (the broker): published again, with the same
 * event id, for the consumers' inboxes to drop. Nothing is lost either way.
 */

/** The shared checkpoints with their writes refused while `failing` is set (as a database that stopped answering would). */
class FailingCheckpoints implements CheckpointStore {
  failing = false;
  refused = 0;
  constructor(private readonly inner: PostgresProcessorLeases) {}
  load(name: string): number {
    return this.inner.load(name);
  }
  async save(name: string, position: number): Promise<void> {
    if (this.failing) {
      this.refused++;
      throw new Error('checkpoint write refused');
    }
    await this.inner.save(name, position);
  }
}

type Ship = Command<'Ship', { orderId: string }>;
type Shipped = Event<'Shipped', { orderId: string; commandId: string }>;
/** As the services' deciders do: a command id already recorded decides nothing. */
const shipments: Decider<Ship, Shipped, { seen: ReadonlySet<string> }> = {
  initialState: { seen: new Set() },
  decide: (command, state) => (state.seen.has(command.metadata.commandId) ? [] : [{ type: 'Shipped', data: { orderId: command.data.orderId, commandId: command.metadata.commandId } }]),
  evolve: (state, event) => ({ seen: new Set([...state.seen, event.data.commandId]) }),
};

describe('a processor on PostgreSQL that crashes between its effect and its checkpoint', () => {
  let server: PostgresServer;
  let schema: string;
  const closing: (() => Promise<unknown>)[] = [];

  beforeAll(async () => (server = await startPostgres()));
  afterAll(async () => server?.stop());
  beforeEach(() => (schema = `crash_${Math.random().toString(36).slice(2, 10)}`));
  afterEach(async () => {
    for (const close of closing.splice(0).reverse()) await close().catch(() => undefined);
  });

  /** An instance's view of the shared schema: its own store connections and its own lease session. */
  const instance = async (processor: string) => {
    const store = await openPostgresEventStore({ connectionString: server.url, schema, pollIntervalMs: 50 });
    const leases = await PostgresProcessorLeases.open({ connectionString: server.url, schema, retryMillis: 50 });
    closing.push(() => store.close(), () => leases.close());
    const lease = await leases.lead(processor, () => false);
    if (!lease) throw new Error('no lease');
    closing.push(() => lease.release());
    return { store, checkpoints: new FailingCheckpoints(leases), lease };
  };

  const order = (store: EventStore, from: number, count: number) =>
    Promise.all(Array.from({ length: count }, (_, i) => store.appendToStream(`order-${from + i}`, [{ eventId: `ordered-${from + i}`, type: 'Ordered', schemaVersion: 1, data: { orderId: `${from + i}` } }], 'no_stream')));

  const saved = async (name: string): Promise<number> => {
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ position: string }>(`SELECT position FROM "${schema}".processor_checkpoints WHERE name = $1`, [name]);
      return Number(rows[0]?.position ?? 0);
    } finally {
      await client.end();
    }
  };

  it('given a store reactor that appends its decision, when it crashes after the append and before the checkpoint, then the next leader handles the batch again and each effect is in the store once', async () => {
    const handled: string[] = [];
    const start = (store: EventStore, checkpoints: CheckpointStore) => {
      const repository = createRepository({ store, decider: shipments, schemaVersionOf: () => 1 });
      const runner = new StoreReactorRunner(
        {
          name: 'ship',
          source: { kind: 'store', filter: { streamPrefixes: ['order-'] } },
          handle: async (events: readonly ReactorEvent[]) => {
            handled.push(...events.map((e) => e.eventId));
            for (const e of events) {
              const orderId = (e.data as { orderId: string }).orderId;
              await repository.handle(`shipment-${orderId}`, { type: 'Ship', data: { orderId }, metadata: { commandId: `ship:${e.eventId}`, now: 1_000, correlationId: orderId } });
            }
          },
        },
        store,
        checkpoints,
        silentLogger,
        { initialDelayMs: 10, maxDelayMs: 50 },
      );
      return runner;
    };
    // The reactor follows the orders only: its checkpoint ends at the last of them, not at the shipments after it.
    const lastOrderOf = async (store: EventStore, count: number) =>
      Math.max(...(await Promise.all(Array.from({ length: count }, async (_, i) => (await store.readStream(`order-${i}`))[0]?.position ?? 0))));
    const shippedOnce = async (store: EventStore, count: number) =>
      (await Promise.all(Array.from({ length: count }, (_, i) => store.readStream(`shipment-${i}`)))).map((events) => events.length);

    // The first leader: ten orders shipped and checkpointed.
    const first = await instance('reactor:ship');
    const firstRunner = start(first.store, first.checkpoints);
    await firstRunner.start();
    await order(first.store, 0, 10);
    await eventually(async () => handled.length === 10 && (await saved('reactor:ship')) === (await lastOrderOf(first.store, 10)));
    // Ten more ordered; a batch of them shipped and its checkpoint refused: then it goes, as kill -9 would take it.
    first.checkpoints.failing = true;
    await order(first.store, 10, 10);
    await eventually(() => first.checkpoints.refused > 0);
    const shippedBeforeCrash = handled.slice(10);
    expect(shippedBeforeCrash.length).toBeGreaterThan(0);
    expect(await shippedOnce(first.store, 10)).toEqual(Array(10).fill(1));
    await firstRunner.stop();
    await first.lease.release();
    await order(first.store, 20, 10);

    // The next leader resumes from the shared checkpoint: orders 10-19 come again, 20-29 for the first time.
    const second = await instance('reactor:ship');
    const secondRunner = start(second.store, second.checkpoints);
    closing.push(() => secondRunner.stop());
    await secondRunner.start();
    const ids = Array.from({ length: 30 }, (_, i) => `ordered-${i}`);
    const lastOrder = await lastOrderOf(second.store, 30);
    await eventually(async () => ids.every((id) => handled.includes(id)) && (await saved('reactor:ship')) === lastOrder);

    const times = (id: string) => handled.filter((h) => h === id).length;
    // What was shipped but not checkpointed came again; what was checkpointed did not.
    expect(shippedBeforeCrash.map(times)).toEqual(shippedBeforeCrash.map(() => 2));
    expect(ids.slice(0, 10).map(times)).toEqual(Array(10).fill(1));
    // Every order shipped, each once.
    expect(await shippedOnce(second.store, 30)).toEqual(Array(30).fill(1));
  });

  it('given the relay, when it crashes after the broker took a batch and before the checkpoint, then the next leader publishes it again with the same event ids: nothing lost, copies for the inboxes to drop', async () => {
    const bus = new InProcessMessageBus();
    closing.push(() => bus.close());
    const route = { category: 'order', topic: 'billing.order.v1', partitions: 3, keyOf: (s: string) => s };
    await bus.ensureTopics([{ topic: route.topic, partitions: 3 }]);
    const received: IncomingMessage[] = [];
    await bus.subscribe({ groupId: 'reader', topics: [route.topic], fromBeginning: true, handler: async (batch) => void received.push(...batch) });
    const relay = (store: EventStore, checkpoints: CheckpointStore) => new OutboxRelay({ name: 'order-relay', store, bus, checkpoints, routes: [route], backoff: { initialDelayMs: 10, maxDelayMs: 50 } });

    const first = await instance('order-relay');
    const firstRelay = relay(first.store, first.checkpoints);
    await firstRelay.start();
    await order(first.store, 0, 10);
    await eventually(async () => (await saved('order-relay')) >= 10 && received.length === 10);
    // Published, the checkpoint refused (the relay publishes again while it retries): then it goes.
    first.checkpoints.failing = true;
    await order(first.store, 10, 10);
    await eventually(() => first.checkpoints.refused > 0 && received.length > 10);
    const publishedBeforeCrash = [...new Set(received.slice(10).map((m) => m.headers['event-id'] ?? ''))];
    await firstRelay.stop();
    await first.lease.release();

    const second = await instance('order-relay');
    const secondRelay = relay(second.store, second.checkpoints);
    closing.push(() => secondRelay.stop());
    await secondRelay.start();
    await eventually(async () => (await saved('order-relay')) === (await second.store.headPosition()));

    const eventIds = received.map((m) => m.headers['event-id'] ?? '');
    const times = (id: string) => eventIds.filter((e) => e === id).length;
    const ids = Array.from({ length: 20 }, (_, i) => `ordered-${i}`);
    // Nothing lost.
    expect([...new Set(eventIds)].sort()).toEqual([...ids].sort());
    // At least once: what went out after the last checkpoint went out again, each copy with its event id.
    expect(publishedBeforeCrash.length).toBeGreaterThan(0);
    for (const id of publishedBeforeCrash) expect([id, times(id) >= 2]).toEqual([id, true]);
    expect(ids.slice(0, 10).map(times)).toEqual(Array(10).fill(1));
  });
});
