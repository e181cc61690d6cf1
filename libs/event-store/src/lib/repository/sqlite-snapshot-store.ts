import type Database from 'better-sqlite3';
import type { Snapshot, SnapshotStore } from './snapshot-store';

export interface SqliteSnapshotStoreOptions<S> {
  /** A connection to a side file (or the service's own database); the table is created if missing. */
  readonly db: Database.Database;
  readonly table?: string;
  /** State to JSON-safe value and back; identity by default. */
  readonly serialize?: (state: S) => unknown;
  readonly deserialize?: (value: unknown) => S;
}

/** Snapshots in a side table: a cache, never the truth, so a lost snapshot only costs a longer load. */
export function sqliteSnapshotStore<S>(options: SqliteSnapshotStoreOptions<S>): SnapshotStore<S> {
  const table = options.table ?? 'snapshots';
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(table)) throw new Error(`invalid table name: ${table}`);
  options.db.exec(`CREATE TABLE IF NOT EXISTS ${table} (stream_name TEXT PRIMARY KEY, revision INTEGER NOT NULL, state TEXT NOT NULL)`);
  const select = options.db.prepare<[string], { revision: number; state: string }>(`SELECT revision, state FROM ${table} WHERE stream_name = ?`);
  const upsert = options.db.prepare(
    `INSERT INTO ${table} (stream_name, revision, state) VALUES (?, ?, ?)
     ON CONFLICT (stream_name) DO UPDATE SET revision = excluded.revision, state = excluded.state WHERE excluded.revision > revision`,
  );
  const serialize = options.serialize ?? ((state: S) => state);
  const deserialize = options.deserialize ?? ((value: unknown) => value as S);
  return {
    async load(streamName) {
      const row = select.get(streamName);
      return row ? { revision: row.revision, state: deserialize(JSON.parse(row.state)) } : undefined;
    },
    async save(streamName, snapshot: Snapshot<S>) {
      upsert.run(streamName, snapshot.revision, JSON.stringify(serialize(snapshot.state)));
    },
  };
}
