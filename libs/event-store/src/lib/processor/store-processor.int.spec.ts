import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from '@billing/util/testing';
import type { EventStore, RecordedEvent } from '../port';
import { openSqliteEventStore } from '../sqlite/sqlite-event-store';
import { StoreProcessor } from './store-processor';

describe('StoreProcessor: follows a store from a checkpoint and hands over batches', () => {
  let dir: string;
  let store: EventStore;
  let n = 0;
  const append = (stream: string, count: number) =>
    store.appendToStream(stream, Array.from({ length: count }, () => ({ eventId: `e-${++n}`, type: 'Happened', schemaVersion: 1, data: { n } })), 'any');

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'store-processor-'));
    store = openSqliteEventStore({ path: join(dir, 'events.db') });
    n = 0;
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('given history and live events, then it hands over every event after its checkpoint once, in order, in batches no larger than asked, only of the streams its filter names', async () => {
    await append('a-1', 5);
    await append('b-1', 3);
    const batches: RecordedEvent[][] = [];
    const processor = StoreProcessor.start({ store, filter: { streamPrefixes: ['a-'] }, after: 2, maxBatch: 2, handle: async (batch) => void batches.push([...batch]) });
    await append('a-2', 4);
    await eventually(() => processor.position === 12);
    expect(batches.flat().map((e) => e.position)).toEqual([3, 4, 5, 9, 10, 11, 12]);
    expect(Math.max(...batches.map((b) => b.length))).toBeLessThanOrEqual(2);
    await expect(processor.stop()).resolves.toEqual({ reason: 'stopped' });
  });

  it('given a batch whose handling fails, then the processor ends as failed at the last position it handled, and a new one from there gets the batch again', async () => {
    await append('a-1', 4);
    let calls = 0;
    const first: number[] = [];
    const failing = StoreProcessor.start({
      store,
      after: 0,
      maxBatch: 2,
      handle: async (batch) => {
        if (++calls === 2) throw new Error('broken');
        first.push(...batch.map((e) => e.position));
      },
    });
    const end = await failing.closed;
    const last = first[first.length - 1] ?? 0;
    expect(end).toMatchObject({ reason: 'failed', position: last, error: new Error('broken') });
    const seen: number[] = [];
    const again = StoreProcessor.start({ store, after: last, handle: async (batch) => void seen.push(...batch.map((e) => e.position)) });
    await eventually(() => seen.length === 4 - last);
    expect([...first, ...seen]).toEqual([1, 2, 3, 4]);
    await again.stop();
  });

  it('given a stop while a batch is being handled, then the batch finishes and nothing after it is handed over', async () => {
    await append('a-1', 3);
    let release: () => void = () => undefined;
    const handled: number[] = [];
    const processor = StoreProcessor.start({
      store,
      after: 0,
      maxBatch: 1,
      handle: async (batch) => {
        if (handled.length === 0) await new Promise<void>((resolve) => (release = resolve));
        handled.push(...batch.map((e) => e.position));
      },
    });
    await eventually(() => processor.position === 0 && handled.length === 0);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const stopped = processor.stop();
    release();
    await expect(stopped).resolves.toEqual({ reason: 'stopped' });
    expect(handled).toEqual([1]);
    expect(processor.position).toBe(1);
  });
});
