import type Database from 'better-sqlite3';

/** Where a relay remembers the position of the last event the broker acknowledged. */
export interface CheckpointStore {
  load(relay: string): number;
  save(relay: string, position: number): void;
}

/**
 * `relay_checkpoints` in a SQLite file. WAL with `synchronous=NORMAL`: a process crash
 * loses nothing, and a power loss can only take the checkpoint back to an earlier
 * position, which republishes events the consumers' inboxes already know. It can never
 * move ahead of the broker's acknowledgement, so an fsync per batch buys nothing.
 */
export class SqliteCheckpointStore implements CheckpointStore {
  private readonly select: Database.Statement<[string], { position: number }>;
  private readonly upsert: Database.Statement<[string, number, number]>;

  constructor(db: Database.Database) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
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
    this.upsert.run(relay, position, Date.now());
  }
}
