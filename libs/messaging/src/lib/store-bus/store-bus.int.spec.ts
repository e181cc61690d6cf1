import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EventStore, openSqliteEventStore } from '@billing/event-store';
import { eventually } from '@billing/util/testing';
import { EventHeader } from '../headers';
import type { IncomingMessage, MessageSubscription } from '../port';
import type { RelayRoute } from '../relay/relay-route';
import { deadLetterTopicFor } from '../topics';
import { StoreBus } from './store-bus';

const TOPIC = 'billing.counter.v1';
const route: RelayRoute = { category: 'counter', topic: TOPIC, partitions: 1, keyOf: (stream) => stream.slice('counter-'.length) };

describe('StoreBus: topics read straight from the publishing service store', () => {
  let dir: string;
  let store: EventStore;
  let bus: StoreBus;
  let appended = 0;

  const append = async (stream: string, n: number): Promise<void> => {
    const events = Array.from({ length: n }, () => ({ eventId: `e-${++appended}`, type: 'Incremented', schemaVersion: 1, data: { by: appended } }));
    await store.appendToStream(stream, events, 'any');
  };
  const collect = (bus: StoreBus, groupId: string, seen: IncomingMessage[], fromBeginning = true): Promise<MessageSubscription> =>
    bus.subscribe({ groupId, topics: [TOPIC], fromBeginning, handler: async (batch) => void seen.push(...batch) });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'store-bus-'));
    store = openSqliteEventStore({ path: join(dir, 'counter.events.db') });
    bus = new StoreBus({ path: join(dir, 'consumers.db') });
    appended = 0;
  });
  afterEach(async () => {
    await bus.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('given events in the store and a group subscribed before the store was registered, then it receives them in order with their envelope, and the other streams of the store are not on the topic', async () => {
    const seen: IncomingMessage[] = [];
    await collect(bus, 'g', seen);
    await append('counter-a', 2);
    await store.appendToStream('other-x', [{ eventId: 'o-1', type: 'Other', schemaVersion: 1, data: {} }], 'any');
    bus.storeLog.addStore(store, [route]);
    await append('counter-b', 1);
    await eventually(() => seen.length >= 3);
    expect(seen.map((m) => m.headers[EventHeader.eventId])).toEqual(['e-1', 'e-2', 'e-3']);
    expect(seen[2]).toMatchObject({ topic: TOPIC, key: 'b', headers: { [EventHeader.eventType]: 'Incremented', [EventHeader.streamName]: 'counter-b' } });
    expect(JSON.parse(seen[2]?.value.toString() ?? '')).toEqual({ by: 3 });
  });

  it('given a group that handled events and the bus opened again on the same file, then it resumes after them: nothing handled is delivered again', async () => {
    bus.storeLog.addStore(store, [route]);
    await append('counter-a', 3);
    const first: IncomingMessage[] = [];
    const subscription = await collect(bus, 'g', first);
    await eventually(() => first.length >= 3);
    await subscription.stop();
    await bus.close();

    await append('counter-a', 2);
    bus = new StoreBus({ path: join(dir, 'consumers.db') });
    bus.storeLog.addStore(store, [route]);
    const second: IncomingMessage[] = [];
    await collect(bus, 'g', second);
    await eventually(() => second.length >= 2);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(second.map((m) => m.headers[EventHeader.eventId])).toEqual(['e-4', 'e-5']);
  });

  it('given a group that handled a batch, then its position is on file before the next batch is handed to it', async () => {
    bus.storeLog.addStore(store, [route]);
    const reader = new Database(join(dir, 'consumers.db'), { readonly: true });
    const positionOnFile = reader.prepare<[string], { position: number }>('SELECT position FROM group_positions WHERE group_id = ?');
    const seenOnFile: (number | null)[] = [];
    const handler = async (): Promise<void> => {
      seenOnFile.push(positionOnFile.get('g')?.position ?? null);
      if (seenOnFile.length === 1) await append('counter-a', 1); // the next batch is there as soon as this one is handled
    };
    await bus.subscribe({ groupId: 'g', topics: [TOPIC], handler });
    await append('counter-a', 1);
    await eventually(() => seenOnFile.length >= 2);
    reader.close();
    expect(seenOnFile).toEqual([null, 1]);
  });

  it('given a handler that rejects, then the subscription closes as failed and the next subscription of the group gets the same batch again', async () => {
    bus.storeLog.addStore(store, [route]);
    await append('counter-a', 2);
    const failing = await bus.subscribe({ groupId: 'g', topics: [TOPIC], handler: async () => Promise.reject(new Error('not now')) });
    await expect(failing.closed).resolves.toMatchObject({ reason: 'failed', topic: TOPIC, offset: '1' });
    const seen: IncomingMessage[] = [];
    await collect(bus, 'g', seen);
    await eventually(() => seen.length >= 2);
    expect(seen.map((m) => m.offset)).toEqual(['1', '2']);
  });

  it('given a new group that starts at the end, then it hears only what is appended after it subscribed', async () => {
    bus.storeLog.addStore(store, [route]);
    await append('counter-a', 2);
    const seen: IncomingMessage[] = [];
    await collect(bus, 'watcher', seen, false);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await append('counter-a', 1);
    await eventually(() => seen.length >= 1);
    expect(seen.map((m) => m.headers[EventHeader.eventId])).toEqual(['e-3']);
  });

  it('given a publish to a store topic, then it is refused (events are appended to the store); a dead letter is kept with its reason', async () => {
    bus.storeLog.addStore(store, [route]);
    await expect(bus.publish([{ topic: TOPIC, key: 'a', value: Buffer.from('{}') }])).rejects.toThrow(/read from its service's event store/);
    await bus.publish([{ topic: deadLetterTopicFor(TOPIC), key: 'a', value: Buffer.from('{'), headers: { 'dead-letter-reason': 'unparseable' } }]);
    expect(bus.deadLetters()).toEqual([{ topic: deadLetterTopicFor(TOPIC), headers: { 'dead-letter-reason': 'unparseable' } }]);
  });
});
