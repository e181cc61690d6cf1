import pg from 'pg';
import { CatchUpSubscription, type ScannedPage } from '../catch-up-subscription';
import { matchesExpected } from '../expected-revision';
import { computeEventHash, GENESIS_HASH } from '../hash-chain';
import {
  type AppendResult,
  type EventFilter,
  type EventStore,
  EventStoreClosedError,
  type ExpectedRevision,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeOptions,
  type Subscription,
  WrongExpectedRevisionError,
} from '../port';
import { LruCache } from '../repository/lru-cache';
import { type SerializedEvent, serializeEvent } from '../serialized-event';
import { decodeRow, type EventRow } from '../sqlite/row-decoding';
import { Signal } from '@billing/util';
import { ensureEventsSchema, PG_EVENT_COLUMNS, quotedSchema } from './postgres-schema';

export interface PostgresEventStoreOptions {
  /** `postgres://user@host:port/database` (DATABASE_URL). */
  readonly connectionString: string;
  /** The service's schema: instances of one service share it, services keep apart. */
  readonly schema: string;
  readonly clock?: () => number;
  readonly poolSize?: number;
  readonly pageSize?: number;
  /** How often subscribers look for commits if a notification was lost. */
  readonly pollIntervalMs?: number;
  /** Re-reads of the stream head when an `any` append loses a race to another writer. */
  readonly maxChainRetries?: number;
  /** Most appends written in one transaction. */
  readonly maxBatchAppends?: number;
}

interface StreamHead {
  readonly revision: number;
  readonly hash: string;
}

/** An append waiting for the next batch; resolves null when its revision was taken. */
interface PendingAppend {
  readonly streamName: string;
  readonly events: readonly SerializedEvent[];
  readonly head: StreamHead;
  readonly resolve: (result: AppendResult | null) => void;
  readonly reject: (error: Error) => void;
}

const NO_STREAM: StreamHead = { revision: -1, hash: GENESIS_HASH };

/** bigint columns as numbers: positions and revisions stay far below 2^53. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 ? Number : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/**
 * PostgreSQL behind the port, shareable by several instances of a service. Expected
 * revisions are enforced by the unique (stream, revision) constraint: a writer chains its
 * events onto the head it knows and the database refuses a revision already taken. Appends
 * are grouped, many to a transaction. Global positions follow commit order (see
 * `postgres-schema`). Subscribers wake on NOTIFY.
 */
export async function openPostgresEventStore(options: PostgresEventStoreOptions): Promise<EventStore> {
  const pool = new pg.Pool({ connectionString: options.connectionString, max: options.poolSize ?? 8, types });
  // An idle connection that breaks is dropped by the pool; the next query opens another.
  pool.on('error', () => undefined);
  try {
    await ensureEventsSchema(pool, options.schema);
    const store = new PostgresEventStore(pool, options);
    await store.listen();
    return store;
  } catch (error) {
    await pool.end();
    throw error;
  }
}

class PostgresEventStore implements EventStore {
  private readonly s: string;
  private readonly channel: string;
  private readonly heads = new LruCache<string, StreamHead>(100_000);
  private readonly signal = new Signal();
  private readonly subscriptions = new Set<CatchUpSubscription>();
  private readonly ticker: NodeJS.Timeout;
  private listener: pg.Client | null = null;
  private queue: PendingAppend[] = [];
  private flushing = false;
  private closed = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly options: PostgresEventStoreOptions,
  ) {
    this.s = quotedSchema(options.schema);
    this.channel = `events_${options.schema}`;
    this.ticker = setInterval(() => this.signal.notify(), options.pollIntervalMs ?? 500).unref();
  }

  async listen(): Promise<void> {
    const listener = new pg.Client({ connectionString: this.options.connectionString, types });
    listener.on('notification', () => this.signal.notify());
    // A lost listener leaves the poll: subscribers still see every commit, later.
    listener.on('error', () => (this.listener = null));
    await listener.connect();
    await listener.query(`LISTEN "${this.channel}"`);
    this.listener = listener;
  }

  async appendToStream(streamName: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    this.assertOpen();
    const serialized = events.map(serializeEvent);
    for (let attempt = 0; ; attempt++) {
      const head = await this.headMatching(streamName, expected, serialized.length > 0);
      if (serialized.length === 0) return { nextExpectedRevision: head.revision, lastPosition: await this.headPosition() };
      const result = await new Promise<AppendResult | null>((resolve, reject) => {
        this.queue.push({ streamName, events: serialized, head, resolve, reject });
        this.scheduleFlush();
      });
      if (result) return result;
      // Another writer took the revision first.
      this.heads.delete(streamName);
      if (expected === 'any' && attempt < (this.options.maxChainRetries ?? 10)) continue;
      throw new WrongExpectedRevisionError(streamName, expected, (await this.readHead(streamName)).revision);
    }
  }

  async readStream(streamName: string, options: ReadStreamOptions = {}): Promise<readonly RecordedEvent[]> {
    this.assertOpen();
    const { rows } = await this.pool.query<EventRow>({
      text: `SELECT ${PG_EVENT_COLUMNS} FROM ${this.s}.events WHERE stream_name = $1 AND revision >= $2 ORDER BY revision LIMIT $3`,
      values: [streamName, options.fromRevision ?? 0, options.maxCount ?? null],
      rowMode: 'array',
    });
    const last = rows[rows.length - 1];
    if (last && options.maxCount === undefined) this.heads.set(streamName, { revision: last[2], hash: last[10] });
    return rows.map(decodeRow);
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    const pageSize = this.options.pageSize ?? 1000;
    let after = options.afterPosition ?? 0;
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    while (remaining > 0) {
      this.assertOpen();
      const { events } = await this.readPage(after, Math.min(pageSize, remaining), options.filter);
      yield* events;
      const last = events[events.length - 1];
      if (!last || events.length < Math.min(pageSize, remaining)) return;
      after = last.position;
      remaining -= events.length;
    }
  }

  subscribeToAll(options: SubscribeOptions = {}): Subscription {
    this.assertOpen();
    const subscription = new CatchUpSubscription(
      {
        readPage: (after, size) => (this.closed ? [] : this.readPage(after, size, options.filter)),
        nextChange: () => this.signal.next(),
      },
      options.afterPosition ?? 0,
      this.options.pageSize ?? 1000,
      (s) => this.subscriptions.delete(s),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async headPosition(): Promise<number> {
    this.assertOpen();
    const { rows } = await this.pool.query<{ position: number }>(`SELECT position FROM ${this.s}.log_head`);
    return rows[0]?.position ?? 0;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.ticker);
    // Appends already accepted are written (or fail) before the pool goes.
    while (this.flushing || this.queue.length > 0) await new Promise((resolve) => setTimeout(resolve, 5));
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    await this.listener?.end().catch(() => undefined);
    await this.pool.end();
  }

  /**
   * The head to chain onto: the cached one, re-read once when it does not match (another
   * writer moved it). A new stream needs no read: were it not new, its revision 0 is taken
   * and the append fails as any append on a stale head does.
   */
  private async headMatching(streamName: string, expected: ExpectedRevision, appending: boolean): Promise<StreamHead> {
    const cached = this.heads.get(streamName);
    if (cached && matchesExpected(expected, cached.revision)) return cached;
    if (!cached && expected === 'no_stream' && appending) return NO_STREAM;
    const head = await this.readHead(streamName);
    if (!matchesExpected(expected, head.revision)) throw new WrongExpectedRevisionError(streamName, expected, head.revision);
    return head;
  }

  private async readHead(streamName: string): Promise<StreamHead> {
    const { rows } = await this.pool.query<{ revision: number; hash: string }>(
      `SELECT revision, hash FROM ${this.s}.events WHERE stream_name = $1 ORDER BY revision DESC LIMIT 1`,
      [streamName],
    );
    const head = rows[0] ?? NO_STREAM;
    this.heads.set(streamName, head);
    return head;
  }

  private scheduleFlush(): void {
    if (this.flushing || this.queue.length === 0) return;
    this.flushing = true;
    setImmediate(() => void this.flush().finally(() => ((this.flushing = false), this.scheduleFlush())));
  }

  /**
   * Group commit: what queued while the last batch was written goes in one transaction
   * (one append per stream in it; a second waits for the next batch, chained onto the first).
   */
  private async flush(): Promise<void> {
    const batch: PendingAppend[] = [];
    const streams = new Set<string>();
    this.queue = this.queue.filter((append) => {
      if (streams.has(append.streamName) || batch.length >= (this.options.maxBatchAppends ?? 500)) return true;
      streams.add(append.streamName);
      batch.push(append);
      return false;
    });
    const recordedAt = (this.options.clock ?? Date.now)();
    const columns: [number[], string[], string[], number[], string[], string[], string[], string[]] = [[], [], [], [], [], [], [], []];
    const heads = batch.map(({ streamName, events, head }) => {
      let { revision, hash } = head;
      for (const event of events) {
        const previousHash = hash;
        revision += 1;
        hash = computeEventHash({ streamName, revision, ...event, recordedAt, previousHash });
        const row = [revision, event.eventId, event.type, event.schemaVersion, event.dataJson, event.metadataJson, previousHash, hash] as const;
        row.forEach((value, i) => (columns[i] as unknown[]).push(value));
      }
      return { revision, hash };
    });
    let lasts: (number | null)[];
    try {
      const { rows } = await this.pool.query<{ lasts: (string | null)[] }>(
        `SELECT ${this.s}.append_batch($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) AS lasts`,
        [batch.map((a) => a.streamName), batch.map((a) => a.events.length), recordedAt, this.channel, ...columns],
      );
      lasts = (rows[0]?.lasts ?? []).map((last) => (last === null ? null : Number(last)));
    } catch (error) {
      for (const append of batch) append.reject(error as Error);
      return;
    }
    this.signal.notify();
    batch.forEach((append, i) => {
      const last = lasts[i];
      const head = heads[i];
      if (last === null || last === undefined || !head) return append.resolve(null);
      this.heads.set(append.streamName, head);
      append.resolve({ nextExpectedRevision: head.revision, lastPosition: last });
    });
  }

  /**
   * Events after `after` in global order, and the log head read in the same snapshot:
   * everything up to it was considered, so a selective filter's next read starts there.
   */
  private async readPage(after: number, limit: number, filter?: EventFilter): Promise<ScannedPage> {
    const { rows } = await this.pool.query<[number, ...(EventRow | null[])]>({
      text: `SELECT h.position, e.* FROM ${this.s}.log_head h LEFT JOIN LATERAL (
               SELECT ${PG_EVENT_COLUMNS} FROM ${this.s}.events
               WHERE position > $1 AND position <= h.position
                 AND (cardinality($3::text[]) = 0 OR EXISTS (SELECT 1 FROM unnest($3::text[]) p WHERE starts_with(stream_name, p)))
                 AND (cardinality($4::text[]) = 0 OR type = ANY($4::text[]))
               ORDER BY position LIMIT $2) e ON true`,
      values: [after, limit, filter?.streamPrefixes ?? [], filter?.eventTypes ?? []],
      rowMode: 'array',
    });
    const scannedTo = rows[0]?.[0] ?? after;
    const events = rows.filter((row) => row[1] !== null).map((row) => decodeRow(row.slice(1) as EventRow));
    return { events, scannedTo };
  }

  private assertOpen(): void {
    if (this.closed) throw new EventStoreClosedError();
  }
}
