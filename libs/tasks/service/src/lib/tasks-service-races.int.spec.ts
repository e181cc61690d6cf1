import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TasksRpc, walletStreamName } from '@billing/contracts';
import { GENERATION_SIGNATURE_HEADER, GenerationSimulator, ManualScheduler, signGenerationWebhook } from '@billing/generation-provider';
import { FakeGenerationServer } from '@billing/generation-provider/testing';
import { ManualClock } from '@billing/service-host';
import { eventually } from '@billing/util/testing';
import { GatedProvider, TaskPlatform } from '../testing';

const NOW = Date.UTC(2026, 0, 10, 12);
const API = walletStreamName('acct-1', 'api');
const FIVE_SECONDS = { model: 'seedance-2.0', durationMillis: 5_000 };

describe('the task service where messages race', () => {
  let dir: string;
  let clock: ManualClock;
  let platform: TaskPlatform;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tasks-races-'));
    clock = new ManualClock(NOW);
  });

  afterEach(async () => {
    await platform?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const create = (taskId: string) => platform.call(TasksRpc.createTask, { accountId: 'acct-1', channel: 'api', taskId, ...FIVE_SECONDS });
  const getTask = (taskId: string) => platform.call(TasksRpc.getTask, { accountId: 'acct-1', taskId });
  const until = (taskId: string, status: string) => eventually(async () => (await getTask(taskId)).status === status, `${taskId} ${status}`);

  it('given a task cancelled before the wallet answered, when the hold arrives late, then it is handed back', async () => {
    platform = await TaskPlatform.start({ dir, clock, balances: { [API]: 1_000_000 } });
    await platform.startTasks({ createWaitMillis: 50 });
    platform.wallet.pause();
    expect(await create('t1')).toMatchObject({ status: 'requested' });
    await platform.call(TasksRpc.cancelTask, { accountId: 'acct-1', taskId: 't1' });
    await until('t1', 'released');
    platform.wallet.resume();
    await eventually(() => platform.wallet.emitted.some((event) => event.type === 'CreditsReleased'), 'the late hold released');
    expect(platform.wallet.wallet(API)).toMatchObject({ availableMillicredits: 1_000_000, chargedMillicredits: 0 });
    expect(await getTask('t1')).toMatchObject({ status: 'released', endReason: 'cancelled', creditsCostMillicredits: null });
  });

  it('given a task cancelled while its submit was in flight, then the provider job is cancelled when it comes back', async () => {
    const scheduler = new ManualScheduler();
    const provider = new GatedProvider(new GenerationSimulator({ latencyMillis: 1_000, scheduler }));
    platform = await TaskPlatform.start({ dir, clock, balances: { [API]: 1_000_000 } });
    await platform.startTasks({ provider: { kind: 'instance', provider } });
    await create('t1');
    await eventually(() => provider.submitted === 1, 'the submit in flight');
    await platform.call(TasksRpc.cancelTask, { accountId: 'acct-1', taskId: 't1' });
    await until('t1', 'released');
    provider.release();
    await eventually(() => provider.inner.pendingJobs === 0 && scheduler.pending === 0, 'the job cancelled');
    expect(await getTask('t1')).toMatchObject({ endReason: 'cancelled', creditsCostMillicredits: null });
    await eventually(() => platform.wallet.wallet(API).availableMillicredits === 1_000_000, 'the hold given back');
    await provider.close();
  });

  it('given the HTTP provider, then a job is posted, and its signed outcome webhook (forwarded once or twice) charges once; a forged one is refused', async () => {
    const server = new FakeGenerationServer();
    await server.start();
    try {
      const secret = 'whsec-test';
      platform = await TaskPlatform.start({ dir, clock, balances: { [API]: 1_000_000 } });
      await platform.startTasks({ provider: { kind: 'http', options: { endpoint: server.endpoint, webhookSecret: secret, maxAttempts: 1 } } });
      await create('t1');
      await until('t1', 'dispatched');
      const job = server.jobs[0];
      expect(job).toMatchObject({ taskId: 't1', durationMillis: 5_000 });
      const body = JSON.stringify({ kind: 'succeeded', taskId: 't1', providerJobId: job?.providerJobId, outputDurationMillis: 5_000 });
      const forged = { rawBody: Buffer.from(body).toString('base64'), headers: { [GENERATION_SIGNATURE_HEADER]: signGenerationWebhook(body, { secret: 'wrong', now: clock.now() }) } };
      await expect(platform.call(TasksRpc.generationWebhook, forged)).rejects.toMatchObject({ problem: { type: 'validation', status: 400 } });
      const signed = { rawBody: Buffer.from(body).toString('base64'), headers: { [GENERATION_SIGNATURE_HEADER]: signGenerationWebhook(body, { secret, now: clock.now() }) } };
      await expect(platform.call(TasksRpc.generationWebhook, signed)).resolves.toMatchObject({ accepted: true, taskId: 't1' });
      await platform.call(TasksRpc.generationWebhook, signed);
      await until('t1', 'charged');
      await eventually(() => platform.wallet.wallet(API).chargedMillicredits === 75_000, 'the charge posted');
      expect([...platform.wallet.chargesByReservation().values()]).toEqual([[75_000]]);
    } finally {
      await platform.stop();
      await server.stop();
    }
  });
});
