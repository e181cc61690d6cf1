import type { NewEvent } from './port';

/** An event ready to be written: its JSON text is what the hash chain covers. */
export interface SerializedEvent {
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly dataJson: string;
  readonly metadataJson: string;
}

/** Validates and serializes before the write, so a bad payload fails only its own append. */
export function serializeEvent(event: NewEvent): SerializedEvent {
  if (typeof event.eventId !== 'string' || event.eventId.length === 0) throw new TypeError('eventId must be a non-empty string');
  if (typeof event.type !== 'string' || event.type.length === 0) throw new TypeError('type must be a non-empty string');
  if (!Number.isInteger(event.schemaVersion) || event.schemaVersion < 1) {
    throw new TypeError('schemaVersion must be a positive integer');
  }
  return {
    eventId: event.eventId,
    type: event.type,
    schemaVersion: event.schemaVersion,
    dataJson: JSON.stringify(event.data) ?? 'null',
    metadataJson: JSON.stringify(event.metadata ?? {}),
  };
}
