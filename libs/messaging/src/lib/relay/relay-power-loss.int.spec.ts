import { type EventStore, openSqliteEventStore } from '@billing/event-store';
import Database from 'better-sqlite3';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, statSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from '@billing/util/testing';
import { appendPurchases } from '../../testing/wallet-events';
import { EventHeader } from '../headers';
import { InProcessMessageBus } from '../in-process/in-process-message-bus';
import { WALLET_TOPIC, walletRoute } from '../wallet/wallet-topic';
import { SqliteCheckpointStore } from './checkpoint-store';
import { OutboxRelay } from './outbox-relay';

/** SQLite's write-ahead log: a 32-byte header, then frames of a 24-byte header and one page. */
const WAL_HEADER = 32;
const FRAME_HEADER = 24;

interface Survivor {
  readonly checkpoint: number;
  readonly positions: ReadonlySet<number>;
  /** Partitions whose consumer's offset on file points past the messages on file. */
  readonly offsetsAhead: readonly string[];
}

/** What a copy of the bus holds when only the first `frames` frames of its log reached the disk. */
function afterPowerLoss(dir: string, busPath: string, frames: number, pageSize: number, n: number): Survivor {
  const copy = join(dir, `loss-${n}`);
  mkdirSync(copy);
  const path = join(copy, 'bus.db');
  copyFileSync(busPath, path);
  copyFileSync(`${busPath}-wal`, `${path}-wal`);
  truncateSync(`${path}-wal`, WAL_HEADER + frames * (FRAME_HEADER + pageSize));
  const db = new Database(path, { readonly: true });
  try {
    const tables = new Set(db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'").all().map((t) => t.name));
    const checkpoint = tables.has('bus_publisher_checkpoints')
      ? (db.prepare<[string], { position: number }>('SELECT position FROM bus_publisher_checkpoints WHERE name = ?').get('wallet-relay')?.position ?? 0)
      : 0;
    const headers = tables.has('bus_messages') ? db.prepare<[string], { headers: string }>('SELECT headers FROM bus_messages WHERE topic = ?').all(WALLET_TOPIC) : [];
    const offsetsAhead = tables.has('bus_offsets')
      ? db
          .prepare<[], { partition: number; next_offset: number; end: number }>(
            `SELECT o.partition, o.next_offset, (SELECT COALESCE(MAX(m.offset) + 1, 0) FROM bus_messages m WHERE m.topic = o.topic AND m.partition = o.partition) AS end
             FROM bus_offsets o WHERE o.group_id = 'consumer'`,
          )
          .all()
          .filter((o) => o.next_offset > o.end)
          .map((o) => `partition ${o.partition}: offset ${o.next_offset}, end ${o.end}`)
      : [];
    return { checkpoint, positions: new Set(headers.map((row) => Number((JSON.parse(row.headers) as Record<string, string>)[EventHeader.position]))), offsetsAhead };
  } finally {
    db.close();
  }
}

describe('OutboxRelay over the in-process bus, when the power goes', () => {
  let dir: string;
  let store: EventStore;
  let bus: InProcessMessageBus;
  let stateDb: Database.Database;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'relay-power-loss-'));
    store = openSqliteEventStore({ path: join(dir, 'events.db') });
    // Written as soon as possible, so the log holds many small commits to cut it between.
    bus = new InProcessMessageBus({ path: join(dir, 'bus.db'), writeDelayMillis: 0 });
    stateDb = new Database(join(dir, 'state.db'));
  });

  afterEach(async () => {
    await bus.close();
    await store.close();
    stateDb.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('given any prefix of the bus log on disk, then neither the relay checkpoint nor a consumer offset that survived runs ahead of the messages that did', async () => {
    // Many small checkpointed publishes (no fsync of their own), the log well under the
    // checkpointer's threshold, so every commit since the start is still a frame in it.
    const relay = new OutboxRelay({ name: 'wallet-relay', store, bus, checkpoints: new SqliteCheckpointStore(stateDb), routes: [walletRoute(3)], maxBatchSize: 7 });
    await bus.ensureTopics([{ topic: WALLET_TOPIC, partitions: 3 }]);
    let consumed = 0;
    const consumer = await bus.subscribe({ groupId: 'consumer', topics: [WALLET_TOPIC], maxBatchSize: 3, handler: async (batch) => void (consumed += batch.length) });
    await relay.start();
    for (let appended = 0; appended < 400; ) {
      await appendPurchases(store, 20, 5);
      appended += 20;
      await eventually(() => relay.checkpoint === appended && consumed === appended);
    }
    await relay.stop();
    await consumer.stop();

    const busPath = join(dir, 'bus.db');
    const pageSize = new Database(busPath, { readonly: true }).pragma('page_size', { simple: true }) as number;
    const frames = Math.floor((statSync(`${busPath}-wal`).size - WAL_HEADER) / (FRAME_HEADER + pageSize));
    expect(frames).toBeGreaterThan(50);

    const checkpointsSeen = new Set<number>();
    for (let kept = 0, n = 0; kept <= frames; kept += Math.max(1, Math.floor(frames / 60)), n++) {
      const survivor = afterPowerLoss(dir, busPath, kept, pageSize, n);
      checkpointsSeen.add(survivor.checkpoint);
      // Every event up to the surviving checkpoint is on the bus: the relay, resuming after
      // it, republishes the rest from the store and loses nothing.
      const lost = Array.from({ length: survivor.checkpoint }, (_, i) => i + 1).filter((position) => !survivor.positions.has(position));
      expect({ kept, checkpoint: survivor.checkpoint, lost, offsetsAhead: survivor.offsetsAhead }).toEqual({
        kept,
        checkpoint: survivor.checkpoint,
        lost: [],
        offsetsAhead: [],
      });
    }
    const whole = afterPowerLoss(dir, busPath, frames, pageSize, 999);
    expect(whole.checkpoint).toBe(400);
    // The prefixes went through many intermediate checkpoints, not only "none" and "all".
    expect(checkpointsSeen.size).toBeGreaterThan(10);
  });
});
