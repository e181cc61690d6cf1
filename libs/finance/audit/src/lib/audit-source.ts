import type { StoredEvent } from './stored-event';

/** Which streams an audit reads: every wallet, one account's, or one wallet. */
export interface StreamSelection {
  /** Streams whose name starts with this (e.g. `wallet-` or `wallet-acc-1-`). */
  readonly streamPrefix: string;
}

/**
 * Where an audit reads history from, read-only: the embedded SQLite file directly, or any
 * `EventStore` (EventStoreDB). Pages come in global order up to the head taken when the
 * read began, so a writer appending meanwhile never makes a page inconsistent.
 */
export interface AuditSource {
  /** Where the history lives (a file path or a URL), for reports. */
  readonly location: string;
  headPosition(): Promise<number>;
  /** Every selected event with a position in (afterPosition, untilPosition], a page at a time. */
  pages(selection: StreamSelection, untilPosition: number, afterPosition?: number): AsyncIterable<readonly StoredEvent[]>;
  /** One stream from its first revision, in revision order (statements). */
  stream(streamName: string): AsyncIterable<readonly StoredEvent[]>;
  close(): Promise<void>;
}
