import type Database from 'better-sqlite3';

const readers = new WeakMap<Database.Database, Database.Statement<[], { synchronous: number }>>();

/**
 * The recomputable commit (every other commit is durable, synced before it resolves): runs
 * `work` (one or more transactions) with `synchronous=NORMAL`, then puts the connection's
 * own level back. For writes that may be lost by a power loss because they can be
 * recomputed, and only ever fall back, never ahead: checkpoints, consumer positions, and
 * read models written with their checkpoint. In WAL mode they commit without an fsync;
 * the next synced commit of the connection makes them durable too, since the log is
 * synced whole.
 * (The level is set with `exec`: SQLite applies `PRAGMA synchronous = ...` when the
 * statement is prepared, so a prepared one run again does nothing.)
 */
export function withoutFsync<T>(db: Database.Database, work: () => T): T {
  let reader = readers.get(db);
  if (!reader) {
    reader = db.prepare<[], { synchronous: number }>('PRAGMA synchronous');
    readers.set(db, reader);
  }
  const level = reader.get()?.synchronous ?? 2;
  if (level <= 1) return work();
  db.exec('PRAGMA synchronous = NORMAL');
  try {
    return work();
  } finally {
    db.exec(`PRAGMA synchronous = ${level}`);
  }
}
