import type Database from 'better-sqlite3';
import { DeferredWrites, withoutFsync } from '@billing/event-store';
import type { IncomingMessage, MessageHeaders, OutgoingMessage, PublisherCheckpoint } from '../port';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS bus_topics (topic TEXT PRIMARY KEY, partitions INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS bus_messages (
  topic TEXT NOT NULL, partition INTEGER NOT NULL, offset INTEGER NOT NULL,
  key TEXT, value BLOB NOT NULL, headers TEXT NOT NULL,
  PRIMARY KEY (topic, partition, offset)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS bus_publisher_checkpoints (name TEXT PRIMARY KEY, position INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS bus_offsets (
  group_id TEXT NOT NULL, topic TEXT NOT NULL, partition INTEGER NOT NULL, next_offset INTEGER NOT NULL,
  PRIMARY KEY (group_id, topic, partition)
) WITHOUT ROWID;
`;

interface MessageRow {
  readonly offset: number;
  readonly key: string | null;
  readonly value: Buffer;
  readonly headers: string;
}

/** FNV-1a: stable across runs, so a key always maps to the same partition. */
export const partitionForKey = (key: string, partitions: number): number => {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % partitions;
};

export class UnknownTopicError extends Error {
  constructor(readonly topic: string) {
    super(`Unknown topic ${topic}: topics are created at start-up (ensureTopics)`);
    this.name = 'UnknownTopicError';
  }
}

/** The in-process broker's storage: partitioned append-only logs and group offsets in SQLite. */
export class PartitionLog {
  private readonly partitionsByTopic = new Map<string, number>();
  private readonly statements;
  /** Committed offsets as this process knows them (ahead of the file until they are written). */
  private readonly offsets = new Map<string, number>();
  private readonly offsetWrites: DeferredWrites<PendingOffset>;
  /** Each partition's end as this process wrote it (the bus owns its file), loaded on first append. */
  private readonly ends = new Map<string, number>();
  /** Each partition's last messages as appended by this process, so consumers that keep up read memory, not the file. */
  private readonly tails = new Map<string, Tail>();
  private readonly appendAll: (messages: readonly OutgoingMessage[], placed: Placed[], checkpoints: readonly PublisherCheckpoint[]) => void;

  constructor(private readonly db: Database.Database) {
    db.exec(SCHEMA);
    this.statements = {
      insertTopic: db.prepare('INSERT OR IGNORE INTO bus_topics (topic, partitions) VALUES (?, ?)'),
      insertMessage: db.prepare('INSERT INTO bus_messages (topic, partition, offset, key, value, headers) VALUES (?, ?, ?, ?, ?, ?)'),
      endOffset: db.prepare<[string, number], { next: number }>(
        'SELECT COALESCE(MAX(offset) + 1, 0) AS next FROM bus_messages WHERE topic = ? AND partition = ?',
      ),
      read: db.prepare<[string, number, number, number], MessageRow>(
        'SELECT offset, key, value, headers FROM bus_messages WHERE topic = ? AND partition = ? AND offset >= ? ORDER BY offset LIMIT ?',
      ),
      committed: db.prepare<[string, string, number], { next_offset: number }>(
        'SELECT next_offset FROM bus_offsets WHERE group_id = ? AND topic = ? AND partition = ?',
      ),
      commit: db.prepare(
        `INSERT INTO bus_offsets (group_id, topic, partition, next_offset) VALUES (?, ?, ?, ?)
         ON CONFLICT (group_id, topic, partition) DO UPDATE SET next_offset = excluded.next_offset`,
      ),
      loadCheckpoint: db.prepare<[string], { position: number }>('SELECT position FROM bus_publisher_checkpoints WHERE name = ?'),
      saveCheckpoint: db.prepare(
        'INSERT INTO bus_publisher_checkpoints (name, position) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET position = excluded.position',
      ),
    };
    this.offsetWrites = new DeferredWrites(db, (o) => this.statements.commit.run(o.groupId, o.topic, o.partition, o.nextOffset));
    this.appendAll = db.transaction((messages: readonly OutgoingMessage[], placed: Placed[], checkpoints: readonly PublisherCheckpoint[]) => {
      const next = new Map<string, number>();
      for (const m of messages) {
        const partition = partitionForKey(m.key, this.partitionsByTopic.get(m.topic) ?? 1);
        const id = partitionId(m.topic, partition);
        const offset = next.get(id) ?? this.ends.get(id) ?? this.endOffset(m.topic, partition);
        this.statements.insertMessage.run(m.topic, partition, offset, m.key, m.value, JSON.stringify(m.headers ?? {}));
        next.set(id, offset + 1);
        placed.push({ id, partition, offset });
      }
      for (const c of checkpoints) this.statements.saveCheckpoint.run(c.name, c.position);
    });
    for (const row of db.prepare<[], { topic: string; partitions: number }>('SELECT topic, partitions FROM bus_topics').all()) {
      this.partitionsByTopic.set(row.topic, row.partitions);
    }
  }

  createTopic(topic: string, partitions: number): void {
    if (this.partitionsByTopic.has(topic)) return;
    this.statements.insertTopic.run(topic, partitions);
    this.partitionsByTopic.set(topic, partitions);
  }

  partitionsOf(topic: string): number | undefined {
    return this.partitionsByTopic.get(topic);
  }

  /** Appends all messages in one transaction (fsynced: the bus's default); returns the partitions that grew. */
  append(messages: readonly OutgoingMessage[]): Set<string> {
    return this.appendRows(messages);
  }

  /**
   * Appends the messages and their publishers' checkpoints in one transaction, without an
   * fsync (`synchronous=NORMAL` for that transaction): the checkpoints are in the same
   * write-ahead log as the messages, and a power loss keeps a prefix of the log.
   */
  appendWithCheckpoints(messages: readonly OutgoingMessage[], checkpoints: readonly PublisherCheckpoint[]): Set<string> {
    return withoutFsync(this.db, () => this.appendRows(messages, checkpoints));
  }

  loadCheckpoint(name: string): number | undefined {
    return this.statements.loadCheckpoint.get(name)?.position;
  }

  read(topic: string, partition: number, fromOffset: number, max: number): readonly IncomingMessage[] {
    const tail = this.tails.get(partitionId(topic, partition));
    if (tail && fromOffset >= tail.start && fromOffset <= tail.start + tail.messages.length) {
      const from = fromOffset - tail.start;
      return tail.messages.slice(from, from + max);
    }
    return this.statements.read.all(topic, partition, fromOffset, max).map((row) => ({
      topic,
      partition,
      offset: String(row.offset),
      key: row.key,
      value: row.value,
      headers: JSON.parse(row.headers) as MessageHeaders,
    }));
  }

  private appendRows(messages: readonly OutgoingMessage[], checkpoints: readonly PublisherCheckpoint[] = []): Set<string> {
    for (const m of messages) if (!this.partitionsByTopic.has(m.topic)) throw new UnknownTopicError(m.topic);
    const placed: Placed[] = [];
    try {
      this.appendAll(messages, placed, checkpoints);
    } catch (error) {
      // Rolled back: what was assumed about the ends can no longer be trusted.
      this.ends.clear();
      this.tails.clear();
      throw error;
    }
    const grown = new Set<string>();
    messages.forEach((m, i) => {
      const at = placed[i];
      if (!at) return;
      this.remember(m, at);
      grown.add(at.id);
    });
    return grown;
  }

  /** Keeps a committed message in its partition's tail (a tail starts at the first append this process made). */
  private remember(m: OutgoingMessage, { id, partition, offset }: Placed): void {
    this.ends.set(id, offset + 1);
    let tail = this.tails.get(id);
    if (!tail || tail.start + tail.messages.length !== offset) {
      tail = { start: offset, messages: [] };
      this.tails.set(id, tail);
    }
    tail.messages.push({ topic: m.topic, partition, offset: String(offset), key: m.key, value: m.value, headers: { ...m.headers } });
    if (tail.messages.length > TAIL_CAPACITY) {
      const dropped = tail.messages.length - TAIL_CAPACITY / 2;
      tail.messages = tail.messages.slice(dropped);
      tail.start += dropped;
    }
  }

  endOffset(topic: string, partition: number): number {
    return this.statements.endOffset.get(topic, partition)?.next ?? 0;
  }

  committed(groupId: string, topic: string, partition: number): number | undefined {
    const key = offsetKey(groupId, topic, partition);
    const known = this.offsets.get(key);
    if (known !== undefined) return known;
    const stored = this.statements.committed.get(groupId, topic, partition)?.next_offset;
    if (stored !== undefined) this.offsets.set(key, stored);
    return stored;
  }

  /**
   * Takes effect at once for this process (`committed` answers it); the file gets it
   * later, with the other offsets committed meanwhile, in one transaction without an fsync
   * (`DeferredWrites`: a few tens of milliseconds, or at `flushOffsets`). A crash or power
   * loss can only take an offset back, and the messages after it are delivered again
   * (at-least-once; consumers are idempotent). Nor can a surviving offset point past a
   * lost message: WAL frames survive as a prefix, and the message was committed first.
   */
  commit(groupId: string, topic: string, partition: number, nextOffset: number): void {
    const key = offsetKey(groupId, topic, partition);
    this.offsets.set(key, nextOffset);
    this.offsetWrites.set(key, { groupId, topic, partition, nextOffset });
  }

  /** Writes the offsets committed since the last write (before closing). */
  flushOffsets(): void {
    this.offsetWrites.flush();
  }
}

/** Messages per partition kept in memory for consumers that keep up (older ones are read from the file). */
const TAIL_CAPACITY = 1024;

interface Placed {
  readonly id: string;
  readonly partition: number;
  readonly offset: number;
}

interface Tail {
  start: number;
  messages: IncomingMessage[];
}

interface PendingOffset {
  readonly groupId: string;
  readonly topic: string;
  readonly partition: number;
  readonly nextOffset: number;
}

const offsetKey = (groupId: string, topic: string, partition: number): string => `${groupId}\u0000${topic}\u0000${partition}`;

export const partitionId = (topic: string, partition: number): string => `${topic}/${partition}`;
