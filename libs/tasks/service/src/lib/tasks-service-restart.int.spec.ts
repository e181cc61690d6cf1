import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TasksRpc, walletStreamName } from '@billing/contracts';
import { GENERATION_SIGNATURE_HEADER, ManualScheduler, signGenerationWebhook } from '@billing/generation-provider';
import { FakeGenerationServer } from '@billing/generation-provider/testing';
import { ManualClock } from '@billing/service-host';
import { eventually } from '@billing/util/testing';
import { TaskPlatform } from '../testing';

const NOW = Date.UTC(2026, 0, 10, 12);
const API = walletStreamName('acct-1', 'api');
const FIVE_SECONDS = { model: 'seedance-2.0', durationMillis: 5_000 };
const FUNDS = 1_000_000;

/*
 * A restart of the task service with tasks at the generation provider. The clock never moves
 * here, so no time-out can end them: what ends them is the service asking the provider.
 */
describe('the task service restarted with tasks at the generation provider', () => {
  let dir: string;
  let clock: ManualClock;
  let platform: TaskPlatform;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tasks-restart-'));
    clock = new ManualClock(NOW);
    platform = await TaskPlatform.start({ dir, clock, balances: { [API]: FUNDS } });
  });

  afterEach(async () => {
    await platform?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const create = (taskId: string) => platform.call(TasksRpc.createTask, { accountId: 'acct-1', channel: 'api', taskId, ...FIVE_SECONDS });
  const getTask = (taskId: string) => platform.call(TasksRpc.getTask, { accountId: 'acct-1', taskId });
  const all = async (ids: readonly string[], status: string) => (await Promise.all(ids.map(getTask))).every((task) => task.status === status);

  it('given every slot held by jobs the in-process simulator lost with the restart, then they fail at once as provider_lost: slots free, credits back', async () => {
    // The simulator's jobs finish only when its scheduler moves, and it never does: they stay at the provider.
    const simulator = () => ({ kind: 'simulator', options: { latencyMillis: 1_000, scheduler: new ManualScheduler() } }) as const;
    const tasks = await platform.startTasks({ provider: simulator() });
    const ids = ['t1', 't2', 't3', 't4', 't5', 't6'];
    for (const id of ids) await create(id);
    await eventually(() => all(ids, 'dispatched'), 'six tasks at the provider');
    await expect(create('t7')).rejects.toMatchObject({ problem: { type: 'concurrency-limit', status: 429 } });
    expect(platform.wallet.wallet(API).availableMillicredits).toBe(FUNDS - 6 * 75_000);

    await tasks.stop();
    await platform.startTasks({ provider: simulator() });

    await eventually(() => all(ids, 'released'), 'every stranded task released', 5_000);
    for (const task of await Promise.all(ids.map(getTask))) expect(task).toMatchObject({ endReason: 'failed', creditsCostMillicredits: null });
    await eventually(() => platform.wallet.wallet(API).availableMillicredits === FUNDS, 'every hold given back', 5_000);
    expect(platform.wallet.wallet(API)).toMatchObject({ chargedMillicredits: 0 });
    expect(await create('t8')).toMatchObject({ taskId: 't8' });
    await eventually(() => all(['t8'], 'dispatched'), 'a new task takes a freed slot');
  });

  it('given the HTTP provider, then a job that finished meanwhile is applied, a pending one is waited for, and one it does not know fails', async () => {
    const server = new FakeGenerationServer();
    await server.start();
    try {
      const secret = 'whsec-restart';
      const http = { kind: 'http', options: { endpoint: server.endpoint, webhookSecret: secret, maxAttempts: 2, retryDelayMillis: 5 } } as const;
      const tasks = await platform.startTasks({ provider: http });
      for (const id of ['t1', 't2', 't3']) await create(id);
      await eventually(() => all(['t1', 't2', 't3'], 'dispatched'), 'three tasks at the provider');
      const jobOf = (taskId: string) => server.jobs.find((job) => job.taskId === taskId)?.providerJobId ?? '';
      const [job1, job2, job3] = ['t1', 't2', 't3'].map(jobOf);

      await tasks.stop();
      // While the service is down: t1's render ends 2 s long (its webhook finds nobody), t3's job is lost.
      server.finish(job1 ?? '', { kind: 'succeeded', outputDurationMillis: 2_000 });
      server.forget(job3 ?? '');
      await platform.startTasks({ provider: http });

      await eventually(async () => (await getTask('t1')).status === 'charged' && (await getTask('t3')).status === 'released', 't1 charged and t3 released', 5_000);
      // The credits book charges a shorter output pro rata: 75 x 2 / 5 = 30 credits.
      expect(await getTask('t1')).toMatchObject({ endReason: 'succeeded', creditsCostMillicredits: 30_000, deliveredDurationMillis: 2_000, chargeBasis: 'pro_rata' });
      expect(await getTask('t3')).toMatchObject({ endReason: 'failed', creditsCostMillicredits: null });
      expect(await getTask('t2')).toMatchObject({ status: 'dispatched' });

      const body = JSON.stringify({ kind: 'succeeded', taskId: 't2', providerJobId: job2, outputDurationMillis: 5_000 });
      const headers = { [GENERATION_SIGNATURE_HEADER]: signGenerationWebhook(body, { secret, now: clock.now() }) };
      await platform.call(TasksRpc.generationWebhook, { rawBody: Buffer.from(body).toString('base64'), headers });
      await eventually(() => all(['t2'], 'charged'), 't2 charged by its webhook');
      await eventually(() => platform.wallet.wallet(API).openHoldCount() === 0, 'every hold settled');
      expect(platform.wallet.wallet(API)).toMatchObject({ chargedMillicredits: 105_000, availableMillicredits: FUNDS - 105_000 });
    } finally {
      await platform.stop();
      await server.stop();
    }
  });
});
