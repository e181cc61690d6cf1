import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { eventStoreContract, type PostgresServer, startPostgres } from '../../testing';
import type { EventStore, NewEvent, RecordedEvent } from '../port';
import { WrongExpectedRevisionError } from '../port';
import { openPostgresEventStore } from './postgres-event-store';

let server: PostgresServer;
const started = Date.now();
beforeAll(async () => {
  server = await startPostgres();
  console.log(`${server.description}`);
}, 60_000);
afterAll(async () => {
  await server.stop();
  console.log(`PostgreSQL event store specs took ${Date.now() - started} ms with the server`);
});

const open = (schema: string, clock?: () => number) => openPostgresEventStore({ connectionString: server.url, schema, ...(clock ? { clock } : {}) });
const event = (data: unknown = {}): NewEvent => ({ eventId: randomUUID(), type: 'Counted', schemaVersion: 1, data });

eventStoreContract('PostgreSQL', ({ clock }) => open('contract', clock), {
  writeUndeserializable: async (_store, streamName) => {
    // Underneath the adapter: a raw connection adds a row whose data is not JSON.
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    await client.query(
      `WITH head AS (UPDATE contract.log_head SET position = position + 1 RETURNING position)
       INSERT INTO contract.events
       SELECT head.position, stream_name, revision + 1, event_id || '-bad', type, schema_version, '{"n": 1', metadata, recorded_at, hash, hash
       FROM head, (SELECT * FROM contract.events WHERE stream_name = $1 ORDER BY revision DESC LIMIT 1) last`,
      [streamName],
    );
    await client.end();
  },
});

describe('PostgreSQL event store: several writers, as several instances of a service would be', () => {
  let stores: EventStore[] = [];
  const schema = () => `race_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
  afterEach(async () => {
    await Promise.all(stores.map((s) => s.close()));
    stores = [];
  });

  it('given 8 writers, each with its own pool, racing at every revision of one stream, then exactly one wins each revision', async () => {
    const name = schema();
    stores = await Promise.all(Array.from({ length: 8 }, () => open(name)));
    let expected: 'no_stream' | number = 'no_stream';
    for (let round = 0; round < 10; round++) {
      const outcomes = await Promise.allSettled(stores.map((store, writer) => store.appendToStream('account-1', [event({ round, writer })], expected)));
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      for (const o of outcomes) if (o.status === 'rejected') expect(o.reason).toBeInstanceOf(WrongExpectedRevisionError);
      expected = round;
    }
    const read = await (stores[0] as EventStore).readStream('account-1');
    expect(read.map((e) => e.revision)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('given a slower transaction that took a position first, then a later append waits for its commit and a subscriber gets both, in commit order', async () => {
    const name = schema();
    const [store] = (stores = [await open(name)]) as [EventStore];
    const seen: RecordedEvent[] = [];
    const subscription = store.subscribeToAll();
    const following = (async () => {
      for await (const e of subscription) if (seen.push(e) === 2) break;
    })();

    const slow = new pg.Client({ connectionString: server.url });
    await slow.connect();
    await slow.query('BEGIN');
    await slow.query(
      `WITH head AS (UPDATE ${name}.log_head SET position = position + 1 RETURNING position)
       INSERT INTO ${name}.events SELECT head.position, 'slow-1', 0, 'slow', 'Counted', 1, '{}', '{}', 0, '', '' FROM head`,
    );
    let fastDone = false;
    const fast = store.appendToStream('fast-1', [event()], 'no_stream').then((r) => ((fastDone = true), r));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fastDone).toBe(false);
    expect(seen).toEqual([]);
    await slow.query('COMMIT');
    await slow.end();
    expect((await fast).lastPosition).toBe(2);
    await following;
    await subscription.stop();
    expect(seen.map((e) => [e.position, e.streamName])).toEqual([[1, 'slow-1'], [2, 'fast-1']]);
  });

  it('given 8 writers appending concurrently while a subscriber follows, then the subscriber sees every committed event once, at gapless positions', async () => {
    const name = schema();
    stores = await Promise.all(Array.from({ length: 9 }, () => open(name)));
    const [follower, ...writers] = stores as [EventStore, ...EventStore[]];
    const appends = 40;
    const total = writers.length * appends * 2;
    const seen: RecordedEvent[] = [];
    const subscription = follower.subscribeToAll();
    const following = (async () => {
      for await (const e of subscription) if (seen.push(e) === total) break;
    })();
    await Promise.all(
      writers.map(async (writer, w) => {
        for (let i = 0; i < appends; i++) await writer.appendToStream(`w${w}-${i % 4}`, [event(), event()], 'any');
      }),
    );
    await following;
    await subscription.stop();
    expect(seen.map((e) => e.position)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    const stored: string[] = [];
    for await (const e of follower.readAll()) stored.push(e.eventId);
    expect(seen.map((e) => e.eventId)).toEqual(stored);
  });
});
