import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from '@billing/util/testing';
import { messageBusContract } from '../../testing/message-bus.contract';
import { InProcessMessageBus } from './in-process-message-bus';
import type { IncomingMessage } from '../port';
import { UnknownTopicError } from './partition-log';

messageBusContract('in-process', () => new InProcessMessageBus());

describe('InProcessMessageBus on a file', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'bus-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('given a restart, then published messages and committed offsets survive', async () => {
    const path = join(dir, 'bus.sqlite');
    const before = new InProcessMessageBus({ path });
    await before.ensureTopics([{ topic: 'billing.wallet.v1', partitions: 2 }]);
    await before.publish([1, 2, 3].map((i) => ({ topic: 'billing.wallet.v1', key: 'acme', value: Buffer.from(String(i)) })));
    const seen: string[] = [];
    const s = await before.subscribe({ groupId: 'g', topics: ['billing.wallet.v1'], handler: async (b) => void seen.push(...b.map((m) => m.value.toString())) });
    await eventually(() => seen.length === 3);
    await s.stop();
    await before.publish([{ topic: 'billing.wallet.v1', key: 'acme', value: Buffer.from('4') }]);
    await before.close();

    const after = new InProcessMessageBus({ path });
    const later: string[] = [];
    await after.subscribe({ groupId: 'g', topics: ['billing.wallet.v1'], handler: async (b) => void later.push(...b.map((m) => m.value.toString())) });
    await eventually(() => later.length === 1);
    expect(later).toEqual(['4']);
    expect(await after.describeTopics(['billing.wallet.v1'])).toEqual(new Map([['billing.wallet.v1', 2]]));
    await after.close();
  });

  it('given messages published with checkpoints, then both survive a restart, and a refused publish saves neither', async () => {
    const path = join(dir, 'bus.sqlite');
    const before = new InProcessMessageBus({ path });
    await before.ensureTopics([{ topic: 'billing.wallet.v1', partitions: 2 }]);
    await expect(before.checkpointed.loadCheckpoint('wallet-relay')).resolves.toBeUndefined();
    await before.checkpointed.publishWithCheckpoints(
      ['a', 'b', 'c'].map((key) => ({ topic: 'billing.wallet.v1', key, value: Buffer.from(key) })),
      [{ name: 'wallet-relay', position: 3 }],
    );
    await expect(
      before.checkpointed.publishWithCheckpoints([{ topic: 'nowhere', key: 'k', value: Buffer.from('x') }], [{ name: 'wallet-relay', position: 4 }]),
    ).rejects.toBeInstanceOf(UnknownTopicError);
    await expect(before.checkpointed.loadCheckpoint('wallet-relay')).resolves.toBe(3);
    await before.close();

    const after = new InProcessMessageBus({ path });
    await expect(after.checkpointed.loadCheckpoint('wallet-relay')).resolves.toBe(3);
    const seen: string[] = [];
    await after.subscribe({ groupId: 'g', topics: ['billing.wallet.v1'], handler: async (b) => void seen.push(...b.map((m) => m.value.toString())) });
    await eventually(() => seen.length === 3);
    expect(seen.sort()).toEqual(['a', 'b', 'c']);
    await after.close();
  });

  it('given a consumer that keeps up (read from memory), then it sees what a restarted bus reads from the file', async () => {
    const path = join(dir, 'bus.sqlite');
    const topic = 'billing.task.v1';
    const publish = (bus: InProcessMessageBus, from: number, count: number) =>
      bus.publish(Array.from({ length: count }, (_, i) => ({ topic, key: `k${(from + i) % 5}`, value: Buffer.from(`m${from + i}`), headers: { n: String(from + i) } })));
    const bus = new InProcessMessageBus({ path });
    await bus.ensureTopics([{ topic, partitions: 3 }]);
    await publish(bus, 0, 4_000); // more than a partition's memory holds (1,024): the oldest are read from the file
    const live: IncomingMessage[] = [];
    const s = await bus.subscribe({ groupId: 'live', topics: [topic], handler: async (b) => void live.push(...b) });
    await publish(bus, 4_000, 500);
    await eventually(() => live.length === 4_500);
    await s.stop();
    await bus.close();

    const reopened = new InProcessMessageBus({ path });
    const fromFile: IncomingMessage[] = [];
    await reopened.subscribe({ groupId: 'cold', topics: [topic], handler: async (b) => void fromFile.push(...b) });
    await eventually(() => fromFile.length === 4_500);
    await reopened.close();
    const comparable = (ms: readonly IncomingMessage[]) =>
      ms.map((m) => ({ ...m, value: m.value.toString() })).sort((a, b) => a.partition - b.partition || Number(a.offset) - Number(b.offset));
    expect(comparable(live)).toEqual(comparable(fromFile));
  });

  it('given relays\' messages still waiting to be written, then a consumer behind memory, a late subscriber and the relay itself see them', async () => {
    const path = join(dir, 'bus.sqlite');
    const topic = 'billing.task.v1';
    const bus = new InProcessMessageBus({ path, writeDelayMillis: 60_000 });
    await bus.ensureTopics([{ topic, partitions: 1 }]);
    // More than a partition's memory holds (1,024): the oldest are only in the file, once written.
    const messages = Array.from({ length: 3_000 }, (_, i) => ({ topic, key: 'k', value: Buffer.from(`m${i}`) }));
    await bus.checkpointed.publishWithCheckpoints(messages, [{ name: 'task-relay', position: 3_000 }]);
    await expect(bus.checkpointed.loadCheckpoint('task-relay')).resolves.toBe(3_000);

    const late: string[] = [];
    const fromEnd = await bus.subscribe({ groupId: 'late', topics: [topic], fromBeginning: false, handler: async (b) => void late.push(...b.map((m) => m.value.toString())) });
    const all: string[] = [];
    await bus.subscribe({ groupId: 'all', topics: [topic], handler: async (b) => void all.push(...b.map((m) => m.value.toString())) });
    await eventually(() => all.length === 3_000);
    expect(all).toEqual(messages.map((m) => m.value.toString()));
    await bus.checkpointed.publishWithCheckpoints([{ topic, key: 'k', value: Buffer.from('next') }], [{ name: 'task-relay', position: 3_001 }]);
    await eventually(() => late.length === 1);
    expect(late).toEqual(['next']);
    await fromEnd.stop();
    await bus.close();

    const reopened = new InProcessMessageBus({ path });
    await expect(reopened.checkpointed.loadCheckpoint('task-relay')).resolves.toBe(3_001);
    const cold: string[] = [];
    await reopened.subscribe({ groupId: 'cold', topics: [topic], handler: async (b) => void cold.push(...b.map((m) => m.value.toString())) });
    await eventually(() => cold.length === 3_001);
    expect(cold).toEqual([...messages.map((m) => m.value.toString()), 'next']);
    await reopened.close();
  });

  it('refuses to publish to a topic that was not created at start-up', async () => {
    const bus = new InProcessMessageBus();
    await expect(bus.publish([{ topic: 'nowhere', key: 'k', value: Buffer.from('x') }])).rejects.toBeInstanceOf(UnknownTopicError);
    await bus.close();
  });
});
