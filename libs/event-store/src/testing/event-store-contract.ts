import { randomUUID } from 'node:crypto';
import {
  EventDeserializationError,
  type EventStore,
  GENESIS_HASH,
  type NewEvent,
  type RecordedEvent,
  type Subscription,
  copyRecordedEvent,
  verifyStreamChain,
  WrongExpectedRevisionError,
} from '../index';

export interface StoreContext {
  /** The store must take `recordedAt` from this clock. */
  readonly clock: () => number;
}

export interface EventStoreContractOptions {
  /**
   * Puts an event that cannot be read back at the end of a stream, underneath the adapter
   * (invalid JSON in the table, a non-JSON event in EventStoreDB).
   */
  readonly writeUndeserializable: (store: EventStore, streamName: string) => Promise<void>;
  /** Events in the large-stream case (default 5,000). */
  readonly largeStreamSize?: number;
  /** Per-test timeout in ms (default 30,000). */
  readonly timeoutMs?: number;
}

export type EventStoreFactory = (context: StoreContext) => Promise<EventStore>;

const event = (type = 'Counted', data: unknown = { n: 1 }, metadata?: NewEvent['metadata']): NewEvent => ({
  eventId: randomUUID(),
  type,
  schemaVersion: 1,
  data,
  ...(metadata ? { metadata } : {}),
});
const events = (count: number, type = 'Counted'): NewEvent[] => Array.from({ length: count }, (_, n) => event(type, { n }));

async function collect(iterable: AsyncIterable<RecordedEvent>): Promise<RecordedEvent[]> {
  const out: RecordedEvent[] = [];
  for await (const e of iterable) out.push(e);
  return out;
}

async function take(subscription: Subscription, count: number, onEach?: (e: RecordedEvent, i: number) => Promise<void>) {
  const out: RecordedEvent[] = [];
  if (count > 0) {
    for await (const e of subscription) {
      out.push(e);
      await onEach?.(e, out.length);
      if (out.length >= count) break;
    }
  }
  await subscription.stop();
  return out;
}

function at<T>(items: readonly T[], index: number): T {
  const item = items[index < 0 ? items.length + index : index];
  if (item === undefined) throw new Error(`no item at ${index} of ${items.length}`);
  return item;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

/**
 * The event store port's contract: every adapter runs it. Each test works in its own
 * namespace of stream names, so a shared server (EventStoreDB) can run it too.
 *
 * Stated behaviours beyond the port's types:
 * - reading a stream that does not exist gives no events (not an error);
 * - a stored event whose data cannot be parsed fails with `EventDeserializationError`
 *   naming its stream and revision, instead of being skipped: when it is read (an adapter
 *   that decodes eagerly) or when its `data` is first touched (one that decodes lazily).
 */
export function eventStoreContract(name: string, factory: EventStoreFactory, options: EventStoreContractOptions): void {
  const timeout = options.timeoutMs ?? 30_000;
  const largeStreamSize = options.largeStreamSize ?? 5_000;

  describe(`${name}: event store contract`, () => {
    let store: EventStore;
    let ns: string;
    let now: number;
    const stream = (suffix: string) => `${ns}-${suffix}`;
    const inNamespace = () => ({ streamPrefixes: [`${ns}-`] });

    beforeEach(async () => {
      ns = `ct${randomUUID().replace(/-/g, '').slice(0, 12)}`;
      now = 1_700_000_000_000;
      store = await factory({ clock: () => now });
    });
    afterEach(async () => {
      await store.close();
    });

    describe('expected revision', () => {
      it('given no stream, when appending with no_stream, then revisions start at 0', async () => {
        const result = await store.appendToStream(stream('a'), events(3), 'no_stream');
        expect(result.nextExpectedRevision).toBe(2);
        const read = await store.readStream(stream('a'));
        expect(read.map((e) => e.revision)).toEqual([0, 1, 2]);
        expect(read[2]?.position).toBe(result.lastPosition);
      }, timeout);

      it('given a stream, when appending with no_stream, then a conflict carries the actual revision', async () => {
        await store.appendToStream(stream('a'), events(2), 'no_stream');
        const error = await rejection(store.appendToStream(stream('a'), events(1), 'no_stream'));
        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        expect(error).toMatchObject({ streamName: stream('a'), expected: 'no_stream', actual: 1 });
      }, timeout);

      it('given a stream at revision 1, when appending at 1 then at a stale 1, then the first wins and nothing of the second is written', async () => {
        await store.appendToStream(stream('a'), events(2), 'no_stream');
        await expect(store.appendToStream(stream('a'), events(1), 1)).resolves.toMatchObject({ nextExpectedRevision: 2 });
        const error = await rejection(store.appendToStream(stream('a'), events(5), 1));
        expect(error).toMatchObject({ name: 'WrongExpectedRevisionError', expected: 1, actual: 2 });
        expect(await store.readStream(stream('a'))).toHaveLength(3);
      }, timeout);

      it('given no stream, when appending at an exact revision, then the conflict says -1', async () => {
        const error = await rejection(store.appendToStream(stream('none'), events(1), 0));
        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        expect(error).toMatchObject({ actual: -1 });
        expect(await store.readStream(stream('none'))).toEqual([]);
      }, timeout);

      it('when appending with any, then it always appends', async () => {
        await store.appendToStream(stream('a'), events(1), 'any');
        const result = await store.appendToStream(stream('a'), events(1), 'any');
        expect(result.nextExpectedRevision).toBe(1);
      }, timeout);
    });

    describe('concurrent appenders', () => {
      it('given many appenders racing at the same revision, then exactly one wins each round', async () => {
        const s = stream('contended');
        let expected: 'no_stream' | number = 'no_stream';
        for (let round = 0; round < 5; round++) {
          const outcomes = await Promise.allSettled(
            Array.from({ length: 16 }, (_, writer) => store.appendToStream(s, [event('Won', { round, writer })], expected)),
          );
          const winners = outcomes.filter((o) => o.status === 'fulfilled');
          const losers = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
          expect(winners).toHaveLength(1);
          for (const loser of losers) expect(loser.reason).toBeInstanceOf(WrongExpectedRevisionError);
          expected = round;
        }
        const read = await store.readStream(s);
        expect(read.map((e) => e.revision)).toEqual([0, 1, 2, 3, 4]);
        expect(verifyStreamChain(read)).toEqual([]);
      }, timeout);

      it('given a conflict on one stream, then appends to other streams at the same time still succeed', async () => {
        await store.appendToStream(stream('x'), events(1), 'no_stream');
        const [bad, ...good] = await Promise.allSettled([
          store.appendToStream(stream('x'), events(1), 'no_stream'),
          ...Array.from({ length: 10 }, (_, i) => store.appendToStream(stream(`y${i}`), events(2), 'no_stream')),
        ]);
        expect(bad?.status).toBe('rejected');
        expect(good.every((o) => o.status === 'fulfilled')).toBe(true);
      }, timeout);
    });

    describe('reading', () => {
      it('reads a stream forwards from a revision, at most maxCount, with data and trace metadata intact', async () => {
        const trace = { correlationId: 'corr-1', causationId: 'cause-1' };
        await store.appendToStream(stream('r'), [event('Noted', { text: 'crédits ✓', nested: { list: [1, 2] } }, trace), ...events(9)], 'no_stream');
        const all = await store.readStream(stream('r'));
        expect(all[0]).toMatchObject({ type: 'Noted', schemaVersion: 1, data: { text: 'crédits ✓', nested: { list: [1, 2] } }, metadata: trace });
        expect(all[0]?.recordedAt).toBe(now);
        const part = await store.readStream(stream('r'), { fromRevision: 4, maxCount: 3 });
        expect(part.map((e) => e.revision)).toEqual([4, 5, 6]);
        expect(part.map((e) => e.eventId)).toEqual(all.slice(4, 7).map((e) => e.eventId));
      }, timeout);

      it('reads a stream that does not exist as empty', async () => {
        expect(await store.readStream(stream('missing'))).toEqual([]);
      }, timeout);

      it('takes recordedAt from the injected clock', async () => {
        now = 1_800_000_000_123;
        await store.appendToStream(stream('c'), events(1), 'no_stream');
        expect((await store.readStream(stream('c')))[0]?.recordedAt).toBe(1_800_000_000_123);
      }, timeout);
    });

    describe('global order', () => {
      it('reads all streams in one strictly increasing order that matches commit order, from an exclusive position', async () => {
        const appended: string[] = [];
        for (let i = 0; i < 20; i++) {
          const batch = events(1 + (i % 3));
          await store.appendToStream(stream(`s${i % 4}`), batch, 'any');
          appended.push(...batch.map((e) => e.eventId));
        }
        const all = await collect(store.readAll({ filter: inNamespace() }));
        expect(all.map((e) => e.eventId)).toEqual(appended);
        for (let i = 1; i < all.length; i++) expect(at(all, i).position).toBeGreaterThan(at(all, i - 1).position);
        const after = at(all, 9).position;
        const rest = await collect(store.readAll({ afterPosition: after, filter: inNamespace() }));
        expect(rest.map((e) => e.eventId)).toEqual(appended.slice(10));
        const some = await collect(store.readAll({ afterPosition: after, maxCount: 3, filter: inNamespace() }));
        expect(some.map((e) => e.eventId)).toEqual(appended.slice(10, 13));
        expect(await store.headPosition()).toBeGreaterThanOrEqual(at(all, -1).position);
      }, timeout);

      it('filters by stream prefix and by event type', async () => {
        await store.appendToStream(stream('wallet-1'), [event('A'), event('B')], 'no_stream');
        await store.appendToStream(stream('task-1'), [event('A'), event('C')], 'no_stream');
        const wallets = await collect(store.readAll({ filter: { streamPrefixes: [stream('wallet-')] } }));
        expect(wallets.map((e) => e.type)).toEqual(['A', 'B']);
        const typed = await collect(store.readAll({ filter: { ...inNamespace(), eventTypes: ['A', 'C'] } }));
        expect(typed.map((e) => `${e.streamName}:${e.type}`)).toEqual([`${stream('wallet-1')}:A`, `${stream('task-1')}:A`, `${stream('task-1')}:C`]);
      }, timeout);
    });

    describe('subscriptions', () => {
      it('delivers history then live events, and resumes from a checkpoint without gaps or duplicates', async () => {
        for (let i = 0; i < 30; i++) await store.appendToStream(stream(`s${i % 3}`), events(1), 'any');
        const first = await take(store.subscribeToAll({ filter: inNamespace() }), 12);
        const checkpoint = at(first, -1).position;
        for (let i = 0; i < 10; i++) await store.appendToStream(stream(`s${i % 3}`), events(1), 'any');

        let live = 0;
        const second = await take(store.subscribeToAll({ afterPosition: checkpoint, filter: inNamespace() }), 38, async (_, seen) => {
          // Live appends race with the catch-up: they start while history is still being read.
          if (seen === 5 || seen === 30) {
            for (let i = 0; i < 5; i++) await store.appendToStream(stream(`live${live++ % 2}`), events(1), 'any');
          }
        });
        const delivered = [...first, ...second].map((e) => e.eventId);
        const stored = (await collect(store.readAll({ filter: inNamespace() }))).map((e) => e.eventId);
        expect(new Set(delivered).size).toBe(delivered.length);
        expect(delivered).toEqual(stored);
      }, timeout);

      it('wakes for live events appended after it is caught up, and filters them', async () => {
        const subscription = store.subscribeToAll({ filter: { ...inNamespace(), eventTypes: ['Wanted'] } });
        const received = take(subscription, 3);
        await new Promise((resolve) => setTimeout(resolve, 50));
        await store.appendToStream(stream('l'), [event('Wanted'), event('Ignored')], 'no_stream');
        await new Promise((resolve) => setTimeout(resolve, 20));
        await store.appendToStream(stream('l'), [event('Wanted'), event('Wanted')], 1);
        expect((await received).map((e) => `${e.type}@${e.revision}`)).toEqual(['Wanted@0', 'Wanted@2', 'Wanted@3']);
      }, timeout);
    });

    describe('hash chain', () => {
      it('links every event to the previous one from the genesis hash, and detects rewritten content', async () => {
        await store.appendToStream(stream('h'), events(3), 'no_stream');
        await store.appendToStream(stream('h'), events(2), 2);
        const read = await store.readStream(stream('h'));
        expect(read[0]?.previousHash).toBe(GENESIS_HASH);
        for (let i = 1; i < read.length; i++) expect(read[i]?.previousHash).toBe(read[i - 1]?.hash);
        expect(verifyStreamChain(read)).toEqual([]);

        const rewritten = read.map((e) => (e.revision === 3 ? { ...copyRecordedEvent(e), data: { n: 999 } } : e));
        expect(verifyStreamChain(rewritten)).toEqual([expect.objectContaining({ streamName: stream('h'), revision: 3, problem: 'hash_mismatch' })]);
      }, timeout);
    });

    describe('large streams', () => {
      it(`appends and reads back ${largeStreamSize} events of one stream in order`, async () => {
        const s = stream('large');
        let expected: 'no_stream' | number = 'no_stream';
        for (let done = 0; done < largeStreamSize; done += 500) {
          const result = await store.appendToStream(s, events(Math.min(500, largeStreamSize - done)), expected);
          expected = result.nextExpectedRevision;
        }
        const read = await store.readStream(s);
        expect(read).toHaveLength(largeStreamSize);
        expect(read.every((e, i) => e.revision === i)).toBe(true);
        expect(verifyStreamChain(read)).toEqual([]);
        const tail = await store.readStream(s, { fromRevision: largeStreamSize - 10 });
        expect(tail.map((e) => e.revision)[0]).toBe(largeStreamSize - 10);
        expect(tail).toHaveLength(10);
      }, timeout);
    });

    describe('events that do not deserialize', () => {
      it('fails with EventDeserializationError naming the stream and revision once the data is read', async () => {
        await store.appendToStream(stream('bad'), events(2), 'no_stream');
        await options.writeUndeserializable(store, stream('bad'));
        const touchAll = async (read: Promise<readonly RecordedEvent[]>) => (await read).map((e) => e.data);
        const error = await rejection(touchAll(store.readStream(stream('bad'))));
        expect(error).toBeInstanceOf(EventDeserializationError);
        expect(error).toMatchObject({ streamName: stream('bad'), revision: 2 });
        expect(await rejection(touchAll(collect(store.readAll({ filter: inNamespace() }))))).toBeInstanceOf(EventDeserializationError);
        expect(await store.readStream(stream('bad'), { maxCount: 2 })).toHaveLength(2);
      }, timeout);
    });
  });
}
