import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TasksRpc, walletStreamName } from '@billing/contracts';
import { openSqliteEventStore } from '@billing/event-store';
import { FailingWrites } from '@billing/event-store/testing';
import { GENERATION_SIGNATURE_HEADER, signGenerationWebhook } from '@billing/generation-provider';
import { FakeGenerationServer } from '@billing/generation-provider/testing';
import { ManualClock, RpcError } from '@billing/service-host';
import { eventually } from '@billing/util/testing';
import { TaskPlatform } from '../testing';

const NOW = Date.UTC(2026, 0, 10, 12);
const API = walletStreamName('acct-1', 'api');
const FUNDS = 1_000_000;
const IDS = ['t1', 't2', 't3', 't4', 't5', 't6'];

/*
 * The task service's store refuses every write for a while (a full disk, as its adapter
 * reports it), then takes them again. The clock never moves, so no time-out can end a
 * task: what ends them is the outcomes, kept until they are recorded.
 */
describe('the task service on a store that cannot write for a while', () => {
  let dir: string;
  let platform: TaskPlatform;
  let storage: FailingWrites;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tasks-storage-'));
    platform = await TaskPlatform.start({ dir, clock: new ManualClock(NOW), balances: { [API]: FUNDS } });
    const path = join(dir, 'tasks.events.db');
    storage = new FailingWrites(openSqliteEventStore({ path }), path);
  });

  afterEach(async () => {
    await platform.stop();
    await storage.store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const create = (taskId: string) => platform.call(TasksRpc.createTask, { accountId: 'acct-1', channel: 'api', taskId, model: 'seedance-2.0', durationMillis: 5_000 });
  const getTask = (taskId: string) => platform.call(TasksRpc.getTask, { accountId: 'acct-1', taskId });
  /** Their statuses, or none while the service refuses requests. */
  const statuses = async (ids: readonly string[]) => (await Promise.all(ids.map(getTask)).catch(() => [])).map((task) => task.status);
  const refusal = (call: Promise<unknown>) => call.then(() => null, (error: unknown) => (error instanceof RpcError ? error.problem : error));

  it('given simulator outcomes that arrive while the disk is full, then none is lost: once writes work again every task is charged, with no time-out', async () => {
    await platform.startTasks({ provider: { kind: 'simulator', options: { latencyMillis: 300 } } }, { store: storage.store });
    for (const id of IDS) await create(id);
    storage.failing = 'full';
    // The outcomes come due while the store refuses them, and are delivered again and again.
    await eventually(() => storage.refused >= IDS.length * 2, 'each outcome refused at least twice', 5_000);

    expect(await refusal(getTask('t1'))).toMatchObject({ type: 'storage-unavailable', status: 507, retryAfter: 5, storage: { service: 'tasks', fault: 'full' } });
    expect(await refusal(create('t7'))).toMatchObject({ type: 'storage-unavailable', status: 507 });

    storage.failing = null;
    await eventually(async () => (await statuses(IDS)).join() === IDS.map(() => 'charged').join(), 'every task charged', 5_000);
    expect(platform.wallet.wallet(API)).toMatchObject({ chargedMillicredits: IDS.length * 75_000, availableMillicredits: FUNDS - IDS.length * 75_000 });
    expect(platform.wallet.wallet(API).openHoldCount()).toBe(0);
    expect(await create('t7')).toMatchObject({ taskId: 't7' });
  });

  it('given a webhook that arrives while the disk is full, then it is not acknowledged (507, Retry-After) and the same webhook sent again is applied', async () => {
    const server = new FakeGenerationServer();
    await server.start();
    try {
      const secret = 'whsec-storage';
      await platform.startTasks({ provider: { kind: 'http', options: { endpoint: server.endpoint, webhookSecret: secret, maxAttempts: 2, retryDelayMillis: 5 } } }, { store: storage.store });
      await create('t1');
      await eventually(async () => (await statuses(['t1'])).join() === 'dispatched', 't1 at the provider');
      const providerJobId = server.jobs.find((job) => job.taskId === 't1')?.providerJobId;
      const body = JSON.stringify({ kind: 'succeeded', taskId: 't1', providerJobId, outputDurationMillis: 5_000 });
      const webhook = { rawBody: Buffer.from(body).toString('base64'), headers: { [GENERATION_SIGNATURE_HEADER]: signGenerationWebhook(body, { secret, now: NOW }) } };

      storage.failing = 'full';
      expect(await refusal(platform.call(TasksRpc.generationWebhook, webhook))).toMatchObject({ type: 'storage-unavailable', status: 507, retryAfter: 5 });

      storage.failing = null;
      // The store's probe finds it writes again (within a second); the provider sends the webhook again.
      await eventually(async () => (await refusal(getTask('t1'))) === null, 'the service ready again', 3_000);
      await platform.call(TasksRpc.generationWebhook, webhook);
      await eventually(async () => (await statuses(['t1'])).join() === 'charged', 't1 charged', 5_000);
      expect(platform.wallet.wallet(API)).toMatchObject({ chargedMillicredits: 75_000 });
    } finally {
      await server.stop();
    }
  });
});
