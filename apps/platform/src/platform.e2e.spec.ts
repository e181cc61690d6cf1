import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openSqliteEventStore } from '@billing/event-store';
import type { PlatformRuntime } from './runtime/platform-runtime';
import { auditWallets, awaitFunding, awaitTerminal, createTasks, fundAccounts, killWhileDispatching, planTasks, seeded, startEmbedded, totalBalanceMillicredits } from './testing';
import { type TaskReply, WalletRpc } from '@billing/contracts';
import { send } from '@billing/service-host';

const ROOT = resolve(__dirname, '../../..');
const rpcOf = (runtime: PlatformRuntime) => runtime.rpc;

/** Audits the wallet's store as finance's CLI does: the file, opened read only beside the running platform. */
async function auditWalletFile(runtime: PlatformRuntime, views: Parameters<typeof auditWallets>[1]): ReturnType<typeof auditWallets> {
  const store = openSqliteEventStore({ path: join(runtime.dataDir, 'wallet.events.db'), readOnly: true });
  try {
    return await auditWallets(store, views, Date.now());
  } finally {
    await store.close();
  }
}
const accountsNamed = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${i}`);

describe('the embedded platform: every service in one process on SQLite files, events read from their stores', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'platform-e2e-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('given 2,000 tasks with random provider failures and partial outputs, then every task ends, every hold is settled, invariants hold and credits_cost is what each wallet was charged', async () => {
    const logs: string[] = [];
    const runtime = await startEmbedded(
      dir,
      { SIMULATOR_FAILURE_RATE: '0.2', SIMULATOR_PARTIAL_RATE: '0.3', SIMULATOR_LATENCY_MAX_MS: '5', SIMULATOR_SEED: '42'},
      logs,
    );
    try {
      const rpc = rpcOf(runtime);
      const accounts = accountsNamed('e2e', 40);
      // One account in four is funded for about half its tasks: the rest are refused for credits.
      await fundAccounts(runtime.commands, accounts, (i) => (i % 4 === 0 ? 1_500_000 : 20_000_000), Date.now());
      await awaitFunding(rpc, accounts);
      const specs = planTasks({ accounts, tasks: 2_000, seed: 7, prefix: 'e2e-task' });
      const created = await createTasks(rpc, specs, 64);
      const views = await awaitTerminal(rpc, specs, 60_000);
      const audit = await auditWalletFile(runtime, views);

      expect(audit.problems).toEqual([]);
      const byStatus = count([...views.values()].map((v) => v.status));
      const byReason = count([...views.values()].map((v) => v.endReason ?? 'none'));
      expect(byStatus.get('charged')).toBeGreaterThan(500);
      expect(byReason.get('failed')).toBeGreaterThan(100);
      expect(byReason.get('insufficient_credits')).toBeGreaterThan(0);
      const partial = [...views.values()].filter((v) => v.status === 'charged' && (v.creditsCostMillicredits ?? 0) < v.creditsReservedMillicredits);
      expect(partial.length).toBeGreaterThan(50);
      expect(created.filter((c) => c.refused && c.refused !== 'insufficient-credits')).toEqual([]);
      expect(logs.filter((l) => l.includes('"level":"error"'))).toEqual([]);
    } finally {
      await runtime.stop();
    }
  }, 120_000);

  it('given work done and the platform stopped, then started again on the same files, every balance and task is as it was', async () => {
    let runtime = await startEmbedded(dir, { SIMULATOR_FAILURE_RATE: '0.3', SIMULATOR_SEED: '3'});
    const accounts = accountsNamed('restart', 3);
    const specs = planTasks({ accounts, tasks: 30, seed: 3, prefix: 'restart-task' });
    let before: { balances: unknown[]; tasks: Map<string, TaskReply> };
    try {
      await fundAccounts(runtime.commands, accounts, () => 5_000_000, Date.now());
      await awaitFunding(rpcOf(runtime), accounts);
      await createTasks(rpcOf(runtime), specs, 8);
      const tasks = await awaitTerminal(rpcOf(runtime), specs, 30_000);
      before = { balances: await balancesOf(runtime, accounts), tasks };
    } finally {
      await runtime.stop();
    }
    runtime = await startEmbedded(dir, {});
    try {
      expect(await balancesOf(runtime, accounts)).toEqual(before.balances);
      const after = await awaitTerminal(rpcOf(runtime), specs, 5_000);
      expect(after).toEqual(before.tasks);
      expect(await auditWalletFile(runtime, after)).toMatchObject({ problems: [] });
    } finally {
      await runtime.stop();
    }
  }, 90_000);
});

describe('the embedded platform killed with kill -9', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'platform-kill-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('given the whole process killed at a random moment while tasks run, several times, then a restart on the same files loses nothing and charges nothing twice', async () => {
    // Short task timeout and hold TTL: jobs the killed process was waiting on end by timing out.
    const env = { DATA_DIR: dir, LOG_LEVEL: 'error', SIMULATOR_FAILURE_RATE: '0.2', SIMULATOR_LATENCY_MAX_MS: '300', TASK_TIMEOUT_SECONDS: '3', RESERVATION_TTL_SECONDS: '10' };
    const accounts = accountsNamed('crash', 10);
    // Each run has tasks of its own, so every kill lands while tasks are created and run.
    const workloads = [0, 1, 2].map((round) => ({ accounts, funding: 200_000_000, tasks: 600, seed: 13 + round, prefix: `crash-task-${round}` }));
    const random = seeded(Number(process.env['CHAOS_SEED'] ?? Date.now() % 100_000));
    const rounds: string[] = [];
    for (const workload of workloads) {
      // Killed while tasks are being created and run: after the first acknowledged creation of this run.
      const acknowledged = await killWhileDispatching(dir, env, workload, random() * 1_500);
      rounds.push(`killed after ${acknowledged} acknowledged creations`);
    }

    const runtime = await startEmbedded(dir, env);
    try {
      await fundAccounts(runtime.commands, accounts, () => 200_000_000, Date.now());
      await awaitFunding(runtime.rpc, accounts);
      const specs = workloads.flatMap((workload) => planTasks(workload));
      const outcomes = await createTasks(runtime.rpc, specs, 16, undefined, true);
      const views = await awaitTerminal(runtime.rpc, specs, 90_000);
      const result = await auditWalletFile(runtime, views);
      expect({ rounds, problems: result.problems }).toEqual({ rounds, problems: [] });
      process.stdout.write(`kill -9 rounds: ${rounds.join('; ')}\n`);
      expect(outcomes.filter((o) => o.refused)).toEqual([]);
      const charged = [...result.chargedByTask.values()].reduce((a, b) => a + b, 0);
      expect(await totalBalanceMillicredits(runtime.rpc, accounts)).toBe(accounts.length * 200_000_000 - charged);
    } finally {
      await runtime.stop();
    }
  }, 300_000);
});

describe('the embedded platform as a process', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'platform-e2e-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('given `npm start` as a process, then it prints what runs and where, and stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'apps/platform/src/main.ts'], { cwd: ROOT, env: { ...process.env, DATA_DIR: dir, LOG_LEVEL: 'warn', PORT: '0', GRPC_PORT: '0' } });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.on('exit', (code, signal) => done({ code, signal })));
    try {
      const deadline = Date.now() + 60_000;
      while (!out.includes('stop with Ctrl-C') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(out).toContain('billing platform (embedded) running: pricing, wallet, purchase, tasks');
      expect(out).toContain(`consumer positions in ${join(dir, 'consumers.db')}`);
      expect(out).toContain(`wallet   store ${join(dir, 'wallet.events.db')}, state ${join(dir, 'wallet.state.db')}`);
      // The front door: the gateway's URL, its docs, and how to get a token.
      const url = /gateway: (http:\/\/localhost:\d+)/.exec(out)?.[1];
      expect(url).toBeDefined();
      expect(out).toContain(`docs:    ${url}/docs`);
      expect(out).toContain('npm run -s billing -- token --account <id>');
      expect(out).toMatch(/grpc: localhost:[1-9]\d* \(billing\.v1\)/);
      expect(out).toMatch(/finance {2}store .*finance\.events\.db.*; reads the wallet's store/);
      expect((await fetch(`${url}/health/live`)).status).toBe(200);
      child.kill('SIGTERM');
      const end = await exited;
      expect(end.code === 0 || end.signal === 'SIGTERM').toBe(true);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  }, 90_000);

  it('given a wrong value in the environment, then the process stops with a message naming the variable', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'apps/platform/src/main.ts'], { cwd: ROOT, env: { ...process.env, DATA_DIR: dir, KAFKA_PARTITIONS: 'abc' } });
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const code = await new Promise<number | null>((done) => child.on('exit', (c) => done(c)));
    expect(code).toBe(2);
    expect(err).toContain('KAFKA_PARTITIONS must be an integer from 1 to 1024, got "abc"');
  }, 60_000);
});

async function balancesOf(runtime: PlatformRuntime, accounts: readonly string[]): Promise<unknown[]> {
  return Promise.all(accounts.map((accountId) => send(rpcOf(runtime), WalletRpc.balances, { accountId })));
}

function count<T>(items: readonly T[]): Map<T, number> {
  const counts = new Map<T, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  return counts;
}
