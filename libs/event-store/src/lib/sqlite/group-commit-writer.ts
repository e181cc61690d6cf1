import type Database from 'better-sqlite3';
import { matchesExpected } from '../expected-revision';
import { computeEventHash } from '../hash-chain';
import { type AppendResult, type ExpectedRevision, WrongExpectedRevisionError } from '../port';
import type { SerializedEvent } from '../serialized-event';
import type { EventRow } from './row-decoding';
import type { StreamHead, StreamHeads } from './stream-heads';
import type { LogSync } from './wal-sync';

interface PendingAppend {
  readonly streamName: string;
  readonly events: readonly SerializedEvent[];
  readonly expected: ExpectedRevision;
  readonly resolve: (result: AppendResult) => void;
  readonly reject: (error: Error) => void;
}

type Outcome = { ok: true; result: AppendResult } | { ok: false; error: Error };

/** A committed batch waiting for the sync that makes it durable. */
interface Unsynced {
  readonly head: number;
  readonly batch: readonly PendingAppend[];
  readonly outcomes: readonly Outcome[];
}

export class EventStoreSyncError extends Error {
  constructor(override readonly cause: Error) {
    super(`The event store could not make its log durable (${cause.message}); appends are refused until the process restarts`);
    this.name = 'EventStoreSyncError';
  }
}

/**
 * Group commit: appends queue in memory; one flush (scheduled with `setImmediate`, so all
 * callers of the same tick share it) writes up to `maxBatch` appends in ONE transaction.
 * Expected revisions are checked per append inside the transaction: a failed check
 * rejects that append only.
 *
 * Durability: with a `LogSync` (`WalSync`) the COMMIT does not sync; one sync at a time runs in the
 * thread pool and covers every commit before it started, while the thread goes on with
 * other work and the next batches. Appends resolve, and subscribers see events, only up
 * to the `durablePosition`. Decisions may read a stream past it (`readStream`): their own
 * append comes later in the same log, so a power loss never keeps it without them.
 * Without one (`synchronous=FULL`), a commit is durable when COMMIT returns.
 */
export class GroupCommitWriter {
  private queue: PendingAppend[] = [];
  private scheduled = false;
  private head: number;
  private idle: Promise<void> = Promise.resolve();
  private markIdle: () => void = () => undefined;
  private readonly insertStream: Database.Statement<[string]>;
  private readonly insertEvent: Database.Statement<unknown[]>;
  private readonly writeBatch: Database.Transaction<
    (batch: readonly PendingAppend[], changes: Map<string, StreamHead>) => Outcome[]
  >;
  /** The rows of the last committed events, exactly as stored, oldest first (see `recent`). */
  private tail: EventRow[] = [];
  private tailStart = 0;
  private batchRows: EventRow[] = [];
  private durable: number;
  private readonly unsynced: Unsynced[] = [];
  private syncing = false;
  private failure: EventStoreSyncError | null = null;
  private busy = false;

  constructor(
    db: Database.Database,
    private readonly heads: StreamHeads,
    private readonly clock: () => number,
    private readonly onCommit: (headPosition: number) => void,
    private readonly maxBatch: number,
    private readonly tailCapacity = 8192,
    private readonly walSync: LogSync | null = null,
  ) {
    this.head = (db.prepare('SELECT COALESCE(MAX(position), 0) AS head FROM events').get() as { head: number }).head;
    this.durable = this.head;
    this.insertStream = db.prepare('INSERT INTO streams (stream_name) VALUES (?)');
    this.insertEvent = db.prepare('INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
    this.writeBatch = db.transaction((batch: readonly PendingAppend[], changes: Map<string, StreamHead>) =>
      this.write(batch, changes),
    );
  }

  /** The last committed position (decisions read up to it). */
  get headPosition(): number {
    return this.head;
  }

  /** The last position known to be on disk: what appends acknowledge and subscribers see. */
  get durablePosition(): number {
    return this.durable;
  }

  /**
   * The durable rows after `afterPosition` (at most `limit` that `accept`s), when they are
   * all still in memory; null when older ones are needed (read them from the file).
   */
  recent(afterPosition: number, limit: number, accept: (row: EventRow) => boolean): EventRow[] | null {
    const tailEnd = this.tailStart + this.tail.length; // position after the last row held
    if (afterPosition >= this.durable) return [];
    if (this.tail.length === 0 || afterPosition + 1 < this.tailStart || afterPosition >= tailEnd) return null;
    const end = Math.min(this.tail.length, this.durable + 1 - this.tailStart);
    const rows: EventRow[] = [];
    for (let i = afterPosition + 1 - this.tailStart; i < end && rows.length < limit; i++) {
      const row = this.tail[i];
      if (row && accept(row)) rows.push(row);
    }
    return rows;
  }

  enqueue(streamName: string, events: readonly SerializedEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      if (!this.busy) {
        this.busy = true;
        this.idle = new Promise((done) => (this.markIdle = done));
      }
      this.queue.push({ streamName, events, expected, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Resolves once everything queued so far has been committed and synced, or rejected. */
  drained(): Promise<void> {
    return this.idle;
  }

  private flush(): void {
    this.scheduled = false;
    if (this.failure) return;
    const batch = this.queue.splice(0, this.maxBatch);
    const changes = new Map<string, StreamHead>();
    const committedHead = this.head;
    this.batchRows = [];
    let outcomes: Outcome[];
    try {
      outcomes = this.writeBatch.immediate(batch, changes);
    } catch (error) {
      // Rolled back: forget what this batch assumed, and fail every append in it.
      this.heads.forgetAll();
      this.head = committedHead;
      this.batchRows = [];
      for (const append of batch) append.reject(error as Error);
      this.afterFlush();
      return;
    }
    this.heads.commit(changes);
    this.remember(this.batchRows);
    this.batchRows = [];
    if (!this.walSync || (this.head === this.durable && this.unsynced.length === 0)) {
      // Synced by COMMIT itself, or nothing new to sync.
      this.durable = this.head;
      settle(batch, outcomes);
      this.onCommit(this.durable);
    } else {
      this.unsynced.push({ head: this.head, batch, outcomes });
      this.startSync();
    }
    this.afterFlush();
  }

  /** One sync at a time; when it ends, the next one covers whatever was committed meanwhile. */
  private startSync(): void {
    if (this.syncing || !this.walSync || this.failure) return;
    this.syncing = true;
    const target = this.head;
    this.walSync.sync((error) => {
      this.syncing = false;
      if (error) {
        this.fail(new EventStoreSyncError(error));
        return;
      }
      this.durable = Math.max(this.durable, target);
      while (this.unsynced[0] && this.unsynced[0].head <= this.durable) {
        const done = this.unsynced.shift();
        if (done) settle(done.batch, done.outcomes);
      }
      this.onCommit(this.durable);
      if (this.unsynced.length > 0) this.startSync();
      else this.afterFlush();
    });
  }

  /**
   * A failed sync leaves the log's state on disk unknown: every append not yet
   * acknowledged is rejected (its events may or may not survive; callers retry with the
   * same ids), and so is every later one, until the process restarts and SQLite recovers.
   */
  private fail(failure: EventStoreSyncError): void {
    this.failure = failure;
    for (const unsynced of this.unsynced.splice(0)) for (const append of unsynced.batch) append.reject(failure);
    for (const append of this.queue.splice(0)) append.reject(failure);
    this.afterFlush();
  }

  private remember(rows: readonly EventRow[]): void {
    if (rows.length === 0 || this.tailCapacity <= 0) return;
    const first = rows[0];
    if (!first) return;
    if (this.tail.length === 0 || this.tailStart + this.tail.length !== first[0]) {
      this.tail = [];
      this.tailStart = first[0];
    }
    this.tail.push(...rows);
    const excess = this.tail.length - this.tailCapacity;
    if (excess > this.tailCapacity / 4) {
      this.tail = this.tail.slice(excess);
      this.tailStart += excess;
    }
  }

  private afterFlush(): void {
    if (this.queue.length > 0) {
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    } else if (this.unsynced.length === 0 && !this.syncing && this.busy) {
      this.busy = false;
      this.markIdle();
    }
  }

  /** Runs inside BEGIN IMMEDIATE ... COMMIT. Changes to heads stay batch-local until COMMIT. */
  private write(batch: readonly PendingAppend[], changes: Map<string, StreamHead>): Outcome[] {
    const recordedAt = this.clock();
    return batch.map((append): Outcome => {
      const head = changes.get(append.streamName) ?? this.heads.get(append.streamName);
      if (!matchesExpected(append.expected, head.revision)) {
        return { ok: false, error: new WrongExpectedRevisionError(append.streamName, append.expected, head.revision) };
      }
      if (append.events.length === 0) {
        return { ok: true, result: { nextExpectedRevision: head.revision, lastPosition: this.head } };
      }
      const streamId = head.streamId ?? Number(this.insertStream.run(append.streamName).lastInsertRowid);
      let { revision, hash } = head;
      for (const event of append.events) {
        const previousHash = hash;
        revision += 1;
        this.head += 1;
        hash = computeEventHash({ streamName: append.streamName, revision, ...event, recordedAt, previousHash });
        this.insertEvent.run(
          this.head, append.streamName, streamId, revision, event.eventId, event.type, event.schemaVersion,
          event.dataJson, event.metadataJson, recordedAt, previousHash, hash,
        );
        this.batchRows.push([
          this.head, append.streamName, revision, event.eventId, event.type, event.schemaVersion,
          event.dataJson, event.metadataJson, recordedAt, previousHash, hash,
        ]);
      }
      changes.set(append.streamName, { streamId, revision, hash });
      return { ok: true, result: { nextExpectedRevision: revision, lastPosition: this.head } };
    });
  }
}

function settle(batch: readonly PendingAppend[], outcomes: readonly Outcome[]): void {
  batch.forEach((append, i) => {
    const outcome = outcomes[i];
    if (outcome?.ok) append.resolve(outcome.result);
    else append.reject(outcome?.error ?? new Error('append lost its outcome'));
  });
}
