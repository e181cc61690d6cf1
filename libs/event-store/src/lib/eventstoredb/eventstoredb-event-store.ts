import {
  BACKWARDS,
  END,
  type EventStoreDBClient,
  excludeSystemEvents,
  FORWARDS,
  jsonEvent,
  NO_STREAM,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { CatchUpSubscription } from '../catch-up-subscription';
import { matchesFilter } from '../event-filter';
import { matchesExpected } from '../expected-revision';
import { computeEventHash, GENESIS_HASH } from '../hash-chain';
import {
  type AppendResult,
  type EventStore,
  EventStoreClosedError,
  type ExpectedRevision,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeOptions,
  type Subscription,
  WrongExpectedRevisionError,
} from '../port';
import { LruCache } from '../repository/lru-cache';
import { serializeEvent } from '../serialized-event';
import { Signal } from '@billing/util';
import { type ChainMetadata, fromEsdbRevision, numberToPosition, positionToNumber, toEsdbExpected, toRecordedEvent } from './eventstoredb-mapping';

export interface EventStoreDbStoreOptions {
  readonly client: EventStoreDBClient;
  /** Source of `recordedAt` (kept in metadata; EventStoreDB's own `created` is not used). */
  readonly clock?: () => number;
  readonly pageSize?: number;
  /** Re-reads of the stream head when an `any` append races another writer. */
  readonly maxChainRetries?: number;
}

interface StreamHead {
  readonly revision: number;
  readonly hash: string;
}

/**
 * EventStoreDB behind the port. Streams are named by category (`wallet-<account>-<pool>`).
 * The hash chain needs the previous event's hash, so every append is made at the exact
 * revision the adapter chained onto; an `any` append that loses a race re-reads and retries.
 * Event ids must be UUIDs (EventStoreDB's rule) and data a JSON object or array.
 */
export function createEventStoreDbStore(options: EventStoreDbStoreOptions): EventStore {
  return new EventStoreDbStore(options);
}

class EventStoreDbStore implements EventStore {
  private readonly client: EventStoreDBClient;
  private readonly heads = new LruCache<string, StreamHead>(10_000);
  private readonly signal = new Signal();
  private readonly subscriptions = new Set<CatchUpSubscription>();
  private wake: { unsubscribe(): Promise<void> } | null = null;
  private closed = false;

  constructor(private readonly options: EventStoreDbStoreOptions) {
    this.client = options.client;
  }

  async appendToStream(streamName: string, events: readonly NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    this.assertOpen();
    const serialized = events.map((event) => {
      if (typeof event.data !== 'object' || event.data === null) throw new TypeError('EventStoreDB events carry a JSON object or array');
      return serializeEvent(event);
    });
    for (let attempt = 0; ; attempt++) {
      const head = await this.head(streamName);
      if (!matchesExpected(expectedRevision, head.revision)) {
        throw new WrongExpectedRevisionError(streamName, expectedRevision, head.revision);
      }
      if (serialized.length === 0) return { nextExpectedRevision: head.revision, lastPosition: await this.headPosition() };
      const recordedAt = (this.options.clock ?? Date.now)();
      let { revision, hash } = head;
      const toWrite = serialized.map((event, i) => {
        const previousHash = hash;
        revision += 1;
        hash = computeEventHash({ streamName, revision, ...event, recordedAt, previousHash });
        const metadata: ChainMetadata = {
          trace: JSON.parse(event.metadataJson) as ChainMetadata['trace'],
          chain: { schemaVersion: event.schemaVersion, recordedAt, previousHash, hash },
        };
        return jsonEvent({ id: event.eventId, type: event.type, data: events[i]?.data as Record<string, unknown>, metadata });
      });
      try {
        const result = await this.client.appendToStream(streamName, toWrite, {
          expectedRevision: head.revision === -1 ? NO_STREAM : toEsdbExpected(head.revision),
        });
        const nextExpectedRevision = Number(result.nextExpectedRevision);
        this.heads.set(streamName, { revision: nextExpectedRevision, hash });
        return { nextExpectedRevision, lastPosition: positionToNumber(result.position, streamName, nextExpectedRevision) };
      } catch (error) {
        this.heads.delete(streamName);
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        const actual = fromEsdbRevision(error.actualVersion);
        if (expectedRevision !== 'any' || attempt >= (this.options.maxChainRetries ?? 10)) {
          throw new WrongExpectedRevisionError(streamName, expectedRevision, actual);
        }
      }
    }
  }

  async readStream(streamName: string, options: ReadStreamOptions = {}): Promise<readonly RecordedEvent[]> {
    this.assertOpen();
    const out: RecordedEvent[] = [];
    try {
      const read = this.client.readStream(streamName, {
        fromRevision: options.fromRevision ? BigInt(options.fromRevision) : START,
        direction: FORWARDS,
        ...(options.maxCount === undefined ? {} : { maxCount: options.maxCount }),
      });
      for await (const resolved of read) {
        if (resolved.event) out.push(toRecordedEvent(resolved.event, positionToNumber(resolved.event.position ?? positionOf(resolved.commitPosition), streamName, Number(resolved.event.revision))));
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return out;
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    let after = options.afterPosition ?? 0;
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    const pageSize = this.options.pageSize ?? 500;
    while (remaining > 0) {
      const page = await this.readPage(after, Math.min(pageSize, remaining), options.filter);
      for (const event of page.events) yield event;
      remaining -= page.events.length;
      if (page.exhausted) return;
      after = page.lastPosition;
    }
  }

  subscribeToAll(options: SubscribeOptions = {}): Subscription {
    this.assertOpen();
    this.ensureWakeSubscription();
    const subscription = new CatchUpSubscription(
      {
        readPage: async (after, size) => (await this.readPage(after, size, options.filter)).events,
        nextChange: () => this.signal.next(),
      },
      options.afterPosition ?? 0,
      this.options.pageSize ?? 500,
      (s) => this.subscriptions.delete(s),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async headPosition(): Promise<number> {
    this.assertOpen();
    for await (const resolved of this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 })) {
      if (resolved.event) return positionToNumber(resolved.event.position, resolved.event.streamId, Number(resolved.event.revision));
    }
    return 0;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    await this.wake?.unsubscribe();
    await this.client.dispose();
  }

  /**
   * Up to `limit` matching events after `after`. `$all` is read without a server-side filter
   * (the client's readAll has none) and system events are skipped; `lastPosition` is where
   * the next page starts even when nothing on this page matched.
   */
  private async readPage(after: number, limit: number, filter: ReadAllOptions['filter']) {
    this.assertOpen();
    const events: RecordedEvent[] = [];
    let lastPosition = after;
    let scanned = 0;
    const scanLimit = Math.max(limit * 4, 1000);
    const read = this.client.readAll({ fromPosition: after > 0 ? numberToPosition(after) : START, direction: FORWARDS, maxCount: scanLimit });
    for await (const resolved of read) {
      scanned++;
      const event = resolved.event;
      if (!event) continue;
      const position = positionToNumber(event.position, event.streamId, Number(event.revision));
      if (position <= after) continue;
      lastPosition = position;
      if (event.streamId.startsWith('$') || event.type.startsWith('$') || !matchesFilter(filter, event.streamId, event.type)) continue;
      events.push(toRecordedEvent(event, position));
      if (events.length >= limit) {
        await read.cancel();
        return { events, lastPosition, exhausted: false };
      }
    }
    return { events, lastPosition, exhausted: scanned < scanLimit };
  }

  private async head(streamName: string): Promise<StreamHead> {
    const cached = this.heads.get(streamName);
    if (cached) return cached;
    try {
      for await (const resolved of this.client.readStream(streamName, { direction: BACKWARDS, fromRevision: END, maxCount: 1 })) {
        if (!resolved.event) continue;
        const last = toRecordedEvent(resolved.event, 0);
        return { revision: last.revision, hash: last.hash };
      }
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    return { revision: -1, hash: GENESIS_HASH };
  }

  /** One live subscription per store, used only as a doorbell: subscribers re-read by position. */
  private ensureWakeSubscription(): void {
    if (this.wake) return;
    const live = this.client.subscribeToAll({ fromPosition: END, filter: excludeSystemEvents() });
    live.on('data', () => this.signal.notify());
    live.on('error', () => this.signal.notify());
    this.wake = live;
  }

  private assertOpen(): void {
    if (this.closed) throw new EventStoreClosedError();
  }
}

const positionOf = (commit: bigint | undefined) => (commit === undefined ? undefined : { commit, prepare: commit });
