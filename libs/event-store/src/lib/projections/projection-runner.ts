import type Database from 'better-sqlite3';
import { matchesFilter } from '../event-filter';
import type { EventFilter, EventStore, RecordedEvent } from '../port';
import { StoreProcessor } from '../processor/store-processor';
import { withoutFsync } from '@billing/sqlite';
import type { Projection } from './projection';

export interface ProjectionRunnerOptions {
  readonly store: EventStore;
  /** The read models' database; their checkpoints live in it too. */
  readonly db: Database.Database;
  /**
   * One read model, or several of one database followed together: one subscription, one
   * transaction per batch, each with its own checkpoint (so one can be added or rebuilt
   * alone, and each catches up from where it stood).
   */
  readonly projection: Projection | readonly Projection[];
  /** Most events applied in one transaction. */
  readonly maxBatch?: number;
  /**
   * Write behind: events are absorbed in memory as they come (readers of the read models
   * see them, `waitFor` resolves), and rows and checkpoints are written together at most
   * this many milliseconds later, or at `writeNow` (before a read of the file) and `stop`.
   * Every projection must then `absorb` and `writeAbsorbed`. A crash loses only what
   * waited, and it is recomputed from the store like any read model.
   */
  readonly writeBehindMillis?: number;
  /**
   * A runner that failed (a batch that would not commit, a subscription that broke) starts
   * again by itself from its checkpoints on file this many milliseconds later (default
   * 1,000), twice as late for each failure in a row, up to 30 s. `null`: it stays stopped
   * until `start` is called.
   */
  readonly restartAfterMillis?: number | null;
  /** Told of each failure, and in how many milliseconds the runner starts again (null: not by itself). */
  readonly onFailure?: (error: Error, restartInMillis: number | null) => void;
}

const MAX_RESTART_DELAY_MILLIS = 30_000;

/** An `onFailure` that logs each failure as an error, naming the runner (any logger with `error`). */
export function logRunnerFailures(logger: { error(message: string, fields?: Record<string, unknown>): void }, runner: string): NonNullable<ProjectionRunnerOptions['onFailure']> {
  return (error, restartInMillis) =>
    logger.error('read models failed; they resume from their checkpoints on file when started again', { runner, error: error.message, restartInMillis });
}

interface Waiter {
  readonly position: number;
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
}

/**
 * Follows the store from the read models' checkpoints (a `StoreProcessor`). The events that
 * piled up since the last batch are applied in one transaction that also moves the checkpoints. After a failure it
 * starts again by itself from the checkpoints on file (see `restartAfterMillis`).
 */
export class ProjectionRunner {
  private processor: StoreProcessor | null = null;
  private waiters: Waiter[] = [];
  private failure: Error | null = null;
  private failuresInARow = 0;
  private restart: NodeJS.Timeout | null = null;
  private stopped = true;
  private readonly applyBatch: Database.Transaction<(events: readonly RecordedEvent[]) => void>;
  private readonly readCheckpoint: Database.Statement<[string], { position: number }>;
  private readonly writeCheckpoint: Database.Statement<[string, number]>;
  private readonly clearCheckpoint: Database.Statement<[string]>;
  private readonly projections: readonly Projection[];
  /** Each read model's checkpoint as applied (read from the file once; ahead of it while writes wait behind). */
  private readonly checkpoints = new Map<string, number>();
  /** A runner that writes behind: its transaction, and the timer that runs it. */
  private readonly writeBehind: Database.Transaction<() => void> | null;
  private writeTimer: NodeJS.Timeout | null = null;

  constructor(private readonly options: ProjectionRunnerOptions) {
    const { db } = options;
    this.projections = Array.isArray(options.projection) ? options.projection : [options.projection as Projection];
    if (this.projections.length === 0) throw new Error('A projection runner needs at least one projection');
    db.exec('CREATE TABLE IF NOT EXISTS projection_checkpoints (name TEXT PRIMARY KEY, position INTEGER NOT NULL)');
    for (const projection of this.projections) projection.setup(db);
    this.readCheckpoint = db.prepare('SELECT position FROM projection_checkpoints WHERE name = ?');
    this.writeCheckpoint = db.prepare(
      'INSERT INTO projection_checkpoints (name, position) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET position = excluded.position',
    );
    this.clearCheckpoint = db.prepare('DELETE FROM projection_checkpoints WHERE name = ?');
    this.applyBatch = db.transaction((events: readonly RecordedEvent[]) => {
      const last = events[events.length - 1];
      if (!last) return;
      for (const projection of this.projections) {
        // Each applies what is past its own checkpoint and passes its own filter.
        const from = this.checkpointOf(projection);
        const own = events.filter((e) => e.position > from && matchesFilter(projection.filter, e.streamName, e.type));
        if (own.length > 0) {
          if (projection.applyBatch) projection.applyBatch(db, own);
          else for (const event of own) projection.apply(db, event);
        }
        if (last.position > from) this.writeCheckpoint.run(projection.name, last.position);
      }
    });
    this.writeBehind = options.writeBehindMillis === undefined ? null : this.writeAbsorbedTransaction(db);
    this.loadCheckpoints();
  }

  /** The position of the last event every read model has applied (0: none). */
  checkpoint(): number {
    return Math.min(...this.projections.map((p) => this.checkpointOf(p)));
  }

  start(): void {
    this.cancelRestart();
    this.stopped = false;
    if (this.processor) return;
    this.failure = null;
    this.loadCheckpoints();
    const filter = unionOf(this.projections.map((p) => p.filter));
    const processor = StoreProcessor.start({
      store: this.options.store,
      ...(filter ? { filter } : {}),
      after: this.checkpoint(),
      maxBatch: this.options.maxBatch ?? 1000,
      handle: async (events) => this.apply(events),
    });
    this.processor = processor;
    // A processor the runner left after a failure may still end: only the current one counts.
    void processor.closed.then((end) => {
      if (end.reason === 'failed' && this.processor === processor) this.fail(end.error);
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.cancelRestart();
    const processor = this.processor;
    this.processor = null;
    await processor?.stop();
    this.writeNow();
  }

  /** Writes what waits behind now (a runner that writes behind; else nothing waits). */
  writeNow(): void {
    if (this.writeTimer) clearTimeout(this.writeTimer);
    this.writeTimer = null;
    const write = this.writeBehind;
    if (!write || this.failure || !this.options.db.open) return;
    this.commit(() => write());
  }

  /** Drops the read models and replays every event into them from position 0. */
  async rebuild(): Promise<void> {
    await this.stop();
    const { db } = this.options;
    db.transaction(() => {
      for (const projection of this.projections) {
        projection.drop(db);
        this.clearCheckpoint.run(projection.name);
        projection.setup(db);
      }
    })();
    this.start();
  }

  /** Resolves once the event at `position` (or a later one) has been applied. */
  waitFor(position: number): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.checkpoint() >= position) return Promise.resolve();
    return new Promise((resolve, reject) => this.waiters.push({ position, resolve, reject }));
  }

  /** What piled up since the last batch: absorbed (write-behind) or applied in one transaction with the checkpoints. */
  private apply(events: readonly RecordedEvent[]): void {
    if (this.failure) throw this.failure;
    if (this.writeBehind) {
      this.absorb(events);
      return;
    }
    if (!this.commit(() => this.applyBatch(events))) throw this.failure ?? new Error('the read models did not commit');
    const last = events[events.length - 1];
    if (last) for (const projection of this.projections) if (last.position > this.checkpointOf(projection)) this.checkpoints.set(projection.name, last.position);
    this.resolveWaiters();
  }

  /**
   * Runs one transaction of the read models and tells them how it ended; a failure stops
   * the runner (see `fail`). A read model is the store's events replayed: rows and
   * checkpoint commit together and can only fall back together, so no fsync of their own.
   */
  private commit(transaction: () => void): boolean {
    try {
      withoutFsync(this.options.db, transaction);
    } catch (error) {
      for (const projection of this.projections) projection.afterTransaction?.(false);
      this.fail(error as Error);
      return false;
    }
    for (const projection of this.projections) projection.afterTransaction?.(true);
    this.failuresInARow = 0;
    return true;
  }

  private resolveWaiters(): void {
    const checkpoint = this.checkpoint();
    this.waiters = this.waiters.filter((w) => (w.position <= checkpoint ? (w.resolve(), false) : true));
  }

  /** The write-behind transaction: each read model's absorbed rows, then its checkpoint as applied. */
  private writeAbsorbedTransaction(db: Database.Database): Database.Transaction<() => void> {
    const missing = this.projections.filter((p) => !p.absorb || !p.writeAbsorbed).map((p) => p.name);
    if (missing.length > 0) throw new Error(`Read models that cannot write behind: ${missing.join(', ')} (absorb and writeAbsorbed are needed)`);
    return db.transaction(() => {
      for (const projection of this.projections) {
        projection.writeAbsorbed?.(db);
        this.writeCheckpoint.run(projection.name, this.checkpointOf(projection));
      }
    });
  }

  private absorb(events: readonly RecordedEvent[]): void {
    const last = events[events.length - 1];
    if (!last) return;
    for (const projection of this.projections) {
      const from = this.checkpointOf(projection);
      const own = events.filter((e) => e.position > from && matchesFilter(projection.filter, e.streamName, e.type));
      if (own.length > 0) projection.absorb?.(own);
      if (last.position > from) this.checkpoints.set(projection.name, last.position);
    }
    this.resolveWaiters();
    this.scheduleWrite();
  }

  /** Writes what was absorbed `writeBehindMillis` after the first event since the last write; the timer keeps no process alive. */
  private scheduleWrite(): void {
    const delay = this.options.writeBehindMillis;
    if (this.writeTimer || delay === undefined) return;
    this.writeTimer = setTimeout(() => {
      this.writeTimer = null;
      this.writeNow();
    }, delay);
    this.writeTimer.unref();
  }

  private checkpointOf(projection: Projection): number {
    return this.checkpoints.get(projection.name) ?? 0;
  }

  private loadCheckpoints(): void {
    for (const projection of this.projections) this.checkpoints.set(projection.name, this.readCheckpoint.get(projection.name)?.position ?? 0);
  }

  /** A failed batch rolled back with its checkpoint: the runner stops where it stood, and starts again later. */
  private fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    // What was absorbed and not written is read again from the checkpoint on file at the next start.
    if (this.writeBehind) for (const projection of this.projections) projection.afterTransaction?.(false);
    void this.processor?.stop();
    this.processor = null;
    for (const waiter of this.waiters) waiter.reject(error);
    this.waiters = [];
    const delay = this.stopped ? null : this.restartDelay();
    this.options.onFailure?.(error, delay);
    if (delay === null) return;
    this.restart = setTimeout(() => {
      this.restart = null;
      if (!this.options.db.open) return; // closed meanwhile: nothing to start again
      try {
        this.start();
      } catch (restartFailed) {
        this.fail(restartFailed as Error);
      }
    }, delay);
    this.restart.unref();
  }

  private restartDelay(): number | null {
    const first = this.options.restartAfterMillis === undefined ? 1_000 : this.options.restartAfterMillis;
    if (first === null) return null;
    this.failuresInARow += 1;
    return Math.min(MAX_RESTART_DELAY_MILLIS, first * 2 ** (this.failuresInARow - 1));
  }

  private cancelRestart(): void {
    if (this.restart) clearTimeout(this.restart);
    this.restart = null;
  }
}

/** A filter every event of any of `filters` passes: stream prefixes merged when that is exact, else none. */
function unionOf(filters: readonly (EventFilter | undefined)[]): EventFilter | undefined {
  const exact = filters.every((f) => f?.streamPrefixes && f.streamPrefixes.length > 0 && !(f.eventTypes && f.eventTypes.length > 0));
  if (filters.length === 1) return filters[0];
  return exact ? { streamPrefixes: [...new Set(filters.flatMap((f) => f?.streamPrefixes ?? []))] } : undefined;
}
