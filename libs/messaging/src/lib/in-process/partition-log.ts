import type Database from 'better-sqlite3';
import { DEFAULT_WRITE_DELAY_MILLIS, LateWrite, withoutFsync } from '@billing/sqlite';
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

/**
 * The in-process broker's storage: partitioned append-only logs and group offsets in SQLite.
 *
 * What is written late. Relays' publishes (`appendWithCheckpoints`), group offsets and
 * relays' checkpoints take effect in memory at once (consumers read them, `committed` and
 * `loadCheckpoint` answer them) and reach the file together, in order, in one transaction
 * without an fsync: at most `delayMillis` later, before any read from the file, with the
 * next fsynced `append`, and at `flush` (closing). So a crash or power loss keeps a
 * prefix of what this log did: an offset or checkpoint on file never points past a
 * message that is not, and what was lost is published again by the relays from their
 * stores (the messages are copies of stored events) and consumed again, idempotently.
 * A publish that is not a relay's (`append`) is on disk before it resolves, with
 * everything that waited before it.
 */
export class PartitionLog {
  private readonly partitionsByTopic = new Map<string, number>();
  private readonly statements;
  /** Committed offsets as this process knows them (ahead of the file until they are written). */
  private readonly offsets = new Map<string, number>();
  /** Each partition's end as this process placed it (the bus owns its file), loaded on first append. */
  private readonly ends = new Map<string, number>();
  /** Each partition's last messages as placed by this process, so consumers that keep up read memory, not the file. */
  private readonly tails = new Map<string, Tail>();
  private waiting: Waiting = emptyWaiting();
  private readonly late: LateWrite;
  private readonly writeAll: (waiting: Waiting, messages: readonly PlacedMessage[]) => void;

  constructor(
    private readonly db: Database.Database,
    delayMillis = DEFAULT_WRITE_DELAY_MILLIS,
  ) {
    db.exec(SCHEMA);
    this.late = new LateWrite(db, delayMillis, () => this.flush(), true);
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
    const insert = (m: PlacedMessage) => this.statements.insertMessage.run(m.topic, m.partition, m.offset, m.key, m.value, m.headersJson);
    // Messages first, then the positions that may point at them: one transaction, so neither is on file without the other.
    this.writeAll = db.transaction((waiting: Waiting, messages: readonly PlacedMessage[]) => {
      for (const m of waiting.messages) insert(m);
      for (const m of messages) insert(m);
      for (const [name, position] of waiting.checkpoints) this.statements.saveCheckpoint.run(name, position);
      for (const o of waiting.offsets.values()) this.statements.commit.run(o.groupId, o.topic, o.partition, o.nextOffset);
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

  /** Writes the messages, after everything waiting, in one fsynced transaction; returns the partitions that grew. */
  append(messages: readonly OutgoingMessage[]): Set<string> {
    const placed = this.place(messages);
    this.write(placed);
    return this.remember(placed);
  }

  /**
   * A relay's publish: the messages and the relay's checkpoints take effect at once and
   * are written later, together (see the class); returns the partitions that grew.
   */
  appendWithCheckpoints(messages: readonly OutgoingMessage[], checkpoints: readonly PublisherCheckpoint[]): Set<string> {
    const placed = this.place(messages);
    for (const m of placed) this.waiting.messages.push(m);
    for (const c of checkpoints) this.waiting.checkpoints.set(c.name, c.position);
    this.writeSoon();
    return this.remember(placed);
  }

  loadCheckpoint(name: string): number | undefined {
    return this.waiting.checkpoints.get(name) ?? this.statements.loadCheckpoint.get(name)?.position;
  }

  read(topic: string, partition: number, fromOffset: number, max: number): readonly IncomingMessage[] {
    const tail = this.tails.get(partitionId(topic, partition));
    if (tail && fromOffset >= tail.start && fromOffset <= tail.start + tail.messages.length) {
      const from = fromOffset - tail.start;
      return tail.messages.slice(from, from + max);
    }
    if (this.waiting.messages.length > 0) this.flush();
    return this.statements.read.all(topic, partition, fromOffset, max).map((row) => ({
      topic,
      partition,
      offset: String(row.offset),
      key: row.key,
      value: row.value,
      headers: JSON.parse(row.headers) as MessageHeaders,
    }));
  }

  endOffset(topic: string, partition: number): number {
    return this.ends.get(partitionId(topic, partition)) ?? this.statements.endOffset.get(topic, partition)?.next ?? 0;
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
   * later, with what else waits (see the class). A crash or power loss can only take an
   * offset back, and the messages after it are delivered again (at-least-once; consumers
   * are idempotent).
   */
  commit(groupId: string, topic: string, partition: number, nextOffset: number): void {
    const key = offsetKey(groupId, topic, partition);
    this.offsets.set(key, nextOffset);
    this.waiting.offsets.set(key, { groupId, topic, partition, nextOffset });
    this.writeSoon();
  }

  /** Writes everything waiting now, without an fsync (before closing, and before reading the file). */
  flush(): void {
    this.late.cancel();
    if (isEmpty(this.waiting)) return;
    withoutFsync(this.db, () => this.write([]));
  }

  /** Places the messages at the ends of their partitions, in memory only: nothing changes if a topic is unknown. */
  private place(messages: readonly OutgoingMessage[]): PlacedMessage[] {
    for (const m of messages) if (!this.partitionsByTopic.has(m.topic)) throw new UnknownTopicError(m.topic);
    const next = new Map<string, number>();
    return messages.map((m) => {
      const partition = partitionForKey(m.key, this.partitionsByTopic.get(m.topic) ?? 1);
      const id = partitionId(m.topic, partition);
      const offset = next.get(id) ?? this.endOffset(m.topic, partition);
      next.set(id, offset + 1);
      return { id, topic: m.topic, partition, offset, key: m.key, value: m.value, headers: { ...m.headers }, headersJson: JSON.stringify(m.headers ?? {}) };
    });
  }

  /** Writes what waits and `messages` in one transaction; what waited stops waiting only once it is written. */
  private write(messages: readonly PlacedMessage[]): void {
    this.writeAll(this.waiting, messages);
    this.waiting = emptyWaiting();
  }

  private writeSoon(): void {
    if (this.waiting.messages.length >= MAX_WAITING_MESSAGES) this.flush();
    else this.late.schedule();
  }

  /** Keeps placed messages in their partitions' tails (a tail starts at the first append this process made). */
  private remember(placed: readonly PlacedMessage[]): Set<string> {
    const grown = new Set<string>();
    for (const m of placed) {
      this.ends.set(m.id, m.offset + 1);
      let tail = this.tails.get(m.id);
      if (!tail || tail.start + tail.messages.length !== m.offset) {
        tail = { start: m.offset, messages: [] };
        this.tails.set(m.id, tail);
      }
      tail.messages.push({ topic: m.topic, partition: m.partition, offset: String(m.offset), key: m.key, value: m.value, headers: m.headers });
      if (tail.messages.length > TAIL_CAPACITY) {
        const dropped = tail.messages.length - TAIL_CAPACITY / 2;
        tail.messages = tail.messages.slice(dropped);
        tail.start += dropped;
      }
      grown.add(m.id);
    }
    return grown;
  }
}

/** Messages per partition kept in memory for consumers that keep up (older ones are read from the file). */
const TAIL_CAPACITY = 1024;

/** Relays' messages waiting to be written, at most (then they are written at once). */
const MAX_WAITING_MESSAGES = 10_000;

interface PlacedMessage {
  readonly id: string;
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  readonly key: string | null;
  readonly value: Buffer;
  readonly headers: MessageHeaders;
  readonly headersJson: string;
}

/** What waits to be written: relays' messages in the order they were placed, the latest checkpoint and offset of each. */
interface Waiting {
  readonly messages: PlacedMessage[];
  readonly checkpoints: Map<string, number>;
  readonly offsets: Map<string, PendingOffset>;
}

const emptyWaiting = (): Waiting => ({ messages: [], checkpoints: new Map(), offsets: new Map() });

const isEmpty = (w: Waiting): boolean => w.messages.length === 0 && w.checkpoints.size === 0 && w.offsets.size === 0;

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
