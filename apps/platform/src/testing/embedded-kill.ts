import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { type TaskPageReply, type TaskReply, TasksRpc } from '@billing/contracts';
import { type RpcClient, send } from '@billing/service-host';

const ROOT = resolve(__dirname, '../../../..');

export interface EmbeddedWorkload {
  readonly accounts: readonly string[];
  /** Millicredits each account is funded with (once: funding again is a no-op). */
  readonly funding: number;
  readonly tasks: number;
  readonly seed: number;
  /** Task ids are `<prefix>-<n>`. */
  readonly prefix: string;
}

/**
 * Runs the workload on the embedded platform in a child process on `dir` and kills it with
 * SIGKILL `killAfterMillis` after its first task was acknowledged. Resolves with how many
 * tasks it acknowledged before it died.
 */
export async function killWhileDispatching(dir: string, env: Readonly<Record<string, string>>, workload: EmbeddedWorkload, killAfterMillis: number): Promise<number> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/platform/src/testing/embedded-workload.child.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...env, DATA_DIR: dir, WORKLOAD: JSON.stringify(workload) },
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const exited = new Promise<NodeJS.Signals | null>((done) => child.on('exit', (_, signal) => done(signal)));
  try {
    const deadline = Date.now() + 60_000;
    while (!out.includes('created ') && Date.now() < deadline && child.exitCode === null) await new Promise((r) => setTimeout(r, 10));
    if (out.includes('embedded workload failed') || !out.includes('created ')) throw new Error(`the embedded workload did not create tasks:\n${out}`);
    await new Promise((r) => setTimeout(r, killAfterMillis));
    child.kill('SIGKILL');
    const signal = await exited;
    if (signal !== 'SIGKILL') throw new Error(`the embedded workload ended by itself (${signal}) before it was killed:\n${out.slice(-2_000)}`);
    return out.match(/created \d+/g)?.length ?? 0;
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

/** Every task the store holds for the accounts, as the task service lists it (each page asked for within `timeoutMillis`). */
export async function tasksOf(rpc: RpcClient, accounts: readonly string[], timeoutMillis?: number): Promise<TaskReply[]> {
  const all: TaskReply[] = [];
  for (const accountId of accounts) {
    let after: string | null = null;
    do {
      const page: TaskPageReply = await send(rpc, TasksRpc.listTasks, { accountId, limit: 200, ...(after ? { after } : {}) }, timeoutMillis === undefined ? {} : { timeoutMillis });
      all.push(...page.tasks);
      after = page.next;
    } while (after !== null);
  }
  return all;
}
