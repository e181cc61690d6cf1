import type Database from 'better-sqlite3';
import { withoutFsync } from '@billing/sqlite';

/** Where a relay remembers the position of the last event the broker acknowledged. */
export interface CheckpointStore {
  load(relay: string): number;
  /** Saved once this returned (or its promise resolved: a store across the network). */
  save(relay: string, position: number): void | Promise<void>;
}

/**
 * `relay_checkpoints` in a SQLite file, each save a recomputable commit (`withoutFsync`):
 * a power loss can only take a checkpoint back, which republishes or reacts again
 * (idempotently), never ahead of what was done.
 */
export class SqliteCheckpointStore implements CheckpointStore {
  private readonly select: Database.Statement<[string], { position: number }>;
  private readonly upsert: Database.Statement<[string, number, number]>;

  constructor(private readonly db: Database.Database) {
    db.pragma('journal_mode = WAL');
    db.exec(`CREATE TABLE IF NOT EXISTS relay_checkpoints (
      relay TEXT PRIMARY KEY, position INTEGER NOT NULL, updated_at INTEGER NOT NULL
    )`);
    this.select = db.prepare('SELECT position FROM relay_checkpoints WHERE relay = ?');
    this.upsert = db.prepare(`INSERT INTO relay_checkpoints (relay, position, updated_at) VALUES (?, ?, ?)
      ON CONFLICT (relay) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at`);
  }

  load(relay: string): number {
    return this.select.get(relay)?.position ?? 0;
  }

  save(relay: string, position: number): void {
    withoutFsync(this.db, () => this.upsert.run(relay, position, Date.now()));
  }
}
