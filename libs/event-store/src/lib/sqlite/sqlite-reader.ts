import type Database from 'better-sqlite3';
import type { EventFilter, ReadStreamOptions, RecordedEvent } from '../port';
import { decodeRow, type EventRow } from './row-decoding';
import { EVENT_COLUMNS } from './schema';

/** Reads by position or by stream with cached, raw-mode prepared statements. */
export class SqliteReader {
  private readonly byStream: Database.Statement<[string, number, number], EventRow>;
  private readonly filtered = new Map<string, Database.Statement<unknown[], EventRow>>();
  private readonly head: Database.Statement<[], { head: number }>;

  constructor(private readonly db: Database.Database) {
    this.byStream = db
      .prepare<[string, number, number], EventRow>(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = (SELECT stream_id FROM streams WHERE stream_name = ?)
         AND revision >= ? ORDER BY revision LIMIT ?`,
      )
      .raw(true);
    this.head = db.prepare('SELECT COALESCE(MAX(position), 0) AS head FROM events');
  }

  readStream(streamName: string, options: ReadStreamOptions = {}): RecordedEvent[] {
    const rows = this.byStream.all(streamName, options.fromRevision ?? 0, options.maxCount ?? -1);
    return rows.map(decodeRow);
  }

  /** Events after `afterPosition` in global order; `limit` rows at most. */
  readPage(afterPosition: number, limit: number, filter?: EventFilter): RecordedEvent[] {
    const prefixes = filter?.streamPrefixes ?? [];
    const types = filter?.eventTypes ?? [];
    const rows = this.statementFor(prefixes, types).all(afterPosition, ...prefixes, ...types, limit);
    return rows.map(decodeRow);
  }

  headPosition(): number {
    return this.head.get()?.head ?? 0;
  }

  private statementFor(prefixes: readonly string[], types: readonly string[]): Database.Statement<unknown[], EventRow> {
    // Prefix lengths are part of the SQL (substr is exact and case-sensitive, unlike LIKE).
    const key = `${prefixes.map((p) => p.length).join(',')}|${types.length}`;
    let statement = this.filtered.get(key);
    if (!statement) {
      const where = ['position > ?'];
      if (prefixes.length > 0) where.push(`(${prefixes.map((p) => `substr(stream_name, 1, ${p.length}) = ?`).join(' OR ')})`);
      if (types.length > 0) where.push(`type IN (${types.map(() => '?').join(', ')})`);
      statement = this.db
        .prepare<unknown[], EventRow>(`SELECT ${EVENT_COLUMNS} FROM events WHERE ${where.join(' AND ')} ORDER BY position LIMIT ?`)
        .raw(true);
      this.filtered.set(key, statement);
    }
    return statement;
  }
}
