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
  drop(db: Database.Database): void;
}
