import { EventStoreUnwritableError, type StorageFault } from '../port';

/** The storage fault a SQLite (or file system) error code names, or null for any other error. */
export function sqliteStorageFault(error: unknown): StorageFault | null {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  if (typeof code !== 'string') return null;
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') return 'full';
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS' || code === 'EACCES') return 'read_only';
  if (code.startsWith('SQLITE_IOERR') || code === 'EIO') return 'io';
  return null;
}

/** The port's error for a write the file could not take; any other error as it was. */
export function asUnwritable(error: unknown, location: string): unknown {
  const fault = sqliteStorageFault(error);
  return fault ? new EventStoreUnwritableError(location, fault, { cause: error }) : error;
}
