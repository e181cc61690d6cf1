import type { EventStore, RecordedEvent } from '@billing/event-store';
import type { AuditSource, StreamSelection } from './audit-source';
import { type StoredEvent, storedEventOf } from './stored-event';

export interface EventStoreAuditSourceOptions {
  /** Where the store lives, for reports (e.g. the EventStoreDB URL). */
  readonly location: string;
  /** Close the store with the source (when the audit opened it). */
  readonly ownsStore?: boolean;
  readonly pageSize?: number;
}

/** Any adapter behind the port (EventStoreDB, or a store another service has open), read only. */
export function eventStoreAuditSource(store: EventStore, options: EventStoreAuditSourceOptions): AuditSource {
  const pageSize = options.pageSize ?? 5_000;
  return {
    location: options.location,
    headPosition: () => store.headPosition(),
    async *pages(selection: StreamSelection, untilPosition: number, afterPosition = 0) {
      const filter = selection.streamPrefix === '' ? undefined : { streamPrefixes: [selection.streamPrefix] };
      let page: StoredEvent[] = [];
      for await (const event of store.readAll({ afterPosition, ...(filter ? { filter } : {}) })) {
        if (event.position > untilPosition) break;
        page.push(storedEventOf(event));
        if (page.length >= pageSize) {
          yield page;
          page = [];
        }
      }
      if (page.length > 0) yield page;
    },
    async *stream(streamName: string) {
      const events: readonly RecordedEvent[] = await store.readStream(streamName);
      yield events.map(storedEventOf);
    },
    close: async () => {
      if (options.ownsStore) await store.close();
    },
  };
}
