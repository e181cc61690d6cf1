import { hash } from 'node:crypto';
import type { RecordedEvent } from './port';

/** The `previousHash` of a stream's first event. */
export const GENESIS_HASH = '0'.repeat(64);

/** What the hash covers: everything that makes an event what it is, plus its predecessor's hash. */
export interface HashedContent {
  readonly streamName: string;
  readonly revision: number;
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  /** The event's data as JSON text (`JSON.stringify(data)`). */
  readonly dataJson: string;
  /** The event's trace metadata as JSON text (`JSON.stringify(metadata)`). */
  readonly metadataJson: string;
  readonly recordedAt: number;
  readonly previousHash: string;
}

/**
 * Hex SHA-256 over a canonical encoding: a JSON array of the fields in a fixed order.
 * JSON text round-trips through `JSON.parse`/`JSON.stringify` unchanged, so a reader can
 * recompute the hash from a decoded event (see `verifyStreamChain`). Node's one-shot
 * `hash` skips the Hash object: about 1.5 times as fast on event-sized inputs, which
 * the writer and every audit pay per event.
 */
export function computeEventHash(content: HashedContent): string {
  const canonical = JSON.stringify([
    content.streamName,
    content.revision,
    content.eventId,
    content.type,
    content.schemaVersion,
    content.dataJson,
    content.metadataJson,
    content.recordedAt,
    content.previousHash,
  ]);
  return hash('sha256', canonical, 'hex');
}

export const hashOfRecordedEvent = (event: RecordedEvent, previousHash: string): string =>
  computeEventHash({
    streamName: event.streamName,
    revision: event.revision,
    eventId: event.eventId,
    type: event.type,
    schemaVersion: event.schemaVersion,
    dataJson: event.dataJson ?? JSON.stringify(event.data),
    metadataJson: JSON.stringify(event.metadata),
    recordedAt: event.recordedAt,
    previousHash,
  });

export type ChainProblem = 'revision_gap' | 'previous_hash_mismatch' | 'hash_mismatch';

export interface ChainFinding {
  readonly streamName: string;
  readonly revision: number;
  readonly problem: ChainProblem;
  readonly detail: string;
}

/**
 * Checks each stream's events (in revision order, from revision 0, several streams may be
 * interleaved) for gaps, broken links and rewritten content. No findings: history is intact.
 */
export function verifyStreamChain(events: Iterable<RecordedEvent>): readonly ChainFinding[] {
  const findings: ChainFinding[] = [];
  const heads = new Map<string, { revision: number; hash: string }>();
  for (const event of events) {
    const head = heads.get(event.streamName) ?? { revision: -1, hash: GENESIS_HASH };
    const at = { streamName: event.streamName, revision: event.revision };
    if (event.revision !== head.revision + 1) {
      findings.push({ ...at, problem: 'revision_gap', detail: `expected revision ${head.revision + 1}` });
    }
    if (event.previousHash !== head.hash) {
      findings.push({ ...at, problem: 'previous_hash_mismatch', detail: `expected previous hash ${head.hash}` });
    }
    const recomputed = hashOfRecordedEvent(event, event.previousHash);
    if (recomputed !== event.hash) {
      findings.push({ ...at, problem: 'hash_mismatch', detail: `content hashes to ${recomputed}, stored ${event.hash}` });
    }
    heads.set(event.streamName, { revision: event.revision, hash: event.hash });
  }
  return findings;
}
