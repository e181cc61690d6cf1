import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TasksRpc, WalletRpc } from '@billing/contracts';
import type { PlatformRuntime } from './runtime/platform-runtime';
import { awaitFunding, awaitTerminal, createTasks, fundAccounts, planTasks, startEmbedded } from './testing';
import { RpcError, send } from '@billing/service-host';
import { eventually } from '@billing/util/testing';

const ACCOUNT = 'restart-strand';
const FUNDS = 2_000_000;
/** The simulator answers in an hour: every job is still rendering when the platform stops, and the in-process simulator forgets it. */
const SLOW_PROVIDER = { SIMULATOR_LATENCY_MIN_MS: '3600000', SIMULATOR_LATENCY_MAX_MS: '3600000' };

const create = (runtime: PlatformRuntime, taskId: string) =>
  send(runtime.rpc, TasksRpc.createTask, { accountId: ACCOUNT, taskId, channel: 'api', model: 'seedance-2.0', durationMillis: 5_000 }, { key: ACCOUNT });
const pools = (runtime: PlatformRuntime) =>
  send(runtime.rpc, WalletRpc.balances, { accountId: ACCOUNT });

describe('the embedded platform restarted while tasks run at the simulator', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'platform-restart-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('given six tasks holding every slot when it stops, then after a start on the same files they end at once (provider_lost): credits back, slots free, new tasks accepted', async () => {
    const specs = planTasks({ accounts: [ACCOUNT], tasks: 6, seed: 5, prefix: 'stranded' });
    let runtime = await startEmbedded(dir, SLOW_PROVIDER);
    try {
      await fundAccounts(runtime.commands, [ACCOUNT], () => FUNDS, Date.now());
      await awaitFunding(runtime.rpc, [ACCOUNT]);
      await createTasks(runtime.rpc, specs, 6);
      const { rpc } = runtime;
      await eventually(
        async () => (await Promise.all(specs.map((s) => send(rpc, TasksRpc.getTask, { accountId: ACCOUNT, taskId: s.taskId })))).every((t) => t.status === 'dispatched'),
        'six tasks at the provider',
      );
      const refused = await create(runtime, 'one-too-many').catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(RpcError);
      expect((refused as RpcError).problem).toMatchObject({ type: 'concurrency-limit', status: 429 });
    } finally {
      await runtime.stop();
    }

    runtime = await startEmbedded(dir, SLOW_PROVIDER);
    try {
      // Well before the 10-minute task time-out.
      const views = await awaitTerminal(runtime.rpc, specs, 10_000);
      for (const view of views.values()) expect(view).toMatchObject({ status: 'released', endReason: 'failed', creditsCostMillicredits: null });
      const currentRuntime = runtime;
      await eventually(async () => (await pools(currentRuntime)).every((p) => p.heldMillicredits === 0), 'every hold given back', 10_000);
      expect((await pools(runtime)).find((p) => p.pool === 'api')).toMatchObject({ availableMillicredits: FUNDS, heldMillicredits: 0 });
      expect(await create(runtime, 'after-restart')).toMatchObject({ taskId: 'after-restart', creditsReservedMillicredits: 75_000 });
    } finally {
      await runtime.stop();
    }
  }, 60_000);
});
