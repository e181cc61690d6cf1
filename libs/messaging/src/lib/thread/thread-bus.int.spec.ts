import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { eventually } from '@billing/util/testing';
import { messageBusContract } from '../../testing/message-bus.contract';
import { InProcessMessageBus } from '../in-process/in-process-message-bus';
import type { IncomingMessage, MessageBus } from '../port';
import { serveBusOverPort, ThreadMessageBus } from './thread-bus';

/** A ThreadMessageBus over a real MessageChannel to an in-process bus; closing it closes all three. */
async function threadBus(): Promise<{ bus: ThreadMessageBus; inner: InProcessMessageBus; threadPort: MessagePort; closeAll(): Promise<void> }> {
  const inner = new InProcessMessageBus();
  const { port1, port2 } = new MessageChannel();
  const served = serveBusOverPort(inner, port1);
  const bus = await ThreadMessageBus.connect(port2);
  return {
    bus,
    inner,
    threadPort: port2,
    closeAll: async () => {
      await bus.close();
      await served.close();
      await inner.close();
    },
  };
}

messageBusContract('thread (over a MessageChannel, served by an in-process bus)', async (): Promise<MessageBus> => {
  const { bus, closeAll } = await threadBus();
  return new Proxy(bus, { get: (target, key) => (key === 'close' ? closeAll : Reflect.get(target, key, target)) });
});

describe('ThreadMessageBus', () => {
  const topic = 'billing.thread-test.v1';
  const texts = (batch: readonly IncomingMessage[]): string[] => batch.map((m) => m.value.toString());

  it('given messages published with a checkpoint through the thread, then the serving bus holds both, in one commit', async () => {
    const { bus, inner, closeAll } = await threadBus();
    await bus.ensureTopics([{ topic, partitions: 1 }]);
    expect(bus.checkpointed).toBeDefined();
    await bus.checkpointed?.publishWithCheckpoints([{ topic, key: 'a', value: Buffer.from('one') }], [{ name: 'relay', position: 7 }]);
    await expect(inner.checkpointed.loadCheckpoint('relay')).resolves.toBe(7);
    await expect(bus.checkpointed?.loadCheckpoint('relay')).resolves.toBe(7);
    await expect(bus.describeTopics([topic, 'missing'])).resolves.toEqual(new Map([[topic, 1]]));
    await closeAll();
  });

  it("given a handler that fails in the thread, then the subscription ends failed with that error, and the batch is delivered again", async () => {
    const { bus, inner, closeAll } = await threadBus();
    await bus.ensureTopics([{ topic, partitions: 1 }]);
    await bus.publish([{ topic, key: 'a', value: Buffer.from('first') }]);
    const failing = await bus.subscribe({ groupId: 'g', topics: [topic], handler: async () => Promise.reject(new RangeError('cannot take it')) });
    const end = await failing.closed;
    expect(end).toMatchObject({ reason: 'failed', topic, partition: 0, offset: '0' });
    expect(end.reason === 'failed' && [end.error.name, end.error.message]).toEqual(['RangeError', 'cannot take it']);
    const seen: string[] = [];
    await inner.subscribe({ groupId: 'g', topics: [topic], handler: async (batch) => void seen.push(...texts(batch)) });
    await eventually(() => seen.length === 1);
    expect(seen).toEqual(['first']);
    await closeAll();
  });

  it('given the thread goes away with a batch in its hands, then the serving side ends that subscription without committing the batch', async () => {
    const { bus, inner, threadPort, closeAll } = await threadBus();
    await bus.ensureTopics([{ topic, partitions: 1 }]);
    await bus.publish([{ topic, key: 'a', value: Buffer.from('held') }]);
    let received!: () => void;
    const arrived = new Promise<void>((resolve) => (received = resolve));
    const held = await bus.subscribe({ groupId: 'g', topics: [topic], handler: () => (received(), new Promise<void>(() => undefined)) });
    await arrived;
    threadPort.close(); // what a thread's end does to its ports
    expect(await held.closed).toMatchObject({ reason: 'failed' });
    const seen: string[] = [];
    await eventually(async () => {
      const again = await inner.subscribe({ groupId: 'g', topics: [topic], handler: async (batch) => void seen.push(...texts(batch)) }).catch(() => null);
      return again !== null;
    });
    await eventually(() => seen.length === 1);
    expect(seen).toEqual(['held']);
    await closeAll();
  });

  it('given the thread goes away while its subscribe is under way, then the serving side stops that subscription, so the group can join again', async () => {
    const inner = new InProcessMessageBus();
    await inner.ensureTopics([{ topic, partitions: 1 }]);
    let subscribed!: () => void;
    const reached = new Promise<void>((resolve) => (subscribed = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let landed!: () => void;
    const joined = new Promise<void>((resolve) => (landed = resolve));
    // The serving bus answers this subscribe only after the thread's port closed.
    const slow: MessageBus = new Proxy(inner, {
      get: (target, key) =>
        key === 'subscribe'
          ? async (options: Parameters<MessageBus['subscribe']>[0]) => {
              subscribed();
              await released;
              const subscription = await target.subscribe(options);
              landed();
              return subscription;
            }
          : Reflect.get(target, key, target),
    });
    const { port1, port2 } = new MessageChannel();
    const served = serveBusOverPort(slow, port1);
    const bus = await ThreadMessageBus.connect(port2);
    void bus.subscribe({ groupId: 'late', topics: [topic], handler: async () => undefined }).catch(() => undefined);
    await reached;
    port2.close();
    await new Promise((resolve) => setTimeout(resolve, 20));
    release();
    await joined;
    await eventually(async () => {
      const again = await inner.subscribe({ groupId: 'late', topics: [topic], handler: async () => undefined }).catch(() => null);
      await again?.stop();
      return again !== null;
    });
    await served.close();
    await inner.close();
  });
});
