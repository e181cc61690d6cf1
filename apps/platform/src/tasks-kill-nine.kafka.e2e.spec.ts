import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TasksRpc } from '@billing/contracts';
import { openSqliteEventStore } from '@billing/event-store';
import { type RpcClient, send } from '@billing/service-host';
import { auditWallets, awaitFunding, fundAccounts, kafkaBrokers, planTasks, seeded, startDistributed, tasksOf, TERMINAL_STATUSES, totalBalanceMillicredits } from './testing';

const FUNDING = 200_000_000;
/** The default task time-out (10 min) and hold TTL (30 min): a task that ends within seconds of the restart was not left to them. */
const ENV = { SIMULATOR_FAILURE_RATE: '0.2', SIMULATOR_LATENCY_MIN_MS: '50', SIMULATOR_LATENCY_MAX_MS: '400' };
const ENDED_WITHIN_MILLIS = 10_000;

/** Every task of the accounts, as the task service lists them; null while it cannot answer. */
const listed = (rpc: RpcClient, accounts: readonly string[]) => tasksOf(rpc, accounts, 2_000).catch(() => null);

/*
 * Issue 26: the distributed task service killed with kill -9 within a second of its first
 * dispatched tasks, over the real broker, with the default 10-minute task time-out. After
 * the restart, tasks left reserved are submitted again, tasks left at the (in-process,
 * now forgotten) simulator are settled by asking it, and queued ones start.
 */
describe('the distributed task service killed with kill -9 while dispatching', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'tasks-kill-nine-kafka-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('given a restart, then every accepted task ends within 10 s of it, nothing is charged twice and every balance adds up', async () => {
    const platform = await startDistributed(dir, kafkaBrokers(), ENV);
    const random = seeded(Number(process.env['CHAOS_SEED'] ?? Date.now() % 100_000));
    try {
      const accounts = Array.from({ length: 8 }, (_, i) => `kill-tasks-${Date.now()}-${i}`);
      await fundAccounts(platform.commands, accounts, () => FUNDING, Date.now());
      await awaitFunding(platform.rpc, accounts, 60_000);
      const specs = planTasks({ accounts, tasks: 400, seed: 7, prefix: `kill-tasks-${Date.now()}` });

      // Tasks created 16 at a time until the kill; a request the dead process never answered is left in its topic.
      let killed = false;
      let acknowledged = 0;
      let firstAcknowledged: () => void = () => undefined;
      const first = new Promise<void>((resolve) => (firstAcknowledged = resolve));
      let next = 0;
      const worker = async () => {
        for (let spec = specs[next++]; spec && !killed; spec = specs[next++]) {
          const request = { ...spec, channel: 'api' as const, queueIfBusy: true };
          const answered = await send(platform.rpc, TasksRpc.createTask, request, { key: spec.accountId, timeoutMillis: 5_000 }).then(
            () => true,
            () => false,
          );
          if (answered && !killed) {
            acknowledged++;
            firstAcknowledged();
          }
        }
      };
      const creating = Promise.all(Array.from({ length: 16 }, worker));
      await first;
      const killAfter = Math.floor(random() * 1_000);
      await new Promise((resolve) => setTimeout(resolve, killAfter));
      killed = true;
      await platform.processes.kill('tasks');
      await creating;
      await platform.processes.start('tasks');
      const restartedAt = performance.now();

      let tasks = await listed(platform.rpc, accounts);
      while ((tasks === null || tasks.some((t) => !TERMINAL_STATUSES.has(t.status))) && performance.now() - restartedAt < ENDED_WITHIN_MILLIS) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        tasks = await listed(platform.rpc, accounts);
      }
      const endedAfter = Math.round(performance.now() - restartedAt);
      if (tasks === null) throw new Error('the task service did not answer after its restart');
      const stranded = tasks.filter((t) => !TERMINAL_STATUSES.has(t.status));
      process.stdout.write(`tasks kill -9 after ${killAfter} ms: ${acknowledged} acknowledged, ${tasks.length} in the store, ${stranded.length} stranded, ended within ${endedAfter} ms of the restart\n`);
      expect(stranded.map((t) => `${t.taskId} ${t.status}`)).toEqual([]);
      expect(tasks.length).toBeGreaterThanOrEqual(acknowledged);

      const store = openSqliteEventStore({ path: join(dir, 'wallet', 'wallet.events.db'), readOnly: true });
      const audit = await auditWallets(store, new Map(tasks.map((t) => [t.taskId, t])), Date.now()).finally(() => store.close());
      expect(audit.problems).toEqual([]);
      const charged = [...audit.chargedByTask.values()].reduce((a, b) => a + b, 0);
      expect(await totalBalanceMillicredits(platform.rpc, accounts)).toBe(accounts.length * FUNDING - charged);
    } finally {
      await platform.stop();
    }
  }, 180_000);
});
