import type { EventFilter, EventStore } from './port';

/** Most events counted behind a position: a reader far behind reads as this many, not a scan of the whole store. */
export const EVENTS_BEHIND_LIMIT = 100_000;

/**
 * How many events matching `filter` lie after `position`: how far a reader that follows
 * them (a relay, a consumer group, a reactor) is behind the store's head. Counted, not
 * subtracted from the head, since events it does not follow sit among them.
 */
export async function eventsBehind(store: EventStore, position: number, filter: EventFilter, limit = EVENTS_BEHIND_LIMIT): Promise<number> {
  let count = 0;
  for await (const _event of store.readAll({ afterPosition: position, filter, maxCount: limit })) count++;
  return count;
}
