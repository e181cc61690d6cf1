import { EventDeserializationError, type EventTrace, type RecordedEvent, copyRecordedEvent } from '../port';

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

/**
 * A stored event whose `data` and `metadata` are parsed on first access and kept: bulk
 * readers skip the parse, which is most of a read's cost (the relay forwards the stored
 * text, `dataJson`). Unreadable JSON still fails with EventDeserializationError naming
 * the stream and revision, when it is touched. `toJSON` keeps it a plain event when
 * serialised; spread copies own fields only, so copy it with `copyRecordedEvent`.
 */
class StoredEvent implements RecordedEvent {
  readonly position: number;
  readonly streamName: string;
  readonly revision: number;
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly dataJson: string;
  readonly recordedAt: number;
  readonly previousHash: string;
  readonly hash: string;
  private parsedData: unknown = UNPARSED;
  private parsedMetadata: EventTrace | typeof UNPARSED;

  constructor(private readonly row: EventRow) {
    this.position = row[0];
    this.streamName = row[1];
    this.revision = row[2];
    this.eventId = row[3];
    this.type = row[4];
    this.schemaVersion = row[5];
    this.dataJson = row[6];
    this.recordedAt = row[8];
    this.previousHash = row[9];
    this.hash = row[10];
    this.parsedMetadata = row[7] === '{}' ? EMPTY_TRACE : UNPARSED;
  }

  get data(): unknown {
    if (this.parsedData === UNPARSED) this.parsedData = parseJson(this.dataJson, this.row, 'data');
    return this.parsedData;
  }

  get metadata(): EventTrace {
    if (this.parsedMetadata === UNPARSED) this.parsedMetadata = parseMetadata(this.row);
    return this.parsedMetadata;
  }

  toJSON(): RecordedEvent {
    return copyRecordedEvent(this);
  }
}

export function decodeRow(row: EventRow): RecordedEvent {
  return new StoredEvent(row);
}

function parseMetadata(row: EventRow): EventTrace {
  const metadata = parseJson(row[7], row, 'metadata');
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) {
    throw new EventDeserializationError(row[1], row[2], 'metadata is not an object');
  }
  return metadata as EventTrace;
}

const UNPARSED: unique symbol = Symbol('unparsed');
