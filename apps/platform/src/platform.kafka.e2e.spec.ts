import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteEventStore } from '@billing/event-store';
import type { ServiceName } from '@billing/platform-config';
import { auditWallets, awaitFunding, awaitTerminal, createTasks, FAULTY_PROVIDER, fundAccounts, kafkaBrokers, planTasks, seeded, startDistributed, totalBalanceMillicredits } from './testing';

const accountsNamed = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${i}`);

describe('the distributed platform: one process per service over Kafka, each with its own SQLite store', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'platform-kafka-e2e-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const audit = async (views: Awaited<ReturnType<typeof awaitTerminal>>) => {
    const store = openSqliteEventStore({ path: join(dir, 'wallet', 'wallet.events.db'), readOnly: true });
    try {
      return await auditWallets(store, views, Date.now());
    } finally {
      await store.close();
    }
  };

  it('given 2,000 tasks with random provider failures, then every task ends, every hold is settled, invariants hold and credits_cost is what each wallet was charged', async () => {
    const platform = await startDistributed(dir, kafkaBrokers(), FAULTY_PROVIDER);
    try {
      const accounts = accountsNamed(`kafka-${Date.now()}`, 40);
      await fundAccounts(platform.commands, accounts, (i) => (i % 4 === 0 ? 1_500_000 : 20_000_000), Date.now());
      await awaitFunding(platform.rpc, accounts, 60_000);
      const specs = planTasks({ accounts, tasks: 2_000, seed: 11, prefix: `kafka-task-${Date.now()}` });
      const created = await createTasks(platform.rpc, specs, 64);
      expect(created.filter((c) => c.refused && c.refused !== 'insufficient-credits').map((c) => `${c.spec.taskId}: ${c.refused}`)).toEqual([]);
      const views = await awaitTerminal(platform.rpc, specs, 180_000);
      const result = await audit(views);
      expect(result.problems).toEqual([]);
      expect([...views.values()].filter((v) => v.status === 'charged').length).toBeGreaterThan(500);
      expect([...views.values()].filter((v) => v.endReason === 'failed').length).toBeGreaterThan(100);
      expect(platform.logs.filter((l) => l.includes('"level":"error"'))).toEqual([]);
    } finally {
      await platform.stop();
    }
  }, 400_000);

  it('given a random service killed with kill -9 at a random moment and restarted, several times, then nothing is lost and nothing is charged twice', async () => {
    const platform = await startDistributed(dir, kafkaBrokers(), FAULTY_PROVIDER);
    const random = seeded(Number(process.env['CHAOS_SEED'] ?? Date.now() % 100_000));
    const kills: string[] = [];
    try {
      const accounts = accountsNamed(`chaos-${Date.now()}`, 20);
      await fundAccounts(platform.commands, accounts, () => 50_000_000, Date.now());
      await awaitFunding(platform.rpc, accounts, 60_000);
      const specs = planTasks({ accounts, tasks: 800, seed: 5, prefix: `chaos-task-${Date.now()}` });
      let creating = true;
      const created = createTasks(platform.rpc, specs, 16, undefined, true).finally(() => (creating = false));
      const services: ServiceName[] = ['pricing', 'wallet', 'purchase', 'tasks'];
      for (let round = 0; round < 4; round++) {
        await new Promise((resolve) => setTimeout(resolve, 1_000 + random() * 4_000));
        const victim = services[Math.floor(random() * services.length)] ?? 'tasks';
        kills.push(`${victim}${creating ? '' : ' (after creation)'}`);
        await platform.processes.kill(victim);
        await new Promise((resolve) => setTimeout(resolve, random() * 1_000));
        await platform.processes.start(victim);
      }
      const outcomes = await created;
      const views = await awaitTerminal(platform.rpc, specs, 240_000);
      const result = await audit(views);
      expect({ kills, problems: result.problems }).toEqual({ kills, problems: [] });
      expect(outcomes.filter((o) => o.refused)).toEqual([]);
      expect(views.size).toBe(specs.length);
      const charged = [...result.chargedByTask.values()].reduce((a, b) => a + b, 0);
      expect(await totalBalanceMillicredits(platform.rpc, accounts)).toBe(accounts.length * 50_000_000 - charged);
    } finally {
      await platform.stop();
    }
  }, 600_000);
});
