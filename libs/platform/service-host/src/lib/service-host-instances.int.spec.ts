import { type EventStore, openPostgresEventStore, PostgresProcessorLeases } from '@billing/event-store';
import { type PostgresServer, startPostgres } from '@billing/event-store/testing';
import { InProcessMessageBus, type IncomingMessage } from '@billing/messaging';
import { eventually } from '@billing/util/testing';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type CounterHost, startCounterHost } from '../testing/counter-host';
import { COUNTER_TOPIC, counterStream, type CounterObservations, newObservations } from '../testing/counter-service';

jest.setTimeout(60_000);

describe('two instances of a service on one PostgreSQL store', () => {
  let server: PostgresServer;
  let dir: string;
  /** A bus per instance: the in-process bus takes one member per group, as a process would. */
  let buses: Record<'a' | 'b', InProcessMessageBus>;
  let schema: string;

  beforeAll(async () => {
    server = await startPostgres();
  });
  afterAll(async () => server.stop());

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'instances-'));
    buses = { a: new InProcessMessageBus(), b: new InProcessMessageBus() };
    schema = `counter_${Math.random().toString(36).slice(2, 10)}`;
  });
  afterEach(async () => {
    await Promise.all(Object.values(buses).map((bus) => bus.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  /** An instance: its own state folder, the shared schema, leases of its own session. */
  const instance = async (name: 'a' | 'b', seen: CounterObservations): Promise<CounterHost> => {
    const store = await openPostgresEventStore({ connectionString: server.url, schema, pollIntervalMs: 50 });
    const leases = await PostgresProcessorLeases.open({ connectionString: server.url, schema, retryMillis: 100 });
    mkdirSync(join(dir, name));
    const host = await startCounterHost({ dir: join(dir, name), bus: buses[name], seen, shared: { store, leases }, instanceId: name, jobEveryMillis: 20 });
    return { ...host, stop: async () => (await host.stop(), await leases.close()) };
  };

  const append = async (store: EventStore, from: number, count: number) => {
    for (let i = from; i < from + count; i++) {
      const accountId = `acct-${i % 5}`;
      const before = await store.readStream(counterStream(accountId));
      await store.appendToStream(counterStream(accountId), [{ eventId: `e-${i}`, type: 'Incremented', schemaVersion: 1, data: { by: 1, commandId: `c-${i}`, total: before.length + 1 } }], before.length - 1);
    }
  };

  /** What either instance's relay published. */
  const relayed = async (): Promise<IncomingMessage[]> => {
    const received: IncomingMessage[] = [];
    for (const bus of Object.values(buses)) {
      await bus.ensureTopics([{ topic: COUNTER_TOPIC, partitions: 3 }]);
      await bus.subscribe({ groupId: 'reader', topics: [COUNTER_TOPIC], handler: async (batch) => void received.push(...batch) });
    }
    return received;
  };

  const ids = (from: number, count: number) => Array.from({ length: count }, (_, i) => `e-${from + i}`).sort();

  it('given two instances, then the store reactor, the relay and the jobs run in one of them: each event is handled and published once', async () => {
    const published = await relayed();
    const [seenA, seenB] = [newObservations(), newObservations()];
    const a = await instance('a', seenA);
    const b = await instance('b', seenB);
    await append(a.store, 0, 40);
    await eventually(() => seenA.storeReactions.length + seenB.storeReactions.length >= 40 && published.length >= 40);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect([...seenA.storeReactions, ...seenB.storeReactions].sort()).toEqual(ids(0, 40));
    expect(published.map((m) => m.headers['event-id']).sort()).toEqual(ids(0, 40));
    expect([seenA.storeReactions.length, seenB.storeReactions.length]).toContain(0);
    expect([seenA.jobRuns.length, seenB.jobRuns.length]).toContain(0);
    await b.stop();
    await a.stop();
  });

  it('given the leading instance stops, then the other takes its processors over from the shared checkpoints: nothing lost, nothing twice', async () => {
    const published = await relayed();
    const [seenA, seenB] = [newObservations(), newObservations()];
    const a = await instance('a', seenA);
    await eventually(() => seenA.jobRuns.length > 0);
    const b = await instance('b', seenB);
    await append(a.store, 0, 20);
    await eventually(() => seenA.storeReactions.length === 20);
    await a.stop();
    await append(b.store, 20, 20);
    await eventually(() => seenB.storeReactions.length === 20 && published.length >= 40);
    expect(seenA.storeReactions.sort()).toEqual(ids(0, 20));
    expect(seenB.storeReactions.sort()).toEqual(ids(20, 20));
    expect(published.map((m) => m.headers['event-id']).sort()).toEqual(ids(0, 40));
    await eventually(() => seenB.jobRuns.length > 0);
    await b.stop();
  });

  it('given the leader loses its sessions (as kill -9 would), then its processors stop there and run on: every event is handled', async () => {
    const [seenA, seenB] = [newObservations(), newObservations()];
    const a = await instance('a', seenA);
    await eventually(() => seenA.jobRuns.length > 0);
    const b = await instance('b', seenB);
    await append(a.store, 0, 10);
    await eventually(() => seenA.storeReactions.length === 10);
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted`);
    await admin.end();
    await eventually(() => a.logs.some((line) => line.includes('"lease lost; asking for it again"')));
    await append(b.store, 10, 10);
    await eventually(() => new Set([...seenA.storeReactions, ...seenB.storeReactions]).size === 20);
    expect([...new Set([...seenA.storeReactions, ...seenB.storeReactions])].sort()).toEqual(ids(0, 20));
    await b.stop();
    await a.stop();
  });
});
