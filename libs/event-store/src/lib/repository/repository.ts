import { randomUUID } from 'node:crypto';
import type { AnyEvent, Decider } from '@billing/contracts';
import { type EventStore, type EventTrace, type NewEvent, type RecordedEvent, WrongExpectedRevisionError } from '../port';
import { activeTraceparent } from '../trace-context';
import { LruCache } from './lru-cache';

export interface RepositoryOptions<C, E extends AnyEvent, S> {
  readonly store: EventStore;
  readonly decider: Decider<C, E, S>;
  /** Schema version of each event type's data. */
  readonly schemaVersionOf: (type: E['type']) => number;
  /** Reloads and retries after a conflict at most this many times (default 3), then throws it. */
  readonly maxRetries?: number;
  /** Most recently used states kept in memory, by stream (default 10,000; 0 turns it off). */
  readonly cache?: { readonly capacity: number };
  readonly newEventId?: () => string;
  /** Trace metadata for the events a command produces (defaults: the command's own trace). */
  readonly traceOf?: (command: C) => EventTrace;
  /** Turns a stored event back into the decider's event (the place for upcasting). */
  readonly decodeEvent?: (event: RecordedEvent) => E;
}

/** A stream's state as of a revision (-1: no stream yet). */
export interface Snapshot<S> {
  readonly revision: number;
  readonly state: S;
}

export interface HandleResult<E, S = unknown> {
  readonly events: readonly E[];
  /** The stream's revision after the command (-1: still no stream). */
  readonly revision: number;
  /** The stream's state at that revision: what the command left, with no second read. */
  readonly state: S;
}

export interface Repository<C, E, S = unknown> {
  /**
   * Load, decide, append with the expected revision; on conflict reload and retry, within the
   * bound. A cached state is decided on without a read first (the expected revision checks it).
   */
  handle(streamName: string, command: C): Promise<HandleResult<E, S>>;
  /**
   * The stream's state now (revision -1: no stream yet): the cached state folded with only
   * the events appended since, which is then cached for the next command or read.
   */
  current(streamName: string): Promise<Snapshot<S>>;
  /**
   * The state this repository last left or read for the stream, with no read: undefined when
   * it holds none. Behind the stream when another writer appended since; never ahead of it.
   */
  known(streamName: string): Snapshot<S> | undefined;
}

/** What the cache keeps of a stream: its state, and the trace its last event continued. */
interface Loaded<S> extends Snapshot<S> {
  readonly traceparent?: string;
}

const defaultDecode = <E>(event: RecordedEvent): E => ({ type: event.type, data: event.data, metadata: event.metadata }) as E;

/** Commands carrying `{ metadata: { commandId, correlationId } }` trace their events to themselves. */
function defaultTrace(command: unknown): EventTrace {
  const metadata = (command as { metadata?: { commandId?: unknown; correlationId?: unknown; traceparent?: unknown } } | null)?.metadata;
  const trace: { -readonly [K in keyof EventTrace]: EventTrace[K] } = {};
  if (typeof metadata?.correlationId === 'string') trace.correlationId = metadata.correlationId;
  if (typeof metadata?.commandId === 'string') trace.causationId = metadata.commandId;
  if (typeof metadata?.traceparent === 'string') trace.traceparent = metadata.traceparent;
  return trace;
}

export function createRepository<C, E extends AnyEvent, S>(options: RepositoryOptions<C, E, S>): Repository<C, E, S> {
  const { store, decider } = options;
  const maxRetries = options.maxRetries ?? 3;
  const cache = new LruCache<string, Loaded<S>>(options.cache?.capacity ?? 10_000);
  const newEventId = options.newEventId ?? randomUUID;
  const traceOf = options.traceOf ?? defaultTrace;
  const decode = options.decodeEvent ?? defaultDecode<E>;
  const fold = (state: S, events: readonly E[]) => events.reduce(decider.evolve, state);

  /** The latest cached state, then only the events after it. */
  async function load(streamName: string): Promise<Loaded<S>> {
    const start = cache.get(streamName) ?? { revision: -1, state: decider.initialState };
    const newer = await store.readStream(streamName, { fromRevision: start.revision + 1 });
    const last = newer[newer.length - 1];
    if (!last) return start;
    const traceparent = last.metadata.traceparent ?? start.traceparent;
    return { revision: last.revision, state: fold(start.state, newer.map(decode)), ...(traceparent ? { traceparent } : {}) };
  }

  function remember(streamName: string, current: Loaded<S>): void {
    if (cache.capacity > 0) cache.set(streamName, current);
  }

  /**
   * The state to decide on and what it decides. A cached state is decided on without a read:
   * an append on it carries its revision, so it succeeds only if the state was still the
   * stream's (another writer's append conflicts, and the retry reads). What appends nothing
   * (a no-op, a refusal) is decided again on a fresh read, so no outcome rests on a state
   * another writer moved on from.
   */
  function decideOnCached(streamName: string, command: C): { loaded: Loaded<S>; decided: readonly E[] } | null {
    const cached = cache.get(streamName);
    if (!cached) return null;
    try {
      const decided = decider.decide(command, cached.state);
      return decided.length > 0 ? { loaded: cached, decided } : null;
    } catch {
      return null;
    }
  }

  async function attempt(streamName: string, command: C, onCached: { loaded: Loaded<S>; decided: readonly E[] } | null): Promise<HandleResult<E, S>> {
    const loaded = onCached?.loaded ?? (await load(streamName));
    const decided = onCached?.decided ?? decider.decide(command, loaded.state);
    if (decided.length === 0) {
      remember(streamName, loaded);
      return { events: decided, revision: loaded.revision, state: loaded.state };
    }
    // A command with no trace of its own continues the span it runs in, else its stream's trace (a task's, from request to charge).
    const own = traceOf(command);
    const traceparent = own.traceparent ?? activeTraceparent() ?? loaded.traceparent;
    const trace = traceparent ? { ...own, traceparent } : own;
    const toAppend: NewEvent[] = decided.map((event) => ({
      eventId: newEventId(),
      type: event.type,
      schemaVersion: options.schemaVersionOf(event.type),
      data: event.data,
      metadata: { ...trace, ...event.metadata },
    }));
    const result = await store.appendToStream(streamName, toAppend, loaded.revision === -1 ? 'no_stream' : loaded.revision);
    const state = fold(loaded.state, decided);
    remember(streamName, { revision: result.nextExpectedRevision, state, ...(traceparent ? { traceparent } : {}) });
    return { events: decided, revision: result.nextExpectedRevision, state };
  }

  return {
    async current(streamName) {
      const loaded = await load(streamName);
      // Never replaces a newer state a command cached meanwhile (reads and commands interleave). No stream yet is kept too:
      // the command that starts it (a request after the check that it is new) is then decided with no second read.
      const cached = cache.get(streamName);
      if (cache.capacity > 0 && (!cached || cached.revision < loaded.revision)) cache.set(streamName, loaded);
      return loaded;
    },
    known(streamName) {
      const cached = cache.get(streamName);
      return cached && { revision: cached.revision, state: cached.state };
    },
    async handle(streamName, command) {
      // The first attempt decides on the cached state when there is one; its conflict (the cache was behind) is not counted as a retry.
      let onCached = decideOnCached(streamName, command);
      for (let retry = 0; ; retry++) {
        const fromCache = onCached !== null;
        try {
          return await attempt(streamName, command, onCached);
        } catch (error) {
          onCached = null;
          if (!(error instanceof WrongExpectedRevisionError)) throw error;
          cache.delete(streamName);
          if (fromCache) retry--;
          else if (retry >= maxRetries) throw error;
        }
      }
    },
  };
}
