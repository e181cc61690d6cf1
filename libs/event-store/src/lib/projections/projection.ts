import type Database from 'better-sqlite3';
import type { EventFilter, RecordedEvent } from '../port';

/**
 * A read model kept in SQLite. `apply` runs inside the runner's transaction, together with
 * the checkpoint update, so an event is applied exactly once even across crashes.
 */
export interface Projection {
  /** The checkpoint's key: one per read model. */
  readonly name: string;
  readonly filter?: EventFilter;
  setup(db: Database.Database): void;
  apply(db: Database.Database, event: RecordedEvent): void;
  /**
   * Optional: applies a batch at once (same transaction, same result as `apply` for each
   * event in order), for read models that write a row once per batch instead of per event.
   */
  applyBatch?(db: Database.Database, events: readonly RecordedEvent[]): void;
  /**
   * Optional: told once the runner's transaction ended, committed or rolled back, for
   * read models that keep what they wrote in memory (only what committed may be kept).
   */
  afterTransaction?(committed: boolean): void;
  /**
   * Optional, with `writeAbsorbed`, for a runner that writes behind: applies events in
   * memory only, where the read model's readers see them at once.
   */
  absorb?(events: readonly RecordedEvent[]): void;
  /**
   * Optional, with `absorb`: writes what was absorbed since the last committed write,
   * inside the runner's transaction with the checkpoint. `afterTransaction` tells whether
   * it committed; after a rollback the runner stops, and on its next start it reads again
   * from the checkpoint on file, so what was absorbed is to be forgotten.
   */
  writeAbsorbed?(db: Database.Database): void;
  drop(db: Database.Database): void;
}
