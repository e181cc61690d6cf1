import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serializeEvent } from '../serialized-event';
import { EventStoreSyncError, GroupCommitWriter } from './group-commit-writer';
import { applyDurabilityPragmas, EVENTS_SCHEMA } from './schema';
import { openSqliteEventStore } from './sqlite-event-store';
import { StreamHeads } from './stream-heads';
import type { LogSync } from './wal-sync';

const event = (n: number) => serializeEvent({ eventId: randomUUID(), type: 'Counted', schemaVersion: 1, data: { n } });

describe('Group commit with the log synced off the thread', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'group-commit-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('given appends racing a subscriber, then nothing is seen or acknowledged past the synced position', async () => {
    const store = openSqliteEventStore({ path: join(dir, 'events.db') });
    const ahead: string[] = [];
    const subscription = store.subscribeToAll();
    const total = 2_000;
    const following = (async () => {
      let seen = 0;
      for await (const e of subscription) {
        const durable = store.headPosition(); // read now, before any other work runs
        if (e.position > (await durable)) ahead.push(`seen ${e.position}`);
        if (++seen === total) return;
      }
    })();
    for (let round = 0; round < total / 20; round++) {
      await Promise.all(
        Array.from({ length: 20 }, async (_, i) => {
          const appended = await store.appendToStream(`s-${round}-${i}`, [{ eventId: randomUUID(), type: 'Counted', schemaVersion: 1, data: { i } }], 'no_stream');
          const durable = await store.headPosition();
          if (appended.lastPosition > durable) ahead.push(`acknowledged ${appended.lastPosition}`);
        }),
      );
    }
    await following;
    await subscription.stop();
    expect(ahead).toEqual([]);
    await store.close();
  });

  it('given a sync that fails, then appends not yet acknowledged are rejected, later ones refused, and what was synced stays', async () => {
    const db = new Database(join(dir, 'events.db'));
    applyDurabilityPragmas(db);
    db.exec(EVENTS_SCHEMA);
    let failNext = false;
    const sync: LogSync = { sync: (done) => setImmediate(() => done(failNext ? new Error('EIO: i/o error, fdatasync') : null)) };
    const commits: number[] = [];
    const writer = new GroupCommitWriter(db, new StreamHeads(db), Date.now, (head) => commits.push(head), 100, 100, sync);

    await expect(writer.enqueue('a', [event(1)], 'no_stream')).resolves.toMatchObject({ lastPosition: 1 });
    failNext = true;
    const lost = writer.enqueue('b', [event(2)], 'no_stream');
    await expect(lost).rejects.toBeInstanceOf(EventStoreSyncError);
    await expect(lost).rejects.toThrow(/could not make its log durable \(EIO: i\/o error, fdatasync\)/);
    await expect(writer.enqueue('c', [event(3)], 'no_stream')).rejects.toBeInstanceOf(EventStoreSyncError);
    expect(writer.durablePosition).toBe(1);
    expect(commits).toEqual([1]);
    expect(writer.recent(0, 10, () => true)?.map((row) => row[0])).toEqual([1]);
    await writer.drained();
    db.close();
  });

  it('given the sync in flight, then the next batches commit meanwhile and one later sync acknowledges them', async () => {
    const db = new Database(join(dir, 'events.db'));
    applyDurabilityPragmas(db);
    db.exec(EVENTS_SCHEMA);
    const pending: ((error: Error | null) => void)[] = [];
    const sync: LogSync = { sync: (done) => void pending.push(done) };
    const writer = new GroupCommitWriter(db, new StreamHeads(db), Date.now, () => undefined, 100, 100, sync);
    const settled: string[] = [];
    const first = writer.enqueue('a', [event(1)], 'no_stream').then(() => settled.push('a'));
    await new Promise((resolve) => setImmediate(resolve));
    const second = writer.enqueue('b', [event(2)], 'no_stream').then(() => settled.push('b'));
    const third = writer.enqueue('c', [event(3)], 'no_stream').then(() => settled.push('c'));
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    expect(writer.headPosition).toBe(3); // committed while the first sync is in flight
    expect(pending).toHaveLength(1); // one sync at a time
    expect(writer.recent(0, 10, () => true)).toEqual([]); // subscribers see nothing unsynced
    pending.shift()?.(null);
    await first;
    expect(settled).toEqual(['a']);
    expect(writer.durablePosition).toBe(1);
    expect(writer.recent(0, 10, () => true)?.map((row) => row[0])).toEqual([1]);
    expect(pending).toHaveLength(1); // the next sync covers both later commits
    pending.shift()?.(null);
    await Promise.all([second, third]);
    expect(settled).toEqual(['a', 'b', 'c']);
    expect(writer.durablePosition).toBe(3);
    await writer.drained();
    db.close();
  });
});
