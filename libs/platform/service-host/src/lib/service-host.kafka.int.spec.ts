import { DeadLetterHeader, type IncomingMessage, KafkaMessageBus, type MessageBus } from '@billing/messaging';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from '@billing/util/testing';
import { counterStream, increment, newObservations } from '../testing/counter-service';
import { reactionCounts, startCounterHost } from '../testing/counter-host';
import { RpcError, RpcTimeoutError } from './rpc';
import { commandTopicFor } from './topics';

const brokers = (): string[] => {
  const value = process.env['KAFKA_BROKERS'];
  if (!value) throw new Error('KAFKA_BROKERS is not set: run the kafka tier with `npm run test:kafka`');
  return value.split(',');
};

const collect = async (bus: MessageBus, topic: string): Promise<IncomingMessage[]> => {
  const received: IncomingMessage[] = [];
  await bus.subscribe({ groupId: `reader-${topic}-${Date.now()}`, topics: [topic], handler: async (b) => void received.push(...b) });
  return received;
};

describe('ServiceHost running the toy counter service over a real Kafka broker', () => {
  let dir: string;
  let bus: KafkaMessageBus;
  const run = `${Date.now()}`;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'service-host-kafka-'));
    bus = new KafkaMessageBus({ brokers: brokers(), clientId: 'service-host-kafka-test' });
  });

  afterAll(async () => {
    await bus.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('commands (valid, invalid to the dead-letter topic, duplicate without effect), reactors on the store and the topic, RPC replies, problems and timeouts, restart from checkpoints', async () => {
    const seen = newObservations();
    const account = `acct-${run}`;
    let counter = await startCounterHost({ dir, bus, seen, instanceId: `counter-${run}-a` });
    try {
      const dead = await collect(bus, `${commandTopicFor('counter')}.dlq`);
      await counter.host.context.commands.send('counter', [increment(account, 'k1', 5), increment(account, 'k1', 5), increment(account, 'k2', 7)]);
      await bus.publish([
        {
          topic: commandTopicFor('counter'),
          key: account,
          value: Buffer.from(JSON.stringify({ type: 'Increment', data: { by: 0 }, metadata: { commandId: 'bad', now: 1 } })),
          headers: { 'target-stream': counterStream(account), 'account-id': account },
        },
      ]);
      await eventually(async () => (await counter.store.readStream(counterStream(account))).length === 2, 'two increments', 60_000);
      await eventually(() => dead.length >= 1, 'a dead letter', 60_000);
      expect(dead[0]?.headers[DeadLetterHeader.reason]).toMatch(/^invalid Increment: by: must not be less than 1/);

      const ids = (await counter.store.readStream(counterStream(account))).map((e) => e.eventId);
      await eventually(() => ids.every((id) => seen.busReactions.includes(id)), 'bus reactions', 60_000);
      await eventually(() => seen.storeReactions.length === 2, 'store reactions', 20_000);

      const rpc = counter.host.context.rpc;
      await expect(rpc.call('counter', 'total', { accountId: account })).resolves.toEqual({ total: 12 });
      await expect(rpc.call('counter', 'total', { accountId: 'nobody' })).rejects.toEqual(new RpcError({ type: 'not-found', title: 'No such counter', status: 404 }));
      await expect(rpc.call('counter', 'total', { accountId: 3 })).rejects.toMatchObject({ problem: { type: 'validation', errors: [{ field: 'accountId', message: 'must be a string' }] } });
      await expect(rpc.call('counter', 'slow', { millis: 2_000 }, { timeoutMillis: 200 })).rejects.toBeInstanceOf(RpcTimeoutError);
    } finally {
      await counter.stop();
    }

    counter = await startCounterHost({ dir, bus, seen, instanceId: `counter-${run}-b` });
    try {
      await counter.host.context.commands.send('counter', [increment(account, 'k3', 1)]);
      await eventually(() => seen.storeReactions.length === 3, 'the store reaction after the restart', 60_000);
      const counts = reactionCounts(counter.db);
      expect([...counts.values()]).toEqual([1, 1, 1]);
      expect(await counter.host.context.rpc.call('counter', 'total', { accountId: account })).toEqual({ total: 13 });
    } finally {
      await counter.stop();
    }
  }, 180_000);

});
