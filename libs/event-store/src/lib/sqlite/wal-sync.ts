import { closeSync, fdatasync, openSync } from 'node:fs';

/** What the group-commit writer needs to make its commits durable. */
export interface LogSync {
  /** Calls `done` once every commit made before the call is on disk. */
  sync(done: (error: Error | null) => void): void;
}

/**
 * Makes the write-ahead log durable off the event loop: `fdatasync` on the WAL file, in
 * libuv's thread pool. SQLite runs at `synchronous=NORMAL` (COMMIT writes the WAL but does
 * not sync it), and the writer acknowledges a commit only once a sync that started after
 * it has finished, which is what `synchronous=FULL` gives, without blocking the thread on
 * every commit. SQLite itself still syncs the WAL before each checkpoint copies it into the
 * database, and the database after, so a commit is always durable in one file or the other.
 */
export class WalSync implements LogSync {
  private readonly fd: number;

  /** The WAL exists once the connection is open in WAL mode (and until it closes). */
  constructor(databasePath: string) {
    this.fd = openSync(`${databasePath}-wal`, 'r');
  }

  sync(done: (error: Error | null) => void): void {
    fdatasync(this.fd, done);
  }

  /** After the last sync finished, before the database closes (which may delete the WAL). */
  close(): void {
    closeSync(this.fd);
  }
}
