import Database from 'better-sqlite3';
import { CatchUpSubscription, type ScannedPage } from '../catch-up-subscription';
import {
  type AppendResult,
  type EventFilter,
  type EventStore,
  EventStoreClosedError,
  EventStoreReadOnlyError,
  type ExpectedRevision,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeOptions,
  type Subscription,
} from '../port';
import { Signal } from '@billing/util';
import { pollEvery } from './poll-every';
import { type SerializedEvent, serializeEvent } from '../serialized-event';
import { GroupCommitWriter } from './group-commit-writer';
import { applyDurabilityPragmas, EVENTS_SCHEMA } from './schema';
import { decodeRow, type EventRow } from './row-decoding';
import { SqliteReader } from './sqlite-reader';
import { asUnwritable } from './storage-faults';
import { StreamHeads } from './stream-heads';
import { WalSync } from './wal-sync';
import { WriterLock } from './writer-lock';

export interface SqliteEventStoreOptions {
  /** The database file: one per service. */
  readonly path: string;
  /** Open an existing file for reading only (audits of a copy, or beside a live writer). */
  readonly readOnly?: boolean;
  /** Source of `recordedAt`. */
  readonly clock?: () => number;
  /** Most appends committed in one transaction. */
  readonly maxBatchAppends?: number;
  /** Rows per page for readAll and subscriptions. */
  readonly pageSize?: number;
  /** How often a read-only store's subscriptions look for new events. */
  readonly pollIntervalMs?: number;
  /**
   * Sync the log in the thread pool, one sync covering every commit before it (default
   * true), or inside each COMMIT on the thread (`synchronous=FULL`). Appends resolve only
   * once durable either way.
   */
  readonly syncOffThread?: boolean;
}

/**
 * The embedded event store: SQLite in WAL, one writer, group commit; an append resolves
 * once its commit is on disk (synced off the thread: see `WalSync`).
 */
export function openSqliteEventStore(options: SqliteEventStoreOptions): EventStore {
  return new SqliteEventStore(options);
}

class SqliteEventStore implements EventStore {
  private readonly db: Database.Database;
  private readonly reader: SqliteReader;
  private readonly writer: GroupCommitWriter | null;
  private readonly heads: StreamHeads | null;
  private readonly lock: WriterLock | null;
  private readonly walSync: WalSync | null;
  private readonly signal = new Signal();
  private readonly nextChange: () => Promise<void>;
  private readonly subscriptions = new Set<CatchUpSubscription>();
  private readonly pageSize: number;
  private closed = false;

  constructor(private readonly options: SqliteEventStoreOptions) {
    this.pageSize = options.pageSize ?? 2000;
    if (options.readOnly) {
      this.lock = null;
      this.walSync = null;
      this.db = new Database(options.path, { readonly: true, fileMustExist: true });
      this.writer = null;
      this.heads = null;
      this.nextChange = pollEvery(options.pollIntervalMs ?? 200);
    } else {
      this.lock = WriterLock.acquire(options.path);
      let walSync: WalSync | null = null;
      try {
        this.db = new Database(options.path);
        applyDurabilityPragmas(this.db);
        this.db.exec(EVENTS_SCHEMA);
        if (options.syncOffThread !== false && !this.db.memory) {
          walSync = new WalSync(options.path);
          this.db.pragma('synchronous = NORMAL');
        }
      } catch (error) {
        this.lock.release();
        throw error;
      }
      this.walSync = walSync;
      const heads = new StreamHeads(this.db);
      this.heads = heads;
      this.writer = new GroupCommitWriter(
        this.db, heads, options.clock ?? Date.now, () => this.signal.notify(), options.maxBatchAppends ?? 1000, undefined, walSync,
      );
      this.nextChange = () => this.signal.next();
    }
    this.reader = new SqliteReader(this.db);
  }

  appendToStream(streamName: string, events: readonly NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new EventStoreClosedError());
    if (!this.writer) return Promise.reject(new EventStoreReadOnlyError(this.options.path));
    let serialized: SerializedEvent[];
    try {
      serialized = events.map(serializeEvent);
    } catch (error) {
      return Promise.reject(error as Error);
    }
    return this.writer.enqueue(streamName, serialized, expectedRevision).catch((error: unknown) => {
      throw asUnwritable(error, this.options.path);
    });
  }

  /** One row rewritten in a table of its own: a full disk or a read-only file refuses it as it would an append. */
  async probeWrite(): Promise<void> {
    this.assertOpen();
    if (!this.writer) throw new EventStoreReadOnlyError(this.options.path);
    try {
      this.db.exec('CREATE TABLE IF NOT EXISTS write_probe (id INTEGER PRIMARY KEY CHECK (id = 1), probed_at INTEGER NOT NULL)');
      this.db.prepare('INSERT INTO write_probe VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET probed_at = excluded.probed_at').run(Date.now());
    } catch (error) {
      throw asUnwritable(error, this.options.path);
    }
  }

  async readStream(streamName: string, options?: ReadStreamOptions): Promise<readonly RecordedEvent[]> {
    this.assertOpen();
    // The writer's heads are exact (one writer per file, updated at COMMIT on this
    // connection): a read from past a stream's head needs no query. Callers holding a
    // cached state ask exactly that on every command.
    if (this.heads && (options?.fromRevision ?? 0) > this.heads.get(streamName).revision) return [];
    return this.reader.readStream(streamName, options);
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    let after = options.afterPosition ?? 0;
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    while (remaining > 0) {
      this.assertOpen();
      const upTo = this.visibleUpTo();
      const page = this.reader.readPage(after, Math.min(this.pageSize, remaining), options.filter);
      for (const event of page) {
        if (event.position > upTo) return;
        yield event;
      }
      if (page.length < this.pageSize) return;
      after = page[page.length - 1]?.position ?? after;
      remaining -= page.length;
    }
  }

  subscribeToAll(options: SubscribeOptions = {}): Subscription {
    this.assertOpen();
    const accept = acceptRow(options.filter);
    const subscription = new CatchUpSubscription(
      {
        readPage: (after, size) => (this.closed ? [] : this.readPage(after, size, accept, options.filter)),
        nextChange: this.nextChange,
      },
      options.afterPosition ?? 0,
      this.pageSize,
      (s) => this.subscriptions.delete(s),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  /**
   * Live subscribers read the last durable commits from the writer's memory; older pages
   * from the file. Either way everything up to the durable position was looked at.
   */
  private readPage(after: number, size: number, accept: (row: EventRow) => boolean, filter?: EventFilter): ScannedPage | readonly RecordedEvent[] {
    if (!this.writer) return this.reader.readPage(after, size, filter);
    const scannedTo = this.writer.durablePosition;
    const recent = this.writer.recent(after, size, accept);
    if (recent) return { events: recent.map(decodeRow), scannedTo };
    const upTo = this.visibleUpTo();
    return { events: this.reader.readPage(after, size, filter).filter((event) => event.position <= upTo), scannedTo };
  }

  /** Readers of the log leave out this writer's commits that are not yet synced. */
  private visibleUpTo(): number {
    const writer = this.writer;
    return writer && writer.headPosition > writer.durablePosition ? writer.durablePosition : Number.POSITIVE_INFINITY;
  }

  async headPosition(): Promise<number> {
    this.assertOpen();
    return this.writer ? this.writer.durablePosition : this.reader.headPosition();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.writer?.drained();
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    this.walSync?.close();
    this.db.close();
    this.lock?.release();
  }

  private assertOpen(): void {
    if (this.closed) throw new EventStoreClosedError();
  }
}

/** The filter of `SqliteReader.readPage` (exact, case-sensitive prefixes; any of the types), on a row. */
function acceptRow(filter?: EventFilter): (row: EventRow) => boolean {
  const prefixes = filter?.streamPrefixes ?? [];
  const types = new Set(filter?.eventTypes ?? []);
  return (row) => (prefixes.length === 0 || prefixes.some((p) => row[1].startsWith(p))) && (types.size === 0 || types.has(row[4]));
}
