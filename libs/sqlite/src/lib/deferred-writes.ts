import type Database from 'better-sqlite3';
import { LateWrite } from './late-write';
import { withoutFsync } from './without-fsync';

/** How long a checkpoint or an offset may wait in memory before it is written (at most). */
export const DEFAULT_WRITE_DELAY_MILLIS = 50;

/**
 * Positions that may be written late because losing one only takes it back: checkpoints
 * and consumer offsets. The latest value of each key waits in memory (where `get` answers
 * it at once) and every waiting value is written in one transaction without an fsync,
 * `delayMillis` after the first of them, or at `flush` (before closing). A lifecycle
 * that moves a few checkpoints per step then costs one commit per interval instead of
 * one per step. A crash loses at most the last interval, and what comes after the
 * written position is done again, idempotently, as after any crash.
 */
export class DeferredWrites<V> {
  private readonly pending = new Map<string, V>();
  private readonly late: LateWrite;
  private readonly writeAll: Database.Transaction<(values: readonly V[]) => void>;

  constructor(
    private readonly db: Database.Database,
    write: (value: V) => void,
    delayMillis = DEFAULT_WRITE_DELAY_MILLIS,
  ) {
    this.late = new LateWrite(db, delayMillis, () => this.flush());
    this.writeAll = db.transaction((values: readonly V[]) => {
      for (const value of values) write(value);
    });
  }

  /** The value waiting to be written for `key`, if one is. */
  get(key: string): V | undefined {
    return this.pending.get(key);
  }

  set(key: string, value: V): void {
    this.pending.set(key, value);
    this.late.schedule();
  }

  /** Writes every waiting value now. */
  flush(): void {
    this.late.cancel();
    if (this.pending.size === 0) return;
    const written = [...this.pending];
    withoutFsync(this.db, () => this.writeAll(written.map(([, value]) => value)));
    for (const [key, value] of written) if (this.pending.get(key) === value) this.pending.delete(key);
  }
}
