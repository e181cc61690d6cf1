import type { AllStreamRecordedEvent, Position, RecordedEvent as EsdbRecordedEvent } from '@eventstore/db-client';
import { EventDeserializationError, type EventTrace, type ExpectedRevision, type RecordedEvent } from '../port';

/**
 * What the adapter keeps in each EventStoreDB event's metadata: the trace as given, and the
 * hash-chain fields (the same chain as the embedded store, so one audit verifies both).
 */
export interface ChainMetadata {
  readonly trace: EventTrace;
  readonly chain: {
    readonly schemaVersion: number;
    readonly recordedAt: number;
    readonly previousHash: string;
    readonly hash: string;
  };
}

/**
 * Positions: the `$all` commit position as a JS number. Exact up to 2^53 bytes of log
 * (about 9 PB), beyond which the adapter refuses to answer rather than round. Resuming
 * `afterPosition` reads from that commit position and skips events at or before it.
 */
export function positionToNumber(position: Position | undefined, streamName: string, revision: number): number {
  if (!position) throw new EventDeserializationError(streamName, revision, 'event has no $all position');
  if (position.commit > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(`$all commit position ${position.commit} exceeds Number.MAX_SAFE_INTEGER`);
  }
  return Number(position.commit);
}

export const numberToPosition = (position: number): Position => ({ commit: BigInt(position), prepare: BigInt(position) });

/** The client's own expected-revision values. */
export function toEsdbExpected(expected: ExpectedRevision): 'no_stream' | 'any' | bigint {
  return expected === 'no_stream' || expected === 'any' ? expected : BigInt(expected);
}

export const fromEsdbRevision = (revision: bigint | string): number => (typeof revision === 'bigint' ? Number(revision) : -1);

function isChainMetadata(value: unknown): value is ChainMetadata {
  const m = value as Partial<ChainMetadata> | null;
  return (
    typeof m === 'object' && m !== null && typeof m.trace === 'object' && m.trace !== null && typeof m.chain === 'object' &&
    m.chain !== null && Number.isInteger(m.chain.schemaVersion) && Number.isInteger(m.chain.recordedAt) &&
    typeof m.chain.previousHash === 'string' && typeof m.chain.hash === 'string'
  );
}

/**
 * The client hands back unparseable JSON data as the raw string, and non-JSON events as
 * bytes: both are events that do not deserialize (the adapter never writes top-level strings).
 */
export function toRecordedEvent(event: EsdbRecordedEvent | AllStreamRecordedEvent, position: number): RecordedEvent {
  const revision = Number(event.revision);
  const fail = (reason: string) => new EventDeserializationError(event.streamId, revision, reason);
  if (!event.isJson) throw fail('not a JSON event');
  if (typeof event.data === 'string') throw fail('data is not valid JSON');
  if (!isChainMetadata(event.metadata)) throw fail('metadata lacks the hash chain');
  const { trace, chain } = event.metadata;
  return {
    streamName: event.streamId,
    revision,
    position,
    eventId: event.id,
    type: event.type,
    schemaVersion: chain.schemaVersion,
    data: event.data,
    metadata: trace,
    recordedAt: chain.recordedAt,
    previousHash: chain.previousHash,
    hash: chain.hash,
  };
}
