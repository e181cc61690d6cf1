import type { IncomingMessage, OutgoingMessage } from '../port';

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

export const partitionId = (topic: string, partition: number): string => `${topic}\u0000${partition}`;
const offsetKey = (groupId: string, topic: string, partition: number): string => `${groupId}\u0000${topic}\u0000${partition}`;

/** The in-memory broker's storage: partitioned append-only logs and group offsets, as long as the process lives. */
export class PartitionLog {
  private readonly partitionsByTopic = new Map<string, number>();
  private readonly logs = new Map<string, IncomingMessage[]>();
  private readonly offsets = new Map<string, number>();

  createTopic(topic: string, partitions: number): void {
    if (!this.partitionsByTopic.has(topic)) this.partitionsByTopic.set(topic, partitions);
  }

  partitionsOf(topic: string): number | undefined {
    return this.partitionsByTopic.get(topic);
  }

  /** Appends at the ends of the messages' partitions (all or none: every topic must exist); returns the partitions that grew. */
  append(messages: readonly OutgoingMessage[]): Set<string> {
    for (const m of messages) if (!this.partitionsByTopic.has(m.topic)) throw new UnknownTopicError(m.topic);
    const grew = new Set<string>();
    for (const m of messages) {
      const partition = partitionForKey(m.key, this.partitionsByTopic.get(m.topic) ?? 1);
      const id = partitionId(m.topic, partition);
      const log = this.logs.get(id) ?? [];
      this.logs.set(id, log);
      log.push({ topic: m.topic, partition, offset: String(log.length), key: m.key, value: m.value, headers: { ...m.headers } });
      grew.add(id);
    }
    return grew;
  }

  read(topic: string, partition: number, fromOffset: number, max: number): readonly IncomingMessage[] {
    return (this.logs.get(partitionId(topic, partition)) ?? []).slice(fromOffset, fromOffset + max);
  }

  endOffset(topic: string, partition: number): number {
    return this.logs.get(partitionId(topic, partition))?.length ?? 0;
  }

  committed(groupId: string, topic: string, partition: number): number | undefined {
    return this.offsets.get(offsetKey(groupId, topic, partition));
  }

  commit(groupId: string, topic: string, partition: number, nextOffset: number): void {
    this.offsets.set(offsetKey(groupId, topic, partition), nextOffset);
  }
}
