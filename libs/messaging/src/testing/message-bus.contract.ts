import { randomUUID } from 'node:crypto';
import { eventually } from '@billing/util/testing';
import { IdempotentConsumer } from '../lib/consumer/idempotent-consumer';
import { DeadLetterHeader, EventHeader } from '../lib/headers';
import type { IncomingMessage, MessageBus, OutgoingMessage } from '../lib/port';
import { deadLetterTopicFor } from '../lib/topics';
import { WALLET_PAYLOAD_SCHEMAS, type WalletPayloads } from '../lib/wallet/wallet-topic';
import { BalanceProjection } from './balance-projection';
import { purchaseMessage, withValue } from './wallet-fixtures';

export interface MessageBusContractOptions {
  /** Per test; a real broker needs seconds for group joins. */
  readonly timeoutMs?: number;
}

const message = (topic: string, key: string, text: string, headers: Record<string, string> = {}): OutgoingMessage => ({
  topic,
  key,
  value: Buffer.from(text),
  headers,
});

/**
 * The messaging port's contract: every adapter passes it, and so does the one consumer
 * code path (idempotency, dead letters, retries) on top of each adapter.
 */
export function messageBusContract(name: string, createBus: () => Promise<MessageBus> | MessageBus, options: MessageBusContractOptions = {}): void {
  const timeout = options.timeoutMs ?? 10_000;
  const wait = timeout - 2_000;

  describe(`MessageBus contract: ${name}`, () => {
    let bus: MessageBus;
    const projections: BalanceProjection[] = [];
    const unique = (label: string): string => `test.${label}.${randomUUID().slice(0, 8)}`;
    const projection = (): BalanceProjection => {
      const p = new BalanceProjection();
      projections.push(p);
      return p;
    };

    beforeEach(async () => {
      bus = await createBus();
    });

    afterEach(async () => {
      await bus.close();
      for (const p of projections.splice(0)) p.close();
    }, timeout);

    it(
      'given a fresh client, when publishing before anything connected, then the message is delivered intact',
      async () => {
        const topic = unique('early');
        await bus.ensureTopics([{ topic, partitions: 1 }]);
        await bus.publish([message(topic, 'acct-1', 'hello', { 'event-id': 'e1' })]);
        const received: IncomingMessage[] = [];
        await bus.subscribe({ groupId: unique('g'), topics: [topic], handler: async (batch) => void received.push(...batch) });
        await eventually(() => received.length === 1, 'the early message', wait);
        expect(received[0]).toMatchObject({ topic, partition: 0, offset: '0', key: 'acct-1', headers: { 'event-id': 'e1' } });
        expect(received[0]?.value.toString()).toBe('hello');
      },
      timeout,
    );

    it(
      'given many large publishes at once, more than a broker takes in one request, then each is acknowledged and delivered once',
      async () => {
        const topic = unique('large');
        await bus.ensureTopics([{ topic, partitions: 1 }]);
        const body = (i: number) => `${i}:`.padEnd(100 * 1024, 'x');
        await Promise.all(Array.from({ length: 24 }, (_, i) => bus.publish([message(topic, 'acct-1', body(i))])));
        const received: string[] = [];
        await bus.subscribe({ groupId: unique('g'), topics: [topic], handler: async (batch) => void received.push(...batch.map((m) => m.value.toString())) });
        await eventually(() => received.length >= 24, '24 large messages', wait);
        expect(received.map((text) => text.length)).toEqual(Array(24).fill(100 * 1024));
        expect(new Set(received.map((text) => text.split(':')[0])).size).toBe(24);
      },
      timeout,
    );

    it(
      'when topics are ensured twice, then they exist once with the configured partitions',
      async () => {
        const topic = unique('admin');
        await bus.ensureTopics([{ topic, partitions: 3 }]);
        await bus.ensureTopics([{ topic, partitions: 3 }]);
        const described = await bus.describeTopics([topic, unique('missing')]);
        expect([...described]).toEqual([[topic, 3]]);
      },
      timeout,
    );

    it(
      "given many keys over several partitions, then each key's messages arrive in order, each batch from one partition",
      async () => {
        const topic = unique('order');
        await bus.ensureTopics([{ topic, partitions: 4 }]);
        const keys = Array.from({ length: 12 }, (_, i) => `account-${i}`);
        for (let round = 0; round < 4; round++) {
          await bus.publish(keys.flatMap((key) => Array.from({ length: 10 }, (_, i) => message(topic, key, String(round * 10 + i)))));
        }
        const seen = new Map<string, number[]>();
        const partitionsOfKey = new Map<string, Set<number>>();
        let mixedBatches = 0;
        await bus.subscribe({
          groupId: unique('g'),
          topics: [topic],
          handler: async (batch) => {
            if (new Set(batch.map((m) => m.partition)).size > 1) mixedBatches++;
            for (const m of batch) {
              const key = m.key ?? '';
              seen.set(key, [...(seen.get(key) ?? []), Number(m.value.toString())]);
              partitionsOfKey.set(key, (partitionsOfKey.get(key) ?? new Set()).add(m.partition));
            }
          },
        });
        await eventually(() => [...seen.values()].reduce((n, list) => n + list.length, 0) === 480, 'all 480 messages', wait);
        const inOrder = Array.from({ length: 40 }, (_, i) => i);
        for (const key of keys) {
          expect(seen.get(key)).toEqual(inOrder);
          expect(partitionsOfKey.get(key)?.size).toBe(1);
        }
        expect(mixedBatches).toBe(0);
      },
      timeout,
    );

    it(
      'consumes partitions concurrently, not one message at a time per topic',
      async () => {
        const topic = unique('concurrent');
        await bus.ensureTopics([{ topic, partitions: 2 }]);
        await bus.publish(Array.from({ length: 40 }, (_, i) => message(topic, `key-${i}`, String(i))));
        const started = new Set<number>();
        let bothStarted: () => void = () => undefined;
        const together = new Promise<void>((resolve) => (bothStarted = resolve));
        let handled = 0;
        const subscription = await bus.subscribe({
          groupId: unique('g'),
          topics: [topic],
          handler: async (batch) => {
            started.add(batch[0]?.partition ?? -1);
            if (started.size === 2) bothStarted();
            // A partition's first batch waits for the other partition's: consumed one at a time, this times out.
            let timer: NodeJS.Timeout | undefined;
            const alone = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('partitions consumed one at a time')), wait / 2)));
            await Promise.race([together, alone]).finally(() => clearTimeout(timer));
            handled += batch.length;
          },
        });
        await eventually(() => handled === 40, 'both partitions', wait);
        await subscription.stop();
        expect(await subscription.closed).toEqual({ reason: 'stopped' });
      },
      timeout,
    );

    it(
      'given an idle subscription, then a new message is handled, and the subscription stops, well within a second (no 5 s fetch wait)',
      async () => {
        const topic = unique('latency');
        await bus.ensureTopics([{ topic, partitions: 1 }]);
        const handledAt = new Map<string, number>();
        const subscription = await bus.subscribe({
          groupId: unique('g'),
          topics: [topic],
          handler: async (b) => b.forEach((m) => handledAt.set(m.value.toString(), Date.now())),
        });
        const latencies: number[] = [];
        for (let i = 0; i < 5; i++) {
          await new Promise((resolve) => setTimeout(resolve, 300));
          const sentAt = Date.now();
          await bus.publish([message(topic, 'k', `m${i}`)]);
          await eventually(() => handledAt.has(`m${i}`), `message ${i}`, wait);
          latencies.push((handledAt.get(`m${i}`) ?? Infinity) - sentAt);
        }
        expect(Math.max(...latencies)).toBeLessThan(1_000);
        // A long fetch wait shows here: stopping waits for the fetch in flight.
        await new Promise((resolve) => setTimeout(resolve, 300));
        const stopping = Date.now();
        await subscription.stop();
        expect(Date.now() - stopping).toBeLessThan(1_000);
      },
      timeout,
    );

    it(
      'given two consumer groups, then each receives every message',
      async () => {
        const topic = unique('groups');
        await bus.ensureTopics([{ topic, partitions: 2 }]);
        await bus.publish(Array.from({ length: 20 }, (_, i) => message(topic, `k${i}`, String(i))));
        const counts = { first: 0, second: 0 };
        await bus.subscribe({ groupId: unique('g1'), topics: [topic], handler: async (b) => void (counts.first += b.length) });
        await bus.subscribe({ groupId: unique('g2'), topics: [topic], handler: async (b) => void (counts.second += b.length) });
        await eventually(() => counts.first === 20 && counts.second === 20, 'both groups', wait);
      },
      timeout,
    );

    it(
      'given a group that stopped after handling, when it subscribes again, then it resumes after its committed offset',
      async () => {
        const topic = unique('resume');
        const groupId = unique('g');
        await bus.ensureTopics([{ topic, partitions: 1 }]);
        await bus.publish(Array.from({ length: 10 }, (_, i) => message(topic, 'k', `old-${i}`)));
        const first: string[] = [];
        const s1 = await bus.subscribe({ groupId, topics: [topic], handler: async (b) => void first.push(...b.map((m) => m.value.toString())) });
        await eventually(() => first.length === 10, 'the first ten', wait);
        await s1.stop();
        expect(await s1.closed).toEqual({ reason: 'stopped' });

        await bus.publish(Array.from({ length: 5 }, (_, i) => message(topic, 'k', `new-${i}`)));
        const second: string[] = [];
        await bus.subscribe({ groupId, topics: [topic], handler: async (b) => void second.push(...b.map((m) => m.value.toString())) });
        await eventually(() => second.length >= 5, 'the five new ones', wait);
        expect(second).toEqual(['new-0', 'new-1', 'new-2', 'new-3', 'new-4']);
      },
      timeout,
    );

    it(
      'given a handler that fails, then the subscription ends uncommitted and the next subscription gets the message again',
      async () => {
        const topic = unique('fail');
        const groupId = unique('g');
        await bus.ensureTopics([{ topic, partitions: 1 }]);
        await bus.publish(['a', 'b', 'c'].map((v) => message(topic, 'k', v)));
        const s1 = await bus.subscribe({
          groupId,
          topics: [topic],
          handler: async (batch) => {
            if (batch.some((m) => m.value.toString() === 'b')) throw new Error('cannot handle b');
          },
        });
        const end = await s1.closed;
        expect(end).toMatchObject({ reason: 'failed', topic, partition: 0 });
        expect(end.reason === 'failed' && end.error.message).toBe('cannot handle b');

        const second: string[] = [];
        await bus.subscribe({ groupId, topics: [topic], handler: async (b) => void second.push(...b.map((m) => m.value.toString())) });
        await eventually(() => second.includes('c'), 'redelivery', wait);
        expect(second.slice(-2)).toEqual(['b', 'c']);
      },
      timeout,
    );

    describe('idempotent consumer on this transport', () => {
      const consumerFor = (topic: string, target: BalanceProjection, extra: Partial<ConstructorParameters<typeof IdempotentConsumer<WalletPayloads>>[0]> = {}) =>
        new IdempotentConsumer<WalletPayloads>({
          name: unique('consumer'),
          bus,
          topics: [topic],
          schemas: WALLET_PAYLOAD_SCHEMAS,
          inbox: target.inbox,
          apply: target.apply,
          retry: { attempts: 3, initialDelayMs: 10, maxDelayMs: 50 },
          ...extra,
        });

      it(
        'given a malformed and an invalid message between good ones, then both are dead-lettered with the reason and the rest handled',
        async () => {
          const topic = unique('dlq');
          await bus.ensureTopics([
            { topic, partitions: 1 },
            { topic: deadLetterTopicFor(topic), partitions: 1 },
          ]);
          const good1 = purchaseMessage(topic, 'acme', 1_000);
          const garbage = withValue(purchaseMessage(topic, 'acme', 5), '{not json');
          const invalid = withValue(purchaseMessage(topic, 'acme', 7), JSON.stringify({ purchaseId: 'p', millicredits: -7 }));
          const good2 = purchaseMessage(topic, 'acme', 2_000);
          await bus.publish([good1, garbage, invalid, good2]);

          const target = projection();
          await consumerFor(topic, target).start();
          const dead: IncomingMessage[] = [];
          await bus.subscribe({ groupId: unique('dlq-reader'), topics: [deadLetterTopicFor(topic)], handler: async (b) => void dead.push(...b) });

          await eventually(() => target.balanceOf('acme') === 3_000 && dead.length === 2, 'good ones handled, bad ones dead-lettered', wait);
          expect(dead.map((m) => m.headers[EventHeader.eventId])).toEqual([garbage.headers?.[EventHeader.eventId], invalid.headers?.[EventHeader.eventId]]);
          expect(dead[0]?.headers).toMatchObject({
            [DeadLetterHeader.originalTopic]: topic,
            [DeadLetterHeader.originalPartition]: '0',
            [DeadLetterHeader.originalOffset]: '1',
          });
          expect(dead[0]?.headers[DeadLetterHeader.reason]).toMatch(/^unparseable payload/);
          expect(dead[1]?.headers[DeadLetterHeader.reason]).toMatch(/^invalid CreditsPurchased: .*millicredits/);
          expect(dead[1]?.value.toString()).toBe(invalid.value.toString());
          expect(target.applications()).toBe(2);
        },
        timeout,
      );

      it(
        'given every message published twice, then each takes effect once',
        async () => {
          const topic = unique('dup');
          await bus.ensureTopics([{ topic, partitions: 3 }]);
          const originals = Array.from({ length: 30 }, (_, i) => purchaseMessage(topic, `acct-${i % 5}`, 100));
          await bus.publish(originals);
          await bus.publish(originals);
          const target = projection();
          let duplicates = 0;
          await consumerFor(topic, target, { onHandled: (_, outcome) => void (duplicates += outcome.duplicates) }).start();
          await eventually(() => duplicates === 30, 'thirty duplicates recognised', wait);
          expect(target.applications()).toBe(30);
          expect(target.distinctApplications()).toBe(30);
          for (let i = 0; i < 5; i++) expect(target.balanceOf(`acct-${i}`)).toBe(600);
        },
        timeout,
      );

      it(
        'given an effect that fails twice, then it is retried with backoff and applied once',
        async () => {
          const topic = unique('retry');
          await bus.ensureTopics([{ topic, partitions: 1 }]);
          await bus.publish([purchaseMessage(topic, 'acme', 500)]);
          const target = projection();
          let failures = 0;
          await consumerFor(topic, target, {
            apply: (event, db) => {
              if (failures < 2) {
                failures++;
                throw new Error('database is locked');
              }
              target.apply(event, db);
            },
          }).start();
          await eventually(() => target.balanceOf('acme') === 500, 'the retried effect', wait);
          expect(failures).toBe(2);
          expect(target.applications()).toBe(1);
        },
        timeout,
      );

      it(
        'given an effect that keeps failing, then after the bound the subscription ends uncommitted and a restart applies it once',
        async () => {
          const topic = unique('exhaust');
          await bus.ensureTopics([{ topic, partitions: 1 }]);
          await bus.publish([purchaseMessage(topic, 'acme', 1), purchaseMessage(topic, 'acme', 10), purchaseMessage(topic, 'acme', 100)]);
          const target = projection();
          let broken = true;
          const name = unique('consumer');
          const options = {
            name,
            apply: (event: Parameters<BalanceProjection['apply']>[0], db: Parameters<BalanceProjection['apply']>[1]) => {
              if (broken && event.type === 'CreditsPurchased' && event.data.millicredits === 10) throw new Error('still down');
              target.apply(event, db);
            },
          };
          const first = await consumerFor(topic, target, options).start();
          const end = await first.closed;
          expect(end.reason).toBe('failed');
          expect(end.reason === 'failed' && end.error.message).toMatch(/^Gave up after 3 attempts: still down/);
          // The failing batch rolled back whole; a message fetched on its own before it may have landed.
          expect([0, 1]).toContain(target.balanceOf('acme'));

          broken = false;
          await consumerFor(topic, target, options).start();
          await eventually(() => target.balanceOf('acme') === 111, 'all three after the restart', wait);
          expect(target.applications()).toBe(3);
        },
        timeout,
      );
    });
  });
}
