import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Partitioners } from 'kafkajs';
import { SERVICES, type WalletEvent, WalletRpc, walletStreamName } from '@billing/contracts';
import { KafkaMessageBus } from '@billing/messaging';
import type { ServiceName } from '@billing/platform-config';
import { send, toCommandMessage } from '@billing/service-host';
import { checkWalletInvariants } from '@billing/wallet-domain';
import { instanceName, SCALED_SERVICES } from './distributed/service-processes';
import {
  auditWalletsInPostgres,
  awaitFunding,
  awaitTerminal,
  createTasks,
  type DistributedPlatform,
  FAULTY_PROVIDER,
  fundAccounts,
  instanceMetric,
  kafkaBrokers,
  planTasks,
  postgresEvents,
  type SharedPostgres,
  startDistributed,
  startSharedPostgres,
} from './testing';

const INSTANCES = 2;
const accountsNamed = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${i}`);

/** Messages each instance of each scaled service handled from the bus, and its appends to the shared store, from its own `/metrics`. */
async function workByInstance(platform: DistributedPlatform): Promise<Record<string, { handled: number; appends: number }>> {
  const work: Record<string, { handled: number; appends: number }> = {};
  for (const service of SCALED_SERVICES) {
    for (let instance = 1; instance <= INSTANCES; instance++) {
      const name = instanceName(service, instance);
      work[name] = {
        handled: await instanceMetric(platform, name, 'billing_messages_handled_total'),
        appends: await instanceMetric(platform, name, 'billing_event_store_append_seconds_count', { service }),
      };
    }
  }
  return work;
}

/** One key per partition of a topic of `partitions`, by the producer's own partitioner (Kafka's murmur2). */
function keysForEveryPartition(partitions: number): string[] {
  const partitioner = Partitioners.DefaultPartitioner();
  const partitionMetadata = Array.from({ length: partitions }, (_, partitionId) => ({ partitionId, leader: 0, partitionErrorCode: 0, replicas: [0], isr: [0] }));
  const keys = new Map<number, string>();
  for (let i = 0; keys.size < partitions; i++) {
    const key = `partition-key-${i}`;
    const partition = partitioner({ topic: 'any', partitionMetadata, message: { key, value: null } });
    if (!keys.has(partition)) keys.set(partition, key);
  }
  return [...keys.values()];
}

/** Commands each wallet instance took from its partitions of the command topic. */
async function walletCommandsHandled(platform: DistributedPlatform): Promise<number[]> {
  return Promise.all([1, 2].map((instance) => instanceMetric(platform, instanceName('wallet', instance), 'billing_messages_handled_total', { consumer: 'wallet.commands' })));
}

/** Polls every 250 ms (each look reads the store or scrapes two processes). */
async function until(check: () => Promise<boolean>, what: string, timeoutMillis: number): Promise<void> {
  const deadline = Date.now() + timeoutMillis;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMillis} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

let postgres: SharedPostgres;
beforeAll(async () => {
  postgres = await startSharedPostgres();
}, 60_000);
afterAll(async () => {
  await postgres?.stop();
});

describe('two instances of each service on one PostgreSQL store, over Kafka', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'instances-kafka-e2e-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('given 2,000 tasks with random provider failures, then every task ends, the wallet invariants hold in the store, credits_cost is what each wallet was charged, and every instance did work', async () => {
    const started = Date.now();
    const store = await postgres.database('instances');
    const platform = await startDistributed(dir, kafkaBrokers(), { ...store, ...FAULTY_PROVIDER }, INSTANCES);
    const phases: string[] = [];
    let phaseStart = started;
    const phase = (name: string) => {
      phases.push(`${name} ${((Date.now() - phaseStart) / 1000).toFixed(1)} s`);
      phaseStart = Date.now();
    };
    phase('start');
    try {
      const accounts = accountsNamed(`instances-${Date.now()}`, 40);
      await fundAccounts(platform.commands, accounts, (i) => (i % 4 === 0 ? 1_500_000 : 20_000_000), Date.now());
      await awaitFunding(platform.rpc, accounts, 60_000);
      phase('funding');
      const specs = planTasks({ accounts, tasks: 2_000, seed: 13, prefix: `instances-task-${Date.now()}` });
      const created = await createTasks(platform.rpc, specs, 128);
      phase('creating');
      expect(created.filter((c) => c.refused && c.refused !== 'insufficient-credits').map((c) => `${c.spec.taskId}: ${c.refused}`)).toEqual([]);
      const views = await awaitTerminal(platform.rpc, specs, 240_000);
      phase('ending');
      const audit = await auditWalletsInPostgres(store.DATABASE_URL, views, Date.now());
      const work = await workByInstance(platform);
      phase('audit');

      expect(audit.problems).toEqual([]);
      const charged = [...views.values()].filter((v) => v.status === 'charged').length;
      const failed = [...views.values()].filter((v) => v.endReason === 'failed').length;
      expect(charged).toBeGreaterThan(500);
      expect(failed).toBeGreaterThan(100);
      expect(platform.logs.filter((l) => l.includes('"level":"error"'))).toEqual([]);
      const idle = Object.entries(work).filter(([, w]) => w.handled === 0).map(([name]) => name);
      expect(idle).toEqual([]);
      for (const service of ['wallet', 'tasks'] satisfies ServiceName[]) {
        for (let instance = 1; instance <= INSTANCES; instance++) expect(work[instanceName(service, instance)]?.appends).toBeGreaterThan(0);
      }
      const perInstance = Object.entries(work).map(([name, w]) => `${name} ${w.handled}/${w.appends}`).join(', ');
      console.log(`two instances, 2,000 tasks: ${views.size} ended, ${charged} charged, ${failed} failed, ${audit.reservations} reservations; handled/appends ${perInstance}; ${phases.join(', ')}; ${((Date.now() - started) / 1000).toFixed(1)} s`);
    } finally {
      await platform.stop();
    }
  }, 600_000);

  it('given 1,000 reservations at once against a balance that covers 100, published on every partition so both wallet instances decide for the one account, then exactly 100 are reserved, each once, and the balance is exact', async () => {
    const started = Date.now();
    const HOLD = 1_000;
    const FITS = 100;
    const ATTEMPTS = 1_000;
    const store = await postgres.database('race');
    const platform = await startDistributed(dir, kafkaBrokers(), store, INSTANCES, ['wallet']);
    const bus = new KafkaMessageBus({ brokers: kafkaBrokers(), clientId: 'instances-race' });
    try {
      const accountId = `race-${Date.now()}`;
      const streamName = walletStreamName(accountId, 'api');
      await fundAccounts(platform.commands, [accountId], () => FITS * HOLD, Date.now());
      await awaitFunding(platform.rpc, [accountId], 60_000);
      const walletEvents = async (): Promise<WalletEvent[]> => {
        const events: WalletEvent[] = [];
        for await (const event of postgresEvents(store.DATABASE_URL, 'wallet').readAll({ filter: { streamPrefixes: [`wallet-${accountId}-`] } })) {
          if (event.type !== 'BalanceCarriedForward') events.push({ type: event.type, data: event.data } as WalletEvent);
        }
        return events;
      };
      // A command is decided by the instance holding the partition it was published on: keyed
      // by account, all would go to one. Here each goes to the next partition, its target still
      // the one wallet (headers), so both instances decide for it at once and conflict.
      const keys = keysForEveryPartition(6);
      const now = Date.now();
      const reservations = Array.from({ length: ATTEMPTS }, (_, i) => ({
        ...toCommandMessage(SERVICES.wallet, {
          accountId,
          streamName,
          command: { type: 'ReserveCredits', data: { reservationId: `race-${i}`, millicredits: HOLD, ttlMillis: 600_000, taskId: `race-task-${i}` }, metadata: { commandId: `reserve-race-${i}`, now } },
        }),
        key: keys[i % keys.length] ?? accountId,
      }));
      const handledBefore = await walletCommandsHandled(platform);
      const publishAll = () => Promise.all(Array.from({ length: 20 }, (_, chunk) => bus.publish(reservations.filter((_, i) => i % 20 === chunk))));
      const racing = Date.now();
      await publishAll();
      await until(async () => (await walletEvents()).length === 1 + ATTEMPTS, 'every reservation decided', 60_000);
      const raceMillis = Date.now() - racing;
      const handled = (await walletCommandsHandled(platform)).map((n, i) => n - (handledBefore[i] ?? 0));

      const events = await walletEvents();
      const reserved = events.filter((e) => e.type === 'CreditsReserved');
      expect(reserved).toHaveLength(FITS);
      expect(events.filter((e) => e.type === 'ReservationRejected')).toHaveLength(ATTEMPTS - FITS);
      expect(new Set(events.filter((e) => e.type !== 'CreditsPurchased').map((e) => (e.data as { reservationId: string }).reservationId)).size).toBe(ATTEMPTS);
      expect(checkWalletInvariants(events)).toEqual([]);
      // Both decided for the account; a command may be taken twice (at least once: a batch whose
      // partition moved before its offset was committed comes again), never applied twice.
      expect(handled.every((n) => n > 0)).toBe(true);
      const firstRound = handled.reduce((a, b) => a + b, 0);
      expect(firstRound).toBeGreaterThanOrEqual(ATTEMPTS);
      expect(await send(platform.rpc, WalletRpc.balances, { accountId })).toEqual([{ pool: 'api', balanceMillicredits: FITS * HOLD, heldMillicredits: FITS * HOLD, availableMillicredits: 0 }]);

      // Every command again, on the same partitions: each is known, nothing new is decided.
      await publishAll();
      await until(async () => (await walletCommandsHandled(platform)).reduce((a, b) => a + b, 0) - handledBefore.reduce((a, b) => a + b, 0) >= firstRound + ATTEMPTS, 'every repeat handled', 60_000);
      expect(await walletEvents()).toHaveLength(1 + ATTEMPTS);
      expect(platform.logs.filter((l) => l.includes('"level":"error"'))).toEqual([]);
      console.log(`race over two wallet instances: ${ATTEMPTS} reservations against ${FITS} decided in ${raceMillis} ms, ${reserved.length} reserved; commands taken per instance ${handled.join(', ')} (a batch whose partition moved before its offset was committed is taken again); ${((Date.now() - started) / 1000).toFixed(1)} s`);
    } finally {
      await bus.close();
      await platform.stop();
    }
  }, 180_000);
});
