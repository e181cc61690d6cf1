import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openSqliteEventStore } from '@billing/event-store';
import { type TaskPageReply, type TaskReply, TasksRpc } from '@billing/contracts';
import { send } from '@billing/service-host';
import type { PlatformRuntime } from './runtime/platform-runtime';
import { auditWallets, seeded, startEmbedded, TERMINAL_STATUSES, totalBalanceMillicredits } from './testing';

const ROOT = resolve(__dirname, '../../..');
const FUNDING = 200_000_000;
const ACCOUNTS = Array.from({ length: 8 }, (_, i) => `kill-${i}`);
/** The default task time-out (10 min): a task that ends within seconds of the restart was not left to it. */
const ENV = { LOG_LEVEL: 'error', SIMULATOR_FAILURE_RATE: '0.2', SIMULATOR_LATENCY_MIN_MS: '50', SIMULATOR_LATENCY_MAX_MS: '400' };

/** Runs the workload in a child process and kills it with SIGKILL within a second of its first dispatched tasks. */
async function killWhileDispatching(dir: string, workload: object, killAfterMillis: number): Promise<number> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/platform/src/testing/embedded-workload.child.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...ENV, DATA_DIR: dir, WORKLOAD: JSON.stringify(workload) },
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const exited = new Promise<NodeJS.Signals | null>((done) => child.on('exit', (_, signal) => done(signal)));
  try {
    const deadline = Date.now() + 60_000;
    while (!out.includes('created ') && Date.now() < deadline && child.exitCode === null) await new Promise((r) => setTimeout(r, 10));
    expect(out).not.toContain('embedded workload failed');
    await new Promise((r) => setTimeout(r, killAfterMillis));
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    return out.match(/created \d+/g)?.length ?? 0;
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

/** Every task the store holds for the accounts, as the task service lists it. */
async function tasksOf(runtime: PlatformRuntime, accounts: readonly string[]): Promise<TaskReply[]> {
  const all: TaskReply[] = [];
  for (const accountId of accounts) {
    let after: string | null = null;
    do {
      const page: TaskPageReply = await send(runtime.rpc, TasksRpc.listTasks, { accountId, limit: 200, ...(after ? { after } : {}) });
      all.push(...page.tasks);
      after = page.next;
    } while (after !== null);
  }
  return all;
}

async function auditWalletFile(runtime: PlatformRuntime, views: ReadonlyMap<string, TaskReply>) {
  const store = openSqliteEventStore({ path: join(runtime.dataDir, 'wallet.events.db'), readOnly: true });
  try {
    return await auditWallets(store, views, Date.now());
  } finally {
    await store.close();
  }
}

describe('the embedded platform killed with kill -9 within a second of dispatching tasks', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'platform-kill-nine-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('given a restart on the same files, then every task ends within 10 s of it (none left to the 10-minute time-out), nothing is charged twice and every balance adds up', async () => {
    const random = seeded(Number(process.env['CHAOS_SEED'] ?? Date.now() % 100_000));
    const report: string[] = [];
    for (let round = 0; round < 3; round++) {
      const workload = { accounts: ACCOUNTS, funding: FUNDING, tasks: 300, seed: 31 + round, prefix: `kill-nine-${round}` };
      const acknowledged = await killWhileDispatching(dir, workload, Math.floor(random() * 1_000));
      const restartedAt = Date.now();
      const runtime = await startEmbedded(dir, ENV);
      try {
        let tasks = await tasksOf(runtime, ACCOUNTS);
        while (tasks.some((t) => !TERMINAL_STATUSES.has(t.status)) && Date.now() - restartedAt < 10_000) {
          await new Promise((r) => setTimeout(r, 100));
          tasks = await tasksOf(runtime, ACCOUNTS);
        }
        const stranded = tasks.filter((t) => !TERMINAL_STATUSES.has(t.status));
        report.push(`round ${round}: ${acknowledged} acknowledged, ${tasks.length} in the store, ended within ${Date.now() - restartedAt} ms, ${stranded.length} stranded`);
        expect(stranded.map((t) => `${t.taskId} ${t.status}`)).toEqual([]);
        const views = new Map(tasks.map((t) => [t.taskId, t]));
        const audit = await auditWalletFile(runtime, views);
        expect(audit.problems).toEqual([]);
        const charged = [...audit.chargedByTask.values()].reduce((a, b) => a + b, 0);
        expect(await totalBalanceMillicredits(runtime.rpc, ACCOUNTS)).toBe(ACCOUNTS.length * FUNDING - charged);
      } finally {
        await runtime.stop();
      }
    }
    process.stdout.write(`kill -9 while dispatching: ${report.join('; ')}\n`);
  }, 240_000);
});
