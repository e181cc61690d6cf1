import type Database from 'better-sqlite3';
import { GENESIS_HASH } from '../hash-chain';
import { LruCache } from '../repository/lru-cache';

/** Where a stream stands: its id (null until first written), last revision (-1: none) and last hash. */
export interface StreamHead {
  readonly streamId: number | null;
  readonly revision: number;
  readonly hash: string;
}

const NO_STREAM_HEAD: StreamHead = { streamId: null, revision: -1, hash: GENESIS_HASH };

/**
 * The writer's exact view of each stream's head. Exact because one writer owns the file
 * (see `WriterLock`); entries are loaded on first use and updated only after COMMIT.
 * Bounded: the oldest entries are forgotten and reloaded from the file when needed.
 */
export class StreamHeads {
  private readonly heads: LruCache<string, StreamHead>;
  private readonly streamId: Database.Statement<[string], { stream_id: number }>;
  private readonly last: Database.Statement<[number], { revision: number; hash: string }>;

  constructor(
    db: Database.Database,
    capacity = 200_000,
  ) {
    this.heads = new LruCache(capacity);
    // Two lookups, not one join: most names asked about are new streams, and the name's
    // index alone answers those (a third of the join's time).
    this.streamId = db.prepare('SELECT stream_id FROM streams WHERE stream_name = ?');
    this.last = db.prepare('SELECT revision, hash FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1');
  }

  get(streamName: string): StreamHead {
    const cached = this.heads.get(streamName);
    if (cached) return cached;
    const streamId = this.streamId.get(streamName)?.stream_id;
    const last = streamId === undefined ? undefined : this.last.get(streamId);
    const head: StreamHead =
      streamId === undefined ? NO_STREAM_HEAD : { streamId, revision: last?.revision ?? -1, hash: last?.hash ?? GENESIS_HASH };
    this.heads.set(streamName, head);
    return head;
  }

  /** Called after a COMMIT with the heads that commit moved. */
  commit(changes: ReadonlyMap<string, StreamHead>): void {
    for (const [name, head] of changes) this.heads.set(name, head);
  }

  /** After a failed transaction nothing cached can be trusted. */
  forgetAll(): void {
    this.heads.clear();
  }
}
