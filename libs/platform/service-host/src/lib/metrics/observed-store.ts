import type { EventStore, NewEvent } from '@billing/event-store';
import { EventMetrics, METRIC_EVENT_TYPES } from './event-metrics';
import type { PlatformMetrics } from './platform-metrics';

interface Appended {
  readonly streamName: string;
  readonly events: readonly NewEvent[];
  readonly lastPosition: number;
}

const observed = new WeakMap<EventStore, EventStore>();

/**
 * A service's store as the service writes through it: each append is timed, and the
 * events it wrote feed the metrics projection. The history already in the store is read
 * once at start (in the background); what is appended meanwhile waits for it, so the
 * projection sees every event once, in order, and no second reader follows the store.
 * Hosts sharing a store (two instances in a test) share its observed store.
 */
export function observedStore(store: EventStore, service: string, metrics: PlatformMetrics): EventStore {
  const known = observed.get(store);
  if (known) return known;
  const projection = new EventMetrics(metrics);
  const appendSeconds = metrics.appendSeconds.labels({ service });
  let waiting: Appended[] | null = [];
  const observe = ({ streamName, events }: Appended): void => {
    for (const event of events) projection.observe(streamName, event.type, event.data);
  };
  const catchUp = async (): Promise<number> => {
    const head = await store.headPosition();
    for await (const event of store.readAll({ filter: { eventTypes: METRIC_EVENT_TYPES } })) {
      if (event.position > head) break;
      projection.observe(event.streamName, event.type, event.data);
    }
    return head;
  };
  void catchUp()
    // A store closed before its history was read: the metrics start from what is appended.
    .catch(() => 0)
    .then((head) => {
      const pending = waiting ?? [];
      waiting = null;
      for (const appended of pending) if (appended.lastPosition > head) observe(appended);
    });
  const wrapped: EventStore = {
    appendToStream: async (streamName, events, expected) => {
      const end = appendSeconds.startTimer();
      const result = await store.appendToStream(streamName, events, expected);
      end();
      const appended = { streamName, events, lastPosition: result.lastPosition };
      if (waiting) waiting.push(appended);
      else observe(appended);
      return result;
    },
    readStream: (streamName, options) => store.readStream(streamName, options),
    readAll: (options) => store.readAll(options),
    subscribeToAll: (options) => store.subscribeToAll(options),
    headPosition: () => store.headPosition(),
    ...(store.probeWrite ? { probeWrite: () => store.probeWrite?.() ?? Promise.resolve() } : {}),
    close: () => store.close(),
  };
  observed.set(store, wrapped);
  return wrapped;
}
