import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { WalletRpc } from '@billing/contracts';
import { type PostgresServer, startPostgres } from '@billing/event-store/testing';
import { send } from '@billing/service-host';
import type { PlatformRuntime } from './runtime/platform-runtime';
import { auditWallets, awaitFunding, awaitTerminal, createTasks, fundAccounts, planTasks, startEmbedded } from './testing';

let server: PostgresServer;
let databases = 0;
const started = Date.now();
beforeAll(async () => {
  server = await startPostgres();
}, 60_000);
afterAll(async () => {
  await server?.stop();
  console.log(`the platform on PostgreSQL: ${Date.now() - started} ms with the server`);
});

/** A database of its own for each platform: its stores start empty, as its data directory does. */
async function freshDatabase(): Promise<string> {
  const name = `platform_${process.pid}_${++databases}`;
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(server.url);
  url.pathname = `/${name}`;
  return url.toString();
}

const balancesOf = (runtime: PlatformRuntime, accounts: readonly string[]) =>
  Promise.all(accounts.map((accountId) => send(runtime.rpc, WalletRpc.balances, { accountId })));

describe('the embedded platform on PostgreSQL (EVENT_STORE=postgres): every service a schema of one database', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'platform-pg-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('given 600 tasks with provider failures and partial outputs, then every task ends, the wallet audit finds nothing, and credits_cost is what was charged', async () => {
    const logs: string[] = [];
    const env = { EVENT_STORE: 'postgres', DATABASE_URL: await freshDatabase() };
    const runtime = await startEmbedded(dir, { ...env, SIMULATOR_FAILURE_RATE: '0.2', SIMULATOR_PARTIAL_RATE: '0.3', SIMULATOR_LATENCY_MAX_MS: '5', SIMULATOR_SEED: '42' }, logs);
    try {
      expect(runtime.service('wallet').storeLocation).toMatch(/^postgres:.*\(schema wallet\)$/);
      const accounts = Array.from({ length: 20 }, (_, i) => `pg-${i}`);
      await fundAccounts(runtime.commands, accounts, (i) => (i % 4 === 0 ? 500_000 : 20_000_000), Date.now());
      await awaitFunding(runtime.rpc, accounts);
      const specs = planTasks({ accounts, tasks: 600, seed: 7, prefix: 'pg-task' });
      const created = await createTasks(runtime.rpc, specs, 32);
      const views = await awaitTerminal(runtime.rpc, specs, 60_000);
      const audit = await auditWallets(runtime.service('wallet').store, views, Date.now());

      expect(audit.problems).toEqual([]);
      const statuses = [...views.values()].map((v) => v.status);
      expect(statuses.filter((s) => s === 'charged').length).toBeGreaterThan(150);
      expect([...views.values()].filter((v) => v.endReason === 'failed').length).toBeGreaterThan(30);
      expect(created.filter((c) => c.refused && c.refused !== 'insufficient-credits')).toEqual([]);
      expect(logs.filter((l) => l.includes('"level":"error"'))).toEqual([]);
    } finally {
      await runtime.stop();
    }
  }, 120_000);

  it('given work done and the platform stopped, then started again on the same database, every balance and task is as it was', async () => {
    const env = { EVENT_STORE: 'postgres', DATABASE_URL: await freshDatabase(), SIMULATOR_FAILURE_RATE: '0.3', SIMULATOR_SEED: '3' };
    const accounts = ['restart-0', 'restart-1', 'restart-2'];
    const specs = planTasks({ accounts, tasks: 30, seed: 3, prefix: 'pg-restart' });
    let runtime = await startEmbedded(dir, env);
    let before: { balances: unknown[]; tasks: unknown };
    try {
      await fundAccounts(runtime.commands, accounts, () => 5_000_000, Date.now());
      await awaitFunding(runtime.rpc, accounts);
      await createTasks(runtime.rpc, specs, 8);
      const tasks = await awaitTerminal(runtime.rpc, specs, 30_000);
      before = { balances: await balancesOf(runtime, accounts), tasks };
    } finally {
      await runtime.stop();
    }
    runtime = await startEmbedded(dir, env);
    try {
      expect(await balancesOf(runtime, accounts)).toEqual(before.balances);
      expect(await awaitTerminal(runtime.rpc, specs, 5_000)).toEqual(before.tasks);
    } finally {
      await runtime.stop();
    }
  }, 60_000);
});
