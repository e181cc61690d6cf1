import Database from 'better-sqlite3';
import { parseWalletStreamName, walletStreamName } from '@billing/contracts';
import type { AuditSource, StreamSelection } from './audit-source';
import type { StoredEvent } from './stored-event';

type Row = [number, string, number, string, string, number, string, string, number, string, string];

const COLUMNS = 'position, stream_name, revision, event_id, type, schema_version, data, metadata, recorded_at, previous_hash, hash';

export interface SqliteAuditSourceOptions {
  /** Rows per page (default 10,000). */
  readonly pageSize?: number;
  /**
   * Only the streams of one partition (a hash of the wallet a stream belongs to, else of
   * its name, modulo `count`): every event of a wallet, whichever period stream holds it,
   * lands in the same partition, in order, so partitions can be audited side by side.
   */
  readonly partition?: { readonly count: number; readonly index: number };
}

/**
 * The embedded store's file, opened read-only and read in raw mode: rows stay JSON text
 * until the audit parses what it needs, and the hash is checked over the stored text.
 * This is the audit's fast path; `eventStoreAuditSource` reads any adapter through the port.
 */
export function openSqliteAuditSource(path: string, options: SqliteAuditSourceOptions = {}): AuditSource {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  const pageSize = options.pageSize ?? 10_000;
  if (options.partition) {
    const count = Math.trunc(options.partition.count);
    db.function('audit_partition', { deterministic: true }, (streamName: unknown) => partitionOf(String(streamName), count));
  }
  const partition = options.partition ? `AND audit_partition(stream_name) = ${Math.trunc(options.partition.index)}` : '';
  const byPosition = db
    .prepare<[number, number, number, string, number], Row>(
      `SELECT ${COLUMNS} FROM events WHERE position > ? AND position <= ? AND substr(stream_name, 1, ?) = ? ${partition} ORDER BY position LIMIT ?`,
    )
    .raw(true);
  const everything = db
    .prepare<[number, number, number], Row>(`SELECT ${COLUMNS} FROM events WHERE position > ? AND position <= ? ${partition} ORDER BY position LIMIT ?`)
    .raw(true);
  const byStream = db
    .prepare<[string, number, number], Row>(`SELECT ${COLUMNS} FROM events WHERE stream_id = (SELECT stream_id FROM streams WHERE stream_name = ?) AND position > ?
       ORDER BY position LIMIT ?`)
    .raw(true);
  const head = db.prepare<[], { head: number }>('SELECT COALESCE(MAX(position), 0) AS head FROM events');

  return {
    location: path,
    headPosition: async () => head.get()?.head ?? 0,
    async *pages(selection: StreamSelection, untilPosition: number, afterPosition = 0) {
      const prefix = selection.streamPrefix;
      let after = afterPosition;
      for (;;) {
        const rows =
          prefix === '' ? everything.all(after, untilPosition, pageSize) : byPosition.all(after, untilPosition, prefix.length, prefix, pageSize);
        if (rows.length === 0) return;
        const page = rows.map(toStoredEvent);
        yield page;
        if (rows.length < pageSize) return;
        after = (page[page.length - 1] as StoredEvent).position;
      }
    },
    async *stream(streamName: string) {
      // By position, not revision: a reordered or missing revision must show up as such.
      let after = 0;
      for (;;) {
        const rows = byStream.all(streamName, after, pageSize);
        if (rows.length === 0) return;
        const page = rows.map(toStoredEvent);
        yield page;
        if (rows.length < pageSize) return;
        after = (page[page.length - 1] as StoredEvent).position;
      }
    },
    close: async () => {
      db.close();
    },
  };
}

/** The partition of a stream: its wallet's name hashed (FNV-1a), so a wallet's period streams stay together. */
export function partitionOf(streamName: string, count: number): number {
  const wallet = parseWalletStreamName(streamName);
  const key = wallet === undefined ? streamName : walletStreamName(wallet.accountId, wallet.pool);
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % count;
}

function toStoredEvent(row: Row): StoredEvent {
  return {
    position: row[0],
    streamName: row[1],
    revision: row[2],
    eventId: row[3],
    type: row[4],
    schemaVersion: row[5],
    dataJson: row[6],
    metadataJson: row[7],
    recordedAt: row[8],
    previousHash: row[9],
    hash: row[10],
  };
}
