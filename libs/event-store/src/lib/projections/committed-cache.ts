import { LruCache } from '../repository/lru-cache';

/**
 * What a read model wrote, kept in memory so the next batch need not read it back: the
 * values written by the runner's transaction in progress (`stage`) are kept once it
 * commits and dropped if it rolls back (call `afterTransaction` from the projection's
 * hook of the same name), so memory never holds what the file does not. Bounded: the
 * least recently used values are forgotten and read from the file again.
 */
export class CommittedCache<V> {
  private readonly committed: LruCache<string, V>;
  private staged = new Map<string, V>();

  constructor(capacity: number) {
    this.committed = new LruCache(capacity);
  }

  /** The value as written: by the transaction in progress, else as committed. */
  get(key: string): V | undefined {
    return this.staged.get(key) ?? this.committed.get(key);
  }

  stage(key: string, value: V): void {
    this.staged.set(key, value);
  }

  afterTransaction(committed: boolean): void {
    if (committed) for (const [key, value] of this.staged) this.committed.set(key, value);
    this.staged = new Map();
  }

  clear(): void {
    this.staged = new Map();
    this.committed.clear();
  }
}
