import Database from 'better-sqlite3';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, statSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyStreamChain } from '../hash-chain';
import type { EventStore, RecordedEvent } from '../port';
import { openSqliteEventStore } from './sqlite-event-store';

/** SQLite's write-ahead log: a 32-byte header, then frames of a 24-byte header and one page. */
const WAL_HEADER = 32;
const FRAME_HEADER = 24;

/** The events a copy of the store holds when only the first `frames` frames of its log reached the disk. */
async function afterPowerLoss(dir: string, path: string, frames: number, pageSize: number, n: number): Promise<RecordedEvent[]> {
  const copy = join(dir, `loss-${n}`);
  mkdirSync(copy);
  const copied = join(copy, 'events.db');
  copyFileSync(path, copied);
  copyFileSync(`${path}-wal`, `${copied}-wal`);
  truncateSync(`${copied}-wal`, Math.min(statSync(`${copied}-wal`).size, WAL_HEADER + frames * (FRAME_HEADER + pageSize)));
  // Opened as the restarted service opens it (a schema lost with the log is created again).
  const store = openSqliteEventStore({ path: copied });
  try {
    const events: RecordedEvent[] = [];
    for await (const event of store.readAll()) events.push(event);
    return events;
  } finally {
    await store.close();
  }
}

describe('SQLite event store, when the power goes', () => {
  let dir: string;
  let store: EventStore;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'store-power-loss-'));
    store = openSqliteEventStore({ path: join(dir, 'events.db') });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('given any prefix of its log on disk, then the store opens on a gap-free, hash-chained prefix of the events, and every append acknowledged before that prefix was written is in it', async () => {
    const path = join(dir, 'events.db');
    // Many small appends, each acknowledged once on disk: the log size at each acknowledgment
    // is how much of the log a power loss after it can no longer take.
    const acknowledged: { walBytes: number; events: number }[] = [];
    let appended = 0;
    for (let i = 0; i < 150; i++) {
      const stream = `wallet-acc-${i % 7}-api`;
      const events = Array.from({ length: 1 + (i % 3) }, () => ({ eventId: `e-${++appended}`, type: 'CreditsGranted', schemaVersion: 1, data: { n: appended } }));
      await store.appendToStream(stream, events, 'any');
      acknowledged.push({ walBytes: statSync(`${path}-wal`).size, events: appended });
    }
    const pageSize = new Database(path, { readonly: true }).pragma('page_size', { simple: true }) as number;
    const frames = Math.floor((statSync(`${path}-wal`).size - WAL_HEADER) / (FRAME_HEADER + pageSize));
    expect(frames).toBeGreaterThan(50);

    const lengthsSeen = new Set<number>();
    for (let kept = 0, n = 0; kept <= frames; kept += Math.max(1, Math.floor(frames / 60)), n++) {
      const events = await afterPowerLoss(dir, path, kept, pageSize, n);
      lengthsSeen.add(events.length);
      const keptBytes = WAL_HEADER + kept * (FRAME_HEADER + pageSize);
      const durable = acknowledged.filter((a) => a.walBytes <= keptBytes).at(-1)?.events ?? 0;
      const byStream = new Map<string, RecordedEvent[]>();
      for (const e of events) byStream.set(e.streamName, [...(byStream.get(e.streamName) ?? []), e]);
      expect({
        kept,
        positions: events.map((e) => e.position).join(',') === events.map((_, i) => i + 1).join(','),
        chains: [...byStream.values()].flatMap((stream) => verifyStreamChain(stream)),
        lostAcknowledged: events.length < durable,
      }).toEqual({ kept, positions: true, chains: [], lostAcknowledged: false });
    }
    expect((await afterPowerLoss(dir, path, frames, pageSize, 999)).length).toBe(appended);
    // The cuts went through many intermediate prefixes, not only "none" and "all".
    expect(lengthsSeen.size).toBeGreaterThan(10);
  });
});
