import { type EventStore, openSqliteEventStore } from '@billing/event-store';
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from '@billing/util/testing';
import { IdempotentConsumer } from '../lib/consumer/idempotent-consumer';
import { KafkaMessageBus } from '../lib/kafka/kafka-message-bus';
import { WALLET_PAYLOAD_SCHEMAS, type WalletPayloads } from '../lib/wallet/wallet-topic';
import { BalanceProjection } from '../testing/balance-projection';
import { REPO_ROOT } from '../lib/kafka/local-broker';
import { DeliveryTally } from '../testing/delivery-tally';
import { testBrokers } from '../testing/kafka-test-env';
import { appendPurchases } from '../testing/wallet-events';

/**
 * The relay in its own process (node with tsx as a loader, so the signal reaches the relay
 * itself, not a wrapper), reporting each acknowledged batch's last position.
 */
class RelayProcess {
  readonly child: ChildProcess;
  published = 0;
  private readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  constructor(env: Record<string, string>) {
    this.child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, '../testing/relay.child.ts')], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    this.exited = new Promise((resolve) => this.child.once('exit', (code, signal) => resolve({ code, signal })));
    let pending = '';
    this.child.stdout?.on('data', (chunk: Buffer) => {
      const lines = (pending + chunk.toString()).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const match = /^published (\d+)$/.exec(line);
        if (match) this.published = Number(match[1]);
      }
    });
  }

  async kill(signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    return this.exited;
  }
}

describe('a relay killed with kill -9 mid-stream', () => {
  let dir: string;
  let store: EventStore;
  let bus: KafkaMessageBus;
  let target: BalanceProjection;
  const relays: RelayProcess[] = [];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'relay-kill-'));
    store = openSqliteEventStore({ path: join(dir, 'events.sqlite') });
    bus = new KafkaMessageBus({ brokers: testBrokers(), clientId: 'kill-nine', logLevel: 'nothing' });
    target = new BalanceProjection(join(dir, 'consumer.sqlite'));
  });

  afterEach(async () => {
    for (const relay of relays.splice(0)) await relay.kill('SIGKILL');
    await bus.close();
    await store.close();
    target.close();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('given a restart after SIGKILL, then every event arrives at least once and takes effect exactly once', async () => {
    const topic = `billing.wallet.v1.kill-${randomUUID().slice(0, 8)}`;
    const env = {
      EVENT_STORE_PATH: join(dir, 'events.sqlite'),
      CHECKPOINT_PATH: join(dir, 'relay.sqlite'),
      KAFKA_BROKERS: testBrokers().join(','),
      RELAY_TOPIC: topic,
      RELAY_BATCH: '20',
    };
    const tally = new DeliveryTally();
    const before = await appendPurchases(store, 3_000, 16, 5);

    const first = new RelayProcess(env);
    relays.push(first);
    await eventually(() => first.published >= 600, 'the first relay to get going', 40_000);
    // The topic exists once the relay started: now the consumers can join it.
    await tally.follow(bus, topic, `tally-${topic}`);
    await new IdempotentConsumer<WalletPayloads>({ name: `balances-${topic}`, bus, topics: [topic], schemas: WALLET_PAYLOAD_SCHEMAS, inbox: target.inbox, apply: target.apply }).start();
    expect(await first.kill('SIGKILL')).toEqual({ code: null, signal: 'SIGKILL' });
    const killedAt = first.published;
    expect(killedAt).toBeLessThan(3_000);

    // Appended while no relay runs, then picked up live by the next one.
    const during = await appendPurchases(store, 1_000, 16, 1);
    const second = new RelayProcess(env);
    relays.push(second);
    const all = [...before, ...during];
    await eventually(() => tally.ids.size === all.length && target.distinctApplications() === all.length, 'every event after the restart', 60_000);

    expect(tally.missing(all)).toEqual([]);
    expect(target.applications()).toBe(all.length);
    const total = Array.from({ length: 16 }, (_, a) => target.balanceOf(`acct-${a}-x`)).reduce((x, y) => x + y, 0);
    expect(total).toBe(all.length * 1_000);
    expect(await second.kill('SIGTERM')).toEqual({ code: 0, signal: null });
    process.stderr.write(`kill -9 at position ${killedAt}: ${tally.deliveries} deliveries, ${tally.duplicates} duplicates, ${target.applications()} effects\n`);
  }, 120_000);
});
