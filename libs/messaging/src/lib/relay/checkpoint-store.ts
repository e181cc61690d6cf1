import type Database from 'better-sqlite3';
import { DeferredWrites } from '@billing/sqlite';

/** Where a relay remembers the position of the last event the broker acknowledged. */
export interface CheckpointStore {
  load(relay: string): number;
  save(relay: string, position: number): void;
  /** Writes what `save` left waiting (before the database closes). */
  flush?(): void;
}

interface Saved {
  readonly relay: string;
  readonly position: number;
  readonly at: number;
}

/**
 * `relay_checkpoints` in a SQLite file, written late and without an fsync
 * (`DeferredWrites`; the connection's own level is left as it is for the service's other
 * tables): a crash or a power loss can only take a checkpoint back to an earlier
 * position, which republishes events the consumers already know or reacts again
 * (idempotently). It can never move ahead of what was done, so an fsync, or a commit per
 * save, buys nothing. `load` answers a saved position at once.
 */
export class SqliteCheckpointStore implements CheckpointStore {
  private readonly select: Database.Statement<[string], { position: number }>;
  private readonly writes: DeferredWrites<Saved>;

  constructor(db: Database.Database) {
    db.pragma('journal_mode = WAL');
    db.exec(`CREATE TABLE IF NOT EXISTS relay_checkpoints (
      relay TEXT PRIMARY KEY, position INTEGER NOT NULL, updated_at INTEGER NOT NULL
    )`);
    this.select = db.prepare('SELECT position FROM relay_checkpoints WHERE relay = ?');
    const upsert = db.prepare<[string, number, number]>(`INSERT INTO relay_checkpoints (relay, position, updated_at) VALUES (?, ?, ?)
      ON CONFLICT (relay) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at`);
    this.writes = new DeferredWrites(db, ({ relay, position, at }) => upsert.run(relay, position, at));
  }

  load(relay: string): number {
    return this.writes.get(relay)?.position ?? this.select.get(relay)?.position ?? 0;
  }

  save(relay: string, position: number): void {
    this.writes.set(relay, { relay, position, at: Date.now() });
  }

  flush(): void {
    this.writes.flush();
  }
}
