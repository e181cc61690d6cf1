import { EventDeserializationError, type EventTrace, type RecordedEvent } from '../port';

/** A row read in raw mode, in the order of `EVENT_COLUMNS`. */
export type EventRow = [number, string, number, string, string, number, string, string, number, string, string];

const EMPTY_TRACE: EventTrace = Object.freeze({});

function parseJson(text: string, row: EventRow, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new EventDeserializationError(row[1], row[2], `${what}: ${(error as Error).message}`);
  }
}

export function decodeRow(row: EventRow): RecordedEvent {
  const metadata = row[7] === '{}' ? EMPTY_TRACE : parseJson(row[7], row, 'metadata');
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) {
    throw new EventDeserializationError(row[1], row[2], 'metadata is not an object');
  }
  return {
    position: row[0],
    streamName: row[1],
    revision: row[2],
    eventId: row[3],
    type: row[4],
    schemaVersion: row[5],
    data: parseJson(row[6], row, 'data'),
    metadata: metadata as EventTrace,
    recordedAt: row[8],
    previousHash: row[9],
    hash: row[10],
  };
}
