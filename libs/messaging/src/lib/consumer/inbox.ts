import type Database from 'better-sqlite3';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS handled_messages (
  consumer TEXT NOT NULL,
  event_id TEXT NOT NULL,
  handled_at INTEGER NOT NULL,
  PRIMARY KEY (consumer, event_id)
) WITHOUT ROWID;
`;

export interface InboxOutcome {
  readonly applied: number;
  readonly duplicates: number;
}

/**
 * The consumer's memory of what it handled, in its own SQLite database. An effect and
 * the record of its event id commit in one transaction, so a redelivered message finds
 * its id and has no effect, and a crash leaves either both or neither.
 */
export class SqliteInbox {
  private readonly remember: Database.Statement<[string, string, number]>;
  private readonly lookup: Database.Statement<[string, string], { n: number }>;

  constructor(readonly db: Database.Database) {
    db.exec(SCHEMA);
    this.remember = db.prepare('INSERT OR IGNORE INTO handled_messages (consumer, event_id, handled_at) VALUES (?, ?, ?)');
    this.lookup = db.prepare('SELECT 1 AS n FROM handled_messages WHERE consumer = ? AND event_id = ?');
  }

  /** One transaction for the whole batch (group commit); effects run only for ids not seen before. */
  handleBatch<T extends { readonly eventId: string }>(
    consumer: string,
    items: readonly T[],
    effect: (item: T, db: Database.Database) => void,
  ): InboxOutcome {
    const now = Date.now();
    return this.db.transaction((): InboxOutcome => {
      let applied = 0;
      for (const item of items) {
        if (this.remember.run(consumer, item.eventId, now).changes === 0) continue;
        effect(item, this.db);
        applied++;
      }
      return { applied, duplicates: items.length - applied };
    })();
  }

  hasHandled(consumer: string, eventId: string): boolean {
    return this.lookup.get(consumer, eventId) !== undefined;
  }
}

/** WAL with `synchronous=FULL`: an effect that was acknowledged survives a power loss. */
export const applyInboxPragmas = (db: Database.Database): void => {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
};
