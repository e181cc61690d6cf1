import Database from 'better-sqlite3';
import { type EventStore, EventStoreUnwritableError, type StorageFault } from '../lib/port';

/**
 * A real store whose writes fail while `failing` is set, as its adapter reports a full
 * disk (or another fault): appends and probes are refused with `EventStoreUnwritableError`,
 * caused by the SQLite error the file would raise. Reads go on. Counts what it refused.
 */
export class FailingWrites {
  readonly store: EventStore;
  failing: StorageFault | null = null;
  refused = 0;

  constructor(inner: EventStore, location: string) {
    const refuse = (): Promise<never> => {
      this.refused++;
      const fault = this.failing ?? 'full';
      const cause = new Database.SqliteError(fault === 'full' ? 'database or disk is full' : 'attempt to write a readonly database', fault === 'full' ? 'SQLITE_FULL' : 'SQLITE_READONLY');
      return Promise.reject(new EventStoreUnwritableError(location, fault, { cause }));
    };
    this.store = {
      appendToStream: (streamName, events, expected) => (this.failing ? refuse() : inner.appendToStream(streamName, events, expected)),
      readStream: (streamName, options) => inner.readStream(streamName, options),
      readAll: (options) => inner.readAll(options),
      subscribeToAll: (options) => inner.subscribeToAll(options),
      headPosition: () => inner.headPosition(),
      probeWrite: () => (this.failing ? refuse() : (inner.probeWrite?.() ?? Promise.resolve())),
      close: () => inner.close(),
    };
  }
}
