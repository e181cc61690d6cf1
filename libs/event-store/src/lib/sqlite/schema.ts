import type Database from 'better-sqlite3';

/**
 * One table of events in global order (the INTEGER PRIMARY KEY is the position) and a
 * table of stream ids, so the per-stream unique index holds small integer keys.
 */
export const EVENTS_SCHEMA = `
CREATE TABLE IF NOT EXISTS streams (
  stream_id   INTEGER PRIMARY KEY,
  stream_name TEXT NOT NULL UNIQUE
);
CREATE TABLE IF NOT EXISTS events (
  position       INTEGER PRIMARY KEY,
  stream_name    TEXT    NOT NULL,
  stream_id      INTEGER NOT NULL REFERENCES streams (stream_id),
  revision       INTEGER NOT NULL,
  event_id       TEXT    NOT NULL,
  type           TEXT    NOT NULL,
  schema_version INTEGER NOT NULL,
  data           TEXT    NOT NULL,
  metadata       TEXT    NOT NULL,
  recorded_at    INTEGER NOT NULL,
  previous_hash  TEXT    NOT NULL,
  hash           TEXT    NOT NULL,
  UNIQUE (stream_id, revision)
);
`;

/** The ledger's durability: WAL, and every COMMIT fsynced before an append resolves. */
export function applyDurabilityPragmas(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = OFF');
}

/** Column order of every event read; `decodeRow` relies on it. */
export const EVENT_COLUMNS =
  'position, stream_name, revision, event_id, type, schema_version, data, metadata, recorded_at, previous_hash, hash';
