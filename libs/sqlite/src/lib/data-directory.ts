import { rmSync, statfsSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

const codeOf = (error: unknown): string | undefined =>
  typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : undefined;

/** The first ancestor of `path` that exists and is not a directory, if any. */
function fileInTheWay(path: string): string | null {
  for (let at = path; dirname(at) !== at; at = dirname(at)) {
    try {
      if (!statSync(at).isDirectory()) return at;
    } catch {
      // Missing, or under the file found further up.
    }
  }
  return null;
}

/**
 * What stops `dir` from holding the platform's files, in words a person can act on
 * (missing, a file in the way, read-only, full); null when a file can be written there.
 */
export function dataDirectoryProblem(dir: string): string | null {
  try {
    if (!statSync(dir).isDirectory()) return `${dir} is a file, not a directory`;
  } catch (error) {
    const inTheWay = fileInTheWay(dir);
    if (inTheWay) return `${dir} cannot be a directory: ${inTheWay} is a file`;
    if (codeOf(error) === 'ENOENT') return `the directory ${dir} does not exist`;
    return `the directory ${dir} cannot be reached (${codeOf(error) ?? String(error)})`;
  }
  const probe = join(dir, `.write-probe-${process.pid}`);
  try {
    writeFileSync(probe, 'probe');
  } catch (error) {
    const code = codeOf(error);
    if (code === 'ENOSPC') return `the disk holding ${dir} is full`;
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return `the directory ${dir} is read-only (${code})`;
    return `the directory ${dir} cannot be written (${code ?? String(error)})`;
  } finally {
    rmSync(probe, { force: true });
  }
  return statfsSync(dir).bavail === 0 ? `the disk holding ${dir} is full` : null;
}

function fileProblem(path: string): string | null {
  try {
    return statSync(path).isDirectory() ? `${path} is a directory, not a database file` : null;
  } catch {
    return null;
  }
}

/** A database file that could not be opened: names the file, its directory and the cause. */
export class StorageOpenError extends Error {
  constructor(
    readonly path: string,
    readonly problem: string,
    options?: { cause?: unknown },
  ) {
    super(`cannot open ${basename(path)} in ${dirname(path)}: ${problem}`, options);
    this.name = 'StorageOpenError';
  }
}

/** Opens a database file with `open`; a failure is a `StorageOpenError` saying why, as far as the directory tells. */
export function openStorageFile<T>(path: string, open: () => T): T {
  try {
    return open();
  } catch (error) {
    const problem = dataDirectoryProblem(dirname(path)) ?? fileProblem(path) ?? (error instanceof Error ? error.message : String(error));
    throw new StorageOpenError(path, problem, { cause: error });
  }
}
