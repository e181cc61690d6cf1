import type { EpochMillis } from '@billing/contracts';

/**
 * The event store port. Every adapter (embedded SQLite, EventStoreDB) passes the same
 * contract suite. Revisions are 0-based per stream; positions are global, start at 1,
 * and readers never see them out of order.
 */

/** `no_stream`: the stream must not exist; `any`: no check; a number: the last event's revision. */
export type ExpectedRevision = 'no_stream' | 'any' | number;

export interface EventTrace {
  readonly correlationId?: string;
  readonly causationId?: string;
  /** W3C trace context, carried into Kafka headers by the relay. */
  readonly traceparent?: string;
}

export interface NewEvent {
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
  readonly metadata?: EventTrace;
}

export interface RecordedEvent {
  readonly streamName: string;
  readonly revision: number;
  readonly position: number;
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  /** May be decoded on first access; unreadable data then throws EventDeserializationError. */
  readonly data: unknown;
  /** The stored JSON text of `data`, when the adapter keeps it: forwarded as is by the relay. */
  readonly dataJson?: string;
  readonly metadata: EventTrace;
  readonly recordedAt: EpochMillis;
  /** Hex SHA-256 over this event's content and `previousHash`: the stream's hash chain. */
  readonly hash: string;
  readonly previousHash: string;
}

/**
 * A plain copy of an event with its data and metadata decoded. Adapters may decode
 * lazily behind getters, which `{ ...event }` does not copy: copy events with this.
 */
export function copyRecordedEvent(event: RecordedEvent): RecordedEvent {
  const { position, streamName, revision, eventId, type, schemaVersion, data, metadata, recordedAt, previousHash, hash } = event;
  return { position, streamName, revision, eventId, type, schemaVersion, data, metadata, recordedAt, previousHash, hash };
}

export interface AppendResult {
  /** Revision of the last appended event: pass it as the next expected revision. */
  readonly nextExpectedRevision: number;
  readonly lastPosition: number;
}

export interface ReadStreamOptions {
  readonly fromRevision?: number;
  readonly maxCount?: number;
}

export interface EventFilter {
  readonly streamPrefixes?: readonly string[];
  readonly eventTypes?: readonly string[];
}

export interface ReadAllOptions {
  /** Exclusive: events with a position greater than this. 0 reads from the start. */
  readonly afterPosition?: number;
  readonly maxCount?: number;
  readonly filter?: EventFilter;
}

export interface SubscribeOptions {
  /** A checkpoint: the position of the last event already handled (0 for none). */
  readonly afterPosition?: number;
  readonly filter?: EventFilter;
}

/** A catch-up subscription: history first, then live events, in global order, until stopped. */
export interface Subscription extends AsyncIterable<RecordedEvent> {
  stop(): Promise<void>;
}

export interface EventStore {
  appendToStream(streamName: string, events: readonly NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult>;
  readStream(streamName: string, options?: ReadStreamOptions): Promise<readonly RecordedEvent[]>;
  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent>;
  subscribeToAll(options?: SubscribeOptions): Subscription;
  /** The head of the global log (0 when empty). */
  headPosition(): Promise<number>;
  /** Writes nothing a reader sees, but writes: rejects with `EventStoreUnwritableError` while the store cannot (optional). */
  probeWrite?(): Promise<void>;
  close(): Promise<void>;
}

export class WrongExpectedRevisionError extends Error {
  constructor(
    readonly streamName: string,
    readonly expected: ExpectedRevision,
    /** -1 when the stream does not exist. */
    readonly actual: number,
  ) {
    super(`Wrong expected revision on ${streamName}: expected ${String(expected)}, actual ${actual}`);
    this.name = 'WrongExpectedRevisionError';
  }
}

/** A stored event whose data or metadata cannot be read back. */
export class EventDeserializationError extends Error {
  constructor(
    readonly streamName: string,
    readonly revision: number,
    readonly reason: string,
  ) {
    super(`Event ${streamName}@${revision} cannot be deserialized: ${reason}`);
    this.name = 'EventDeserializationError';
  }
}

export class EventStoreClosedError extends Error {
  constructor() {
    super('The event store is closed');
    this.name = 'EventStoreClosedError';
  }
}

/** An append or other write against a store opened read-only. */
export class EventStoreReadOnlyError extends Error {
  constructor(readonly location: string) {
    super(`The event store at ${location} is open read-only`);
    this.name = 'EventStoreReadOnlyError';
  }
}

/** Why a store cannot write now. */
export type StorageFault = 'full' | 'read_only' | 'io';

const FAULT_WORDS: Readonly<Record<StorageFault, string>> = {
  full: 'the disk is full',
  read_only: 'the file or its directory is read-only',
  io: 'the device reported an I/O error',
};

/** An append the store could not write (nothing of it was kept): the store may write again later, so retry. */
export class EventStoreUnwritableError extends Error {
  constructor(
    readonly location: string,
    readonly fault: StorageFault,
    options?: { cause?: unknown },
  ) {
    super(`The event store at ${location} cannot write: ${FAULT_WORDS[fault]}`, options);
    this.name = 'EventStoreUnwritableError';
  }
}

/** A second writer on the same store: refused, so two writers can never interleave revisions. */
export class EventStoreLockedError extends Error {
  constructor(
    readonly location: string,
    readonly reason: string,
  ) {
    super(`The event store at ${location} already has a writer: ${reason}`);
    this.name = 'EventStoreLockedError';
  }
}
