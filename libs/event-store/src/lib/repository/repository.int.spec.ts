import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command, Decider, Event } from '@billing/contracts';
import { type EventStore, type ReadStreamOptions, WrongExpectedRevisionError } from '../port';
import { openSqliteEventStore } from '../sqlite/sqlite-event-store';
import { createRepository } from './repository';

// A tiny counter: a command id seen before produces nothing (idempotency from the domain).
type Increment = Command<'Increment', { by: number }>;
type Incremented = Event<'Incremented', { by: number; commandId: string }>;
interface Counter {
  readonly count: number;
  readonly handled: readonly string[];
}
const counter: Decider<Increment, Incremented, Counter> = {
  initialState: { count: 0, handled: [] },
  decide: (command, state) =>
    state.handled.includes(command.metadata.commandId)
      ? []
      : [{ type: 'Incremented', data: { by: command.data.by, commandId: command.metadata.commandId } }],
  evolve: (state, event) => ({ count: state.count + event.data.by, handled: [...state.handled, event.data.commandId] }),
};
let commands = 0;
const increment = (by = 1, correlationId = 'corr'): Increment => ({
  type: 'Increment',
  data: { by },
  metadata: { commandId: `cmd-${++commands}`, now: 0, correlationId },
});

/** Counts how many events each read returns, to show loading is not proportional to history. */
function countingReads(store: EventStore) {
  const reads: number[] = [];
  const counting: EventStore = Object.assign(Object.create(store) as EventStore, {
    readStream: async (name: string, options?: ReadStreamOptions) => {
      const events = await store.readStream(name, options);
      reads.push(events.length);
      return events;
    },
  });
  return { store: counting, reads };
}

describe('repository: load, decide, append with expected revision, retry on conflict', () => {
  let dir: string;
  let store: EventStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'repository-'));
    store = openSqliteEventStore({ path: join(dir, 'events.db') });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const schemaVersionOf = () => 1;

  it('given a counter, when commands are handled, then events carry ids, schema version and the command trace', async () => {
    let ids = 0;
    const repository = createRepository({ store, decider: counter, schemaVersionOf, newEventId: () => `evt-${++ids}` });
    const first = increment(2, 'request-7');
    await repository.handle('counter-1', first);
    const result = await repository.handle('counter-1', increment(3));
    expect(result.revision).toBe(1);
    const [stored] = await store.readStream('counter-1');
    expect(stored).toMatchObject({ eventId: 'evt-1', schemaVersion: 1, metadata: { correlationId: 'request-7', causationId: first.metadata.commandId } });
  });

  it('given a command in a trace, then its events carry it; a later command with none continues the stream\'s trace, after a restart too', async () => {
    const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    const repository = createRepository({ store, decider: counter, schemaVersionOf });
    await repository.handle('counter-1', { ...increment(1), metadata: { ...increment(1).metadata, traceparent } });
    await repository.handle('counter-1', increment(1));
    await createRepository({ store, decider: counter, schemaVersionOf }).handle('counter-1', increment(1));
    await repository.handle('counter-2', increment(1));

    expect((await store.readStream('counter-1')).map((e) => e.metadata.traceparent)).toEqual([traceparent, traceparent, traceparent]);
    expect((await store.readStream('counter-2'))[0]?.metadata).not.toHaveProperty('traceparent');
  });

  it('given a command handled before, when it is handled again, then nothing is appended', async () => {
    const repository = createRepository({ store, decider: counter, schemaVersionOf });
    const command = increment(5);
    await repository.handle('counter-1', command);
    const again = await repository.handle('counter-1', command);
    expect(again).toMatchObject({ events: [], revision: 0, state: { count: 5 } });
    expect(await store.readStream('counter-1')).toHaveLength(1);
  });

  it('given 20 handlers racing on one stream, then no update is lost', async () => {
    const repository = createRepository({ store, decider: counter, schemaVersionOf, maxRetries: 25 });
    await Promise.all(Array.from({ length: 20 }, () => repository.handle('counter-race', increment(1))));
    const other = createRepository({ store, decider: counter, schemaVersionOf, cache: { capacity: 0 } });
    const check = await other.handle('counter-race', increment(0));
    expect(check.revision).toBe(20);
    expect((await store.readStream('counter-race')).reduce((sum, e) => sum + (e.data as { by: number }).by, 0)).toBe(20);
  });

  it('given a cached state made stale by another writer, then the conflict reloads and the command succeeds', async () => {
    const a = createRepository({ store, decider: counter, schemaVersionOf });
    const b = createRepository({ store, decider: counter, schemaVersionOf });
    await a.handle('counter-1', increment(1));
    await b.handle('counter-1', increment(1));
    await expect(a.handle('counter-1', increment(1))).resolves.toMatchObject({ revision: 2 });
  });

  it('given retries are exhausted, then the conflict is thrown', async () => {
    const repository = createRepository({ store, decider: counter, schemaVersionOf, maxRetries: 0 });
    const outcomes = await Promise.allSettled(Array.from({ length: 5 }, () => repository.handle('counter-1', increment(1))));
    const failures = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(failures).toHaveLength(4);
    for (const failure of failures) expect(failure.reason).toBeInstanceOf(WrongExpectedRevisionError);
  });

  it('given a cached state, then commands are decided on it without reading the stream', async () => {
    const { store: counting, reads } = countingReads(store);
    const repository = createRepository({ store: counting, decider: counter, schemaVersionOf });
    for (let i = 0; i < 50; i++) await repository.handle('counter-cached', increment(1));
    expect(reads).toEqual([0]);
    expect(await store.readStream('counter-cached')).toHaveLength(50);
  });

  it('given a cached state another writer moved on from, then the conflict reads afresh and is not counted as a retry', async () => {
    const { store: counting, reads } = countingReads(store);
    const a = createRepository({ store: counting, decider: counter, schemaVersionOf, maxRetries: 0 });
    const b = createRepository({ store, decider: counter, schemaVersionOf });
    const repeated = increment(1);
    await a.handle('counter-stale', increment(1));
    await b.handle('counter-stale', repeated);
    await expect(a.handle('counter-stale', increment(1))).resolves.toMatchObject({ revision: 2 });
    // What the stale state would decide again (a command b handled) is found handled once read.
    await expect(a.handle('counter-stale', repeated)).resolves.toMatchObject({ events: [], revision: 2 });
    expect(reads).toEqual([0, 2, 0]);
    expect((await store.readStream('counter-stale')).reduce((sum, e) => sum + (e.data as { by: number }).by, 0)).toBe(3);
  });

  it('given states it handled or read, then it knows them with no read, behind another writer until it reads again', async () => {
    const { store: counting, reads } = countingReads(store);
    const a = createRepository({ store: counting, decider: counter, schemaVersionOf });
    const b = createRepository({ store, decider: counter, schemaVersionOf });
    expect(a.known('counter-known')).toBeUndefined();
    await a.handle('counter-known', increment(2));
    expect(a.known('counter-known')).toMatchObject({ revision: 0, state: { count: 2 } });
    await b.handle('counter-known', increment(3));
    expect(a.known('counter-known')).toMatchObject({ revision: 0, state: { count: 2 } });
    await a.current('counter-known');
    expect(a.known('counter-known')).toMatchObject({ revision: 1, state: { count: 5 } });
    // The first command's load (a new stream), then the read that caught up: `known` read nothing.
    expect(reads).toEqual([0, 1]);
  });

  it('given a cached state, then a load reads only the events after it', async () => {
    const { store: counting, reads } = countingReads(store);
    const repository = createRepository({ store: counting, decider: counter, schemaVersionOf });
    for (let i = 0; i < 50; i++) await repository.handle('counter-busy', increment(1));
    expect(Math.max(...reads)).toBe(0);
  });
});
