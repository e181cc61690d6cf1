import type { HashedContent, RecordedEvent } from '@billing/event-store';

/**
 * An event as the store keeps it: the JSON text the hash chain covers, not yet parsed.
 * Audits verify the hash over this text, so what is checked is exactly what is stored.
 */
export interface StoredEvent extends HashedContent {
  readonly position: number;
  readonly hash: string;
}

/** A decoded event as any adapter returns it: its JSON text is what the adapter hashed (`JSON.stringify`). */
export function storedEventOf(event: RecordedEvent): StoredEvent {
  return {
    position: event.position,
    streamName: event.streamName,
    revision: event.revision,
    eventId: event.eventId,
    type: event.type,
    schemaVersion: event.schemaVersion,
    dataJson: JSON.stringify(event.data),
    metadataJson: JSON.stringify(event.metadata),
    recordedAt: event.recordedAt,
    previousHash: event.previousHash,
    hash: event.hash,
  };
}
