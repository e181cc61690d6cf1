import { DeadLetterHeader, type IncomingMessage, InProcessMessageBus, type MessageBus } from '@billing/messaging';
import { eventually } from '@billing/util/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COUNTER_TOPIC, counterStream, increment, newObservations } from '../testing/counter-service';
import { reactionCounts, startCounterHost } from '../testing/counter-host';
import { ManualClock } from './clock';
import { RpcError, RpcTimeoutError } from './rpc';
import { RpcDirectory } from './run/rpc-dispatch';
import { commandTopicFor } from './topics';

const collect = async (bus: MessageBus, topic: string): Promise<IncomingMessage[]> => {
  const received: IncomingMessage[] = [];
  await bus.subscribe({ groupId: `reader-${topic}`, topics: [topic], handler: async (b) => void received.push(...b) });
  return received;
};

describe('ServiceHost running a toy counter service on SQLite files and the in-process bus', () => {
  let dir: string;
  let bus: InProcessMessageBus;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'service-host-'));
    bus = new InProcessMessageBus();
  });

  afterEach(async () => {
    await bus.close();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('commands', () => {
    it('given a valid command, then it is decided on its stream; given it again, then nothing more happens', async () => {
      const counter = await startCounterHost({ dir, bus, seen: newObservations() });
      await counter.host.context.commands.send('counter', [increment('acct-1', 'cmd-1', 5)]);
      await counter.host.context.commands.send('counter', [increment('acct-1', 'cmd-1', 5), increment('acct-1', 'cmd-2', 7)]);
      await eventually(async () => (await counter.store.readStream(counterStream('acct-1'))).length === 2);
      await new Promise((resolve) => setTimeout(resolve, 50));
      const events = await counter.store.readStream(counterStream('acct-1'));
      expect(events.map((e) => e.data)).toEqual([
        { by: 5, commandId: 'cmd-1', total: 5 },
        { by: 7, commandId: 'cmd-2', total: 12 },
      ]);
      expect(events[0]?.metadata).toMatchObject({ correlationId: 'corr-cmd-1', causationId: 'cmd-1' });
      await counter.stop();
    });

    it('given invalid or unparseable commands, then each goes to the dead-letter topic with its reason and the next one is handled', async () => {
      const counter = await startCounterHost({ dir, bus, seen: newObservations() });
      const dead = await collect(bus, `${commandTopicFor('counter')}.dlq`);
      const headers = { 'target-stream': counterStream('acct-2'), 'account-id': 'acct-2' };
      await bus.publish([
        { topic: commandTopicFor('counter'), key: 'acct-2', value: Buffer.from('{not json'), headers },
        { topic: commandTopicFor('counter'), key: 'acct-2', value: Buffer.from(JSON.stringify({ type: 'Increment', data: { by: 'x' }, metadata: { commandId: 'bad', now: 1 } })), headers },
        { topic: commandTopicFor('counter'), key: 'acct-2', value: Buffer.from(JSON.stringify({ type: 'Increment', data: { by: 1, extra: true }, metadata: { commandId: 'extra', now: 1 } })), headers },
        { topic: commandTopicFor('counter'), key: 'acct-2', value: Buffer.from(JSON.stringify({ type: 'Explode', data: {}, metadata: { commandId: 'x', now: 1 } })), headers },
      ]);
      await counter.host.context.commands.send('counter', [increment('acct-2', 'good', 3)]);
      await eventually(() => dead.length === 4);
      await eventually(async () => (await counter.store.readStream(counterStream('acct-2'))).length === 1);
      const reasons = dead.map((m) => m.headers[DeadLetterHeader.reason]);
      expect(reasons[0]).toMatch(/^unparseable command/);
      expect(reasons[1]).toMatch(/^invalid Increment: by: /);
      expect(reasons[2]).toBe('invalid Increment: extra: is not a known field');
      expect(reasons[3]).toBe('unknown command type Explode');
      expect(dead[0]?.headers[DeadLetterHeader.consumer]).toBe('counter.commands');
      await counter.stop();
    });

    it('given a command the service refuses, then the refusal is logged and the partition moves on', async () => {
      const counter = await startCounterHost({ dir, bus, seen: newObservations() });
      const over = Array.from({ length: 11 }, (_, i) => increment('acct-3', `c-${i}`, 100));
      await counter.host.context.commands.send('counter', over);
      await counter.host.context.commands.send('counter', [increment('acct-4', 'next', 1)]);
      await eventually(async () => (await counter.store.readStream(counterStream('acct-4'))).length === 1);
      await eventually(() => counter.logs.some((l) => l.includes('"command refused"')));
      const refusal = JSON.parse(counter.logs.find((l) => l.includes('"command refused"')) ?? '{}') as Record<string, unknown>;
      expect(refusal).toMatchObject({ level: 'info', service: 'counter', commandId: 'c-10', code: 'limit', correlationId: 'corr-c-10' });
      expect(await counter.store.readStream(counterStream('acct-3'))).toHaveLength(10);
      await counter.stop();
    });
  });

  describe('reactors', () => {
    it('given a host restart, then the store reactor resumes after its checkpoint: every event handled exactly once', async () => {
      const seen = newObservations();
      seen.storeFailures = 2;
      let counter = await startCounterHost({ dir, bus, seen });
      await counter.host.context.commands.send('counter', Array.from({ length: 30 }, (_, i) => increment(`acct-${i % 4}`, `first-${i}`, 1)));
      await eventually(() => seen.storeReactions.length === 30);
      const firstLogs = counter.logs;
      await counter.stop();

      counter = await startCounterHost({ dir, bus, seen });
      await counter.host.context.commands.send('counter', Array.from({ length: 20 }, (_, i) => increment(`acct-${i % 4}`, `second-${i}`, 1)));
      await eventually(() => seen.storeReactions.length === 50);
      await new Promise((resolve) => setTimeout(resolve, 50));
      const counts = reactionCounts(counter.db);
      expect(counts.size).toBe(50);
      expect([...counts.values()].every((n) => n === 1)).toBe(true);
      expect(seen.storeReactions).toHaveLength(50);
      expect(counter.host.storeReactorCheckpoint('tally')).toBe(await counter.store.headPosition());
      expect(firstLogs.filter((l) => l.includes('"reactor failed, retrying"'))).toHaveLength(2);
      await counter.stop();
    });

    it('given relayed events on the topic, then the bus reactor sees each; malformed ones are dead-lettered and the others still arrive', async () => {
      const seen = newObservations();
      const counter = await startCounterHost({ dir, bus, seen });
      const dead = await collect(bus, `${COUNTER_TOPIC}.dlq`);
      const forged = (eventId: string, data: unknown) => ({
        topic: COUNTER_TOPIC,
        key: 'acct-9',
        value: Buffer.from(JSON.stringify(data)),
        headers: { 'event-id': eventId, 'event-type': 'Incremented', 'schema-version': '1', 'stream-name': 'counter-acct-9' },
      });
      // The second is JSON that class-transformer throws on, rather than finding invalid.
      await bus.publish([forged('forged', { by: 'many' }), forged('unreadable', { by: [{ constructor: 'x' }] })]);
      await counter.host.context.commands.send('counter', [increment('acct-9', 'a', 1), increment('acct-9', 'b', 2)]);
      const ids = (await eventually(async () => (await counter.store.readStream(counterStream('acct-9'))).length === 2), (await counter.store.readStream(counterStream('acct-9'))).map((e) => e.eventId));
      await eventually(() => ids.every((id) => seen.busReactions.includes(id)));
      await eventually(() => dead.length === 2);
      expect(dead[0]?.headers[DeadLetterHeader.reason]).toMatch(/^invalid Incremented: by: /);
      expect(dead[0]?.headers[DeadLetterHeader.consumer]).toBe('counter.echo');
      expect(dead[1]?.headers[DeadLetterHeader.reason]).toMatch(/^invalid Incremented: cannot be read as IncrementedPayload \(/);
      expect(seen.busReactions).not.toContain('forged');
      expect(seen.busReactions).not.toContain('unreadable');
      await counter.stop();
    });
  });

  describe('RPC', () => {
    const caller = async (directory?: RpcDirectory) => {
      const counter = await startCounterHost({ dir, bus, seen: newObservations(), ...(directory ? { directory } : {}) });
      await counter.host.context.commands.send('counter', [increment('acct-r', 'r1', 4)]);
      await eventually(async () => (await counter.store.readStream(counterStream('acct-r'))).length === 1);
      return counter;
    };

    it.each([
      ['over the bus', undefined],
      ['called directly in-process', new RpcDirectory()],
    ])('%s: a reply, a problem, an internal error that hides its details', async (_how, directory) => {
      const counter = await caller(directory);
      const rpc = counter.host.context.rpc;
      await expect(rpc.call('counter', 'total', { accountId: 'acct-r' })).resolves.toEqual({ total: 4 });
      await expect(rpc.call('counter', 'total', { accountId: 'nobody' })).rejects.toEqual(new RpcError({ type: 'not-found', title: 'No such counter', status: 404 }));
      const internal = await rpc.call('counter', 'explode', {}).catch((e: unknown) => e);
      expect((internal as RpcError).problem).toEqual({ type: 'internal', title: 'Internal error', status: 500, detail: 'counter.explode failed' });
      await expect(rpc.call('counter', 'nothing', {})).rejects.toMatchObject({ problem: { type: 'not-found', status: 404 } });
      await counter.stop();
    });

    it('over the bus: a request that does not fit the method is a validation problem naming each bad field', async () => {
      const counter = await caller();
      const invalid = await counter.host.context.rpc.call('counter', 'total', { accountId: 7, extra: 1 }).catch((e: unknown) => e);
      expect(invalid).toBeInstanceOf(RpcError);
      expect((invalid as RpcError).problem).toMatchObject({ type: 'validation', status: 400 });
      expect((invalid as RpcError).problem['errors']).toEqual(
        expect.arrayContaining([
          { field: 'accountId', message: 'must be a string' },
          { field: 'extra', message: 'is not a known field' },
        ]),
      );
      await counter.stop();
    });

    it('given a server slower than the timeout, then the caller gets an RpcTimeoutError', async () => {
      const counter = await caller();
      await expect(counter.host.context.rpc.call('counter', 'slow', { millis: 300 }, { timeoutMillis: 50 })).rejects.toBeInstanceOf(RpcTimeoutError);
      await expect(counter.host.context.rpc.call('counter', 'slow', { millis: 1 }, { timeoutMillis: 5_000 })).resolves.toEqual({ done: true });
      await counter.stop();
    });

    it('given many calls at once over the bus, then each gets its own reply', async () => {
      const counter = await caller();
      const replies = await Promise.all(Array.from({ length: 200 }, () => counter.host.context.rpc.call('counter', 'total', { accountId: 'acct-r' })));
      expect(replies).toEqual(Array.from({ length: 200 }, () => ({ total: 4 })));
      await counter.stop();
    });
  });

  describe('jobs', () => {
    it('given a job, then it runs with the clock time, never overlapping itself, and a failing run is retried next tick', async () => {
      const seen = newObservations();
      seen.jobFailures = 2;
      const clock = new ManualClock(Date.UTC(2026, 4, 1));
      const counter = await startCounterHost({ dir, bus, seen, clock, jobEveryMillis: 1, jobMillis: 15 });
      await Promise.all([counter.host.runJob('tick'), counter.host.runJob('tick')]);
      await eventually(() => seen.jobRuns.length >= 3);
      clock.advance(60_000);
      await eventually(() => seen.jobRuns.includes(Date.UTC(2026, 4, 1) + 60_000));
      await counter.stop();
      const runs = seen.jobRuns.length;
      await new Promise((resolve) => setTimeout(resolve, 40));
      expect(seen.jobRuns).toHaveLength(runs);
      expect(seen.jobMaxConcurrent).toBe(1);
      expect(seen.jobRuns[0]).toBe(Date.UTC(2026, 4, 1));
      expect(counter.logs.filter((l) => l.includes('"job failed, will run again next tick"'))).toHaveLength(2);
    });
  });
});
