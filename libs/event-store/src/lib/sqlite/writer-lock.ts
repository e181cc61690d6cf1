import Database from 'better-sqlite3';
import { EventStoreLockedError } from '../port';

/**
 * One writer per file. The lock is an exclusive SQLite lock held on a side file
 * (`<file>.writer-lock`) for the writer's lifetime: the OS drops it when the process dies,
 * even by `kill -9`, and a second writer (in this or another process) is refused at once.
 * The events file itself stays in plain WAL mode, so read-only readers can open it.
 */
export class WriterLock {
  private constructor(private readonly db: Database.Database) {}

  static acquire(eventsPath: string): WriterLock {
    const lockPath = `${eventsPath}.writer-lock`;
    const db = new Database(lockPath, { timeout: 0 });
    try {
      db.pragma('locking_mode = EXCLUSIVE');
      db.exec('CREATE TABLE IF NOT EXISTS writer (pid INTEGER); BEGIN EXCLUSIVE; DELETE FROM writer; INSERT INTO writer VALUES (' + String(process.pid) + '); COMMIT;');
      return new WriterLock(db);
    } catch (error) {
      db.close();
      throw new EventStoreLockedError(eventsPath, (error as Error).message);
    }
  }

  release(): void {
    this.db.close();
  }
}
