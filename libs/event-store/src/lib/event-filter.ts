import type { EventFilter } from './port';

/**
 * An event passes a filter when its stream starts with one of the prefixes (if any are
 * given) AND its type is one of the types (if any are given). No filter: everything passes.
 */
export function matchesFilter(filter: EventFilter | undefined, streamName: string, type: string): boolean {
  if (!filter) return true;
  const { streamPrefixes, eventTypes } = filter;
  if (streamPrefixes && streamPrefixes.length > 0 && !streamPrefixes.some((p) => streamName.startsWith(p))) return false;
  if (eventTypes && eventTypes.length > 0 && !eventTypes.includes(type)) return false;
  return true;
}

