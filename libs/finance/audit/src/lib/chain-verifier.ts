import { computeEventHash, GENESIS_HASH } from '@billing/event-store';
import type { AuditFinding } from './finding';
import type { StoredEvent } from './stored-event';

/** The last verified event of a stream. */
export interface StreamHead {
  revision: number;
  hash: string;
  position: number;
  recordedAt: number;
}

/**
 * Checks streams event by event as they come in global order, keeping only each stream's
 * head (the same rules as `verifyStreamChain`: no revision gap or repeat, each link names
 * its predecessor's hash, each hash matches its content). The hash is recomputed over the
 * stored text. Memory grows with the number of streams, not of events.
 */
export class ChainVerifier {
  private readonly heads = new Map<string, StreamHead>();

  constructor(private readonly report: (finding: AuditFinding) => void) {}

  /** False when the event is not a sound link of its chain. */
  verify(event: StoredEvent): boolean {
    const head = this.heads.get(event.streamName);
    const expectedRevision = head === undefined ? 0 : head.revision + 1;
    const expectedPrevious = head === undefined ? GENESIS_HASH : head.hash;
    let sound = true;
    if (event.revision !== expectedRevision) {
      sound = false;
      // A gap is reported at the first missing revision; a step back at the event that stepped back.
      const missing = event.revision > expectedRevision;
      const what = missing ? `revision ${expectedRevision} to ${event.revision - 1} missing` : 'out of order';
      this.find(event, 'revision_gap', `expected revision ${expectedRevision}, found ${event.revision}: ${what}`, missing ? expectedRevision : event.revision);
    }
    if (event.previousHash !== expectedPrevious) {
      sound = false;
      this.find(event, 'previous_hash_mismatch', `links to ${event.previousHash.slice(0, 16)}..., the stream's previous hash is ${expectedPrevious.slice(0, 16)}...`);
    }
    const recomputed = computeEventHash(event);
    if (recomputed !== event.hash) {
      sound = false;
      this.find(event, 'hash_mismatch', `content hashes to ${recomputed.slice(0, 16)}..., stored ${event.hash.slice(0, 16)}...`);
    }
    // Follow what is stored, so one broken link is one finding rather than one per later event.
    if (head === undefined) {
      this.heads.set(event.streamName, { revision: event.revision, hash: event.hash, position: event.position, recordedAt: event.recordedAt });
    } else {
      head.revision = event.revision;
      head.hash = event.hash;
      head.position = event.position;
      head.recordedAt = event.recordedAt;
    }
    return sound;
  }

  head(streamName: string): Readonly<StreamHead> | undefined {
    return this.heads.get(streamName);
  }

  streams(): ReadonlyMap<string, Readonly<StreamHead>> {
    return this.heads;
  }

  private find(event: StoredEvent, rule: string, message: string, revision = event.revision): void {
    this.report({ kind: 'chain', streamName: event.streamName, revision, position: event.position, rule, message });
  }
}
