import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStoreLockedError, EventStoreReadOnlyError, type NewEvent, type RecordedEvent } from '../port';
import { openSqliteEventStore } from './sqlite-event-store';

const event = (n: number): NewEvent => ({ eventId: randomUUID(), type: 'Counted', schemaVersion: 1, data: { n } });

describe('SQLite event store: what only the embedded adapter promises', () => {
  let dir: string;
  let path: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sqlite-specifics-'));
    path = join(dir, 'events.db');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('given 64 appends in the same tick, then they share one transaction (one clock read)', async () => {
    let clockReads = 0;
    const store = openSqliteEventStore({ path, clock: () => ++clockReads });
    const results = await Promise.all(Array.from({ length: 64 }, (_, i) => store.appendToStream(`s-${i}`, [event(i)], 'no_stream')));
    expect(clockReads).toBe(1);
    expect(results.map((r) => r.lastPosition).sort((a, b) => a - b)).toEqual(Array.from({ length: 64 }, (_, i) => i + 1));
    await store.close();
  });

  it('given a writer, when a second writer opens the same file, then it is refused loudly', async () => {
    const first = openSqliteEventStore({ path });
    expect(() => openSqliteEventStore({ path })).toThrow(EventStoreLockedError);
    await first.close();
    const second = openSqliteEventStore({ path });
    await second.close();
  });

  it('given a read-only store beside a writer, then it reads and follows new events but refuses appends', async () => {
    const writer = openSqliteEventStore({ path });
    await writer.appendToStream('s', [event(0)], 'no_stream');
    const reader = openSqliteEventStore({ path, readOnly: true, pollIntervalMs: 10 });
    await expect(reader.appendToStream('s', [event(1)], 0)).rejects.toBeInstanceOf(EventStoreReadOnlyError);
    expect(await reader.readStream('s')).toHaveLength(1);

    const seen: RecordedEvent[] = [];
    const subscription = reader.subscribeToAll();
    const followed = (async () => {
      for await (const e of subscription) if (seen.push(e) === 2) break;
    })();
    await writer.appendToStream('s', [event(1)], 0);
    await followed;
    await subscription.stop();
    expect(seen.map((e) => e.revision)).toEqual([0, 1]);
    await reader.close();
    await writer.close();
  });

  it('given an event whose data cannot be serialized, then only that append fails', async () => {
    const store = openSqliteEventStore({ path });
    const circular: Record<string, unknown> = {};
    circular['self'] = circular;
    const [bad, good] = await Promise.allSettled([
      store.appendToStream('a', [{ ...event(0), data: circular }], 'no_stream'),
      store.appendToStream('b', [event(0)], 'no_stream'),
    ]);
    expect(bad.status).toBe('rejected');
    expect(good.status).toBe('fulfilled');
    await store.close();
  });

  it('given a closed store, then a reopened store continues revisions, positions and hash chain', async () => {
    const first = openSqliteEventStore({ path });
    await first.appendToStream('s', [event(0), event(1)], 'no_stream');
    await first.close();
    const reopened = openSqliteEventStore({ path });
    const result = await reopened.appendToStream('s', [event(2)], 1);
    expect(result).toEqual({ nextExpectedRevision: 2, lastPosition: 3 });
    const read = await reopened.readStream('s');
    expect(read[2]?.previousHash).toBe(read[1]?.hash);
    await reopened.close();
  });
});
