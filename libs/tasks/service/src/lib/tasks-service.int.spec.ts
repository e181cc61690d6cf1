import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SERVICES, TasksRpc, taskStreamName, walletStreamName } from '@billing/contracts';
import { type EventStore, openSqliteEventStore, type ReadStreamOptions } from '@billing/event-store';
import { GenerationSimulator, ManualScheduler } from '@billing/generation-provider';
import { ManualClock, RpcError } from '@billing/service-host';
import { eventually } from '@billing/util/testing';
import { type RunningService, TaskPlatform } from '../testing';

const NOW = Date.UTC(2026, 0, 10, 12);
const API = walletStreamName('acct-1', 'api');
const FIVE_SECONDS = { model: 'seedance-2.0', durationMillis: 5_000 };
const QUOTED = 75_000;

describe('the task service', () => {
  let dir: string;
  let clock: ManualClock;
  let platform: TaskPlatform;
  let simulator: GenerationSimulator | undefined;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tasks-service-'));
    clock = new ManualClock(NOW);
    simulator = undefined;
  });

  afterEach(async () => {
    await platform?.stop();
    await simulator?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A provider whose jobs finish only when the test moves its scheduler. */
  function heldProvider(): { scheduler: ManualScheduler; provider: GenerationSimulator } {
    const scheduler = new ManualScheduler();
    simulator = new GenerationSimulator({ latencyMillis: 1_000, scheduler });
    return { scheduler, provider: simulator };
  }

  const create = (taskId: string, extra: object = {}) =>
    platform.call(TasksRpc.createTask, { accountId: 'acct-1', channel: 'api', taskId, ...FIVE_SECONDS, ...extra });
  const getTask = (taskId: string, accountId = 'acct-1') => platform.call(TasksRpc.getTask, { accountId, taskId });
  const statusOf = async (taskId: string) => (await getTask(taskId)).status;
  const until = (taskId: string, status: string) => eventually(async () => (await statusOf(taskId)) === status, `${taskId} ${status}`);
  /** Waits until the task service has taken in an account's plan from the subscription topic. */
  const planTakenIn = (tasks: RunningService, priority: boolean) =>
    eventually(
      () => tasks.db.prepare<[string], { priority: number }>('SELECT priority FROM account_plans WHERE account_id = ?').get('acct-1')?.priority === Number(priority),
      `the plan (priority ${priority}) taken in`,
    );

  it('given credits, when a task is created, then it is reserved, dispatched, and charged its quote on success', async () => {
    platform = await TaskPlatform.start({ dir, clock, balances: { [API]: 1_000_000 } });
    await platform.startTasks();
    const created = await create('t1');
    expect(['reserved', 'dispatched', 'succeeded', 'charged']).toContain(created.status);
    expect(created).toMatchObject({ pool: 'api', creditsReservedMillicredits: QUOTED });
    await until('t1', 'charged');
    expect(await getTask('t1')).toMatchObject({ creditsCostMillicredits: QUOTED, endReason: 'succeeded' });
    expect(platform.wallet.wallet(API)).toMatchObject({ availableMillicredits: 1_000_000 - QUOTED, chargedMillicredits: QUOTED });
  });

  it('given one instance, then a task\'s lifecycle from request to charge reads its stream only to tell that the task is new: every later step decides on the state this instance left', async () => {
    const store = openSqliteEventStore({ path: join(dir, 'tasks-own.events.db') });
    const reads: string[] = [];
    const counting: EventStore = Object.assign(Object.create(store) as EventStore, {
      readStream: (name: string, options?: ReadStreamOptions) => {
        if (name.startsWith('task-')) reads.push(name);
        return store.readStream(name, options);
      },
    });
    try {
      const { scheduler, provider } = heldProvider();
      platform = await TaskPlatform.start({ dir, clock, balances: { [API]: 1_000_000 } });
      await platform.startTasks({ provider: { kind: 'instance', provider } }, { store: counting });
      await create('t1');
      // Watched on the store itself, not through the service (its answers read the stream).
      const has = async (type: string) => (await store.readStream(taskStreamName('t1'))).some((event) => event.type === type);
      await eventually(() => has('TaskDispatched'), 't1 dispatched');
      scheduler.advanceBy(1_000);
      await eventually(() => has('TaskCharged'), 't1 charged');
      // The request's check that the id is free and the admission's that it is still new (the quote came in between);
      // at most one more where the wallet's event overtakes its answer to the request path (the saga's RecordReservation,
      // decided on the state before, is then a no-op, decided again on a fresh read).
      expect(reads.length).toBeLessThanOrEqual(3);
    } finally {
      await platform.stop();
      await store.close();
    }
  });

  it('given a provider failure, then the task is released and never charged', async () => {
    simulator = new GenerationSimulator({ failureRate: 1 });
    platform = await TaskPlatform.start({ dir, clock, balances: { [API]: 1_000_000 } });
    await platform.startTasks({ provider: { kind: 'instance', provider: simulator } });
    await create('t1');
    await until('t1', 'released');
    expect(await getTask('t1')).toMatchObject({ endReason: 'failed', creditsCostMillicredits: null });
    await eventually(() => platform.wallet.wallet(API).openHoldCount() === 0, 'the hold released');
    expect(platform.wallet.wallet(API)).toMatchObject({ availableMillicredits: 1_000_000, chargedMillicredits: 0 });
  });

  it('given a running task, when it is cancelled, then its hold goes back and its provider job is cancelled', async () => {
    const { provider } = heldProvider();
    platform = await TaskPlatform.start({ dir, clock, balances: { [API]: 1_000_000 } });
    await platform.startTasks({ provider: { kind: 'instance', provider } });
    await create('t1');
    await until('t1', 'dispatched');
    expect(provider.pendingJobs).toBe(1);
    await platform.call(TasksRpc.cancelTask, { accountId: 'acct-1', taskId: 't1' });
    await until('t1', 'released');
    expect(await getTask('t1')).toMatchObject({ endReason: 'cancelled', creditsCostMillicredits: null });
    expect(provider.pendingJobs).toBe(0);
    await eventually(() => platform.wallet.wallet(API).availableMillicredits === 1_000_000, 'the hold given back');
  });

  it('given a task past its deadline, when the time-out job runs, then it is timed out and released', async () => {
    const { provider } = heldProvider();
    platform = await TaskPlatform.start({ dir, clock, balances: { [API]: 1_000_000 } });
    const tasks = await platform.startTasks({ provider: { kind: 'instance', provider }, taskTimeoutMillis: 60_000, timeoutSweepEveryMillis: 3_600_000 });
    await create('t1');
    await until('t1', 'dispatched');
    clock.advance(59_000);
    await tasks.host.runJob('task-timeouts');
    expect(await statusOf('t1')).toBe('dispatched');
    clock.advance(2_000);
    await tasks.host.runJob('task-timeouts');
    await until('t1', 'released');
    expect(await getTask('t1')).toMatchObject({ endReason: 'timed_out', creditsCostMillicredits: null });
    expect(provider.pendingJobs).toBe(0);
    await eventually(() => platform.wallet.wallet(API).availableMillicredits === 1_000_000, 'the hold given back');
  });

  it('given the wall clock jumping an hour forward while tasks run, when the time-out job runs, then none is timed out until it has been under way past its time-out by the monotonic clock', async () => {
    const { provider } = heldProvider();
    const steady = new ManualClock(0);
    platform = await TaskPlatform.start({ dir, clock, balances: { [API]: 1_000_000 } });
    const options = { provider: { kind: 'instance', provider } as const, taskTimeoutMillis: 60_000, timeoutSweepEveryMillis: 3_600_000, monotonic: () => steady.now() };
    let tasks = await platform.startTasks(options);
    for (const taskId of ['t1', 't2', 't3']) await create(taskId);
    for (const taskId of ['t1', 't2', 't3']) await until(taskId, 'dispatched');

    clock.advance(3_600_000);
    await tasks.host.runJob('task-timeouts');
    expect(await Promise.all(['t1', 't2', 't3'].map(statusOf))).toEqual(['dispatched', 'dispatched', 'dispatched']);

    steady.advance(61_000);
    await tasks.host.runJob('task-timeouts');
    for (const taskId of ['t1', 't2', 't3']) await until(taskId, 'released');
    expect(await getTask('t1')).toMatchObject({ endReason: 'timed_out' });

    // A task this process did not see start is timed by its recorded instant: under way for 61 s by the wall clock when found.
    await create('t4');
    await until('t4', 'dispatched');
    await tasks.stop();
    clock.advance(61_000);
    tasks = await platform.startTasks(options);
    await tasks.host.runJob('task-timeouts');
    await until('t4', 'released');
    expect(await getTask('t4')).toMatchObject({ endReason: 'timed_out' });
  });

  it('given a shorter output and a book that says so, then the charge is pro rata and the rest goes back', async () => {
    simulator = new GenerationSimulator({ partialOutputRate: 1, partialOutputRatio: 0.4 });
    platform = await TaskPlatform.start({ dir, clock, balances: { [API]: 1_000_000 } });
    await platform.startTasks({ provider: { kind: 'instance', provider: simulator } });
    await create('t1');
    await until('t1', 'charged');
    expect((await getTask('t1')).creditsCostMillicredits).toBe(30_000);
    expect(platform.wallet.wallet(API)).toMatchObject({ availableMillicredits: 1_000_000 - 30_000, chargedMillicredits: 30_000 });
  });

  it('given too few credits in the pool, then the request is refused with 402 naming the pool, what is available and what is required', async () => {
    platform = await TaskPlatform.start({ dir, clock, balances: { [API]: 10_000, [walletStreamName('acct-1', 'app')]: 1_000_000 } });
    await platform.startTasks();
    const refusal = create('t1');
    await expect(refusal).rejects.toBeInstanceOf(RpcError);
    await expect(refusal).rejects.toMatchObject({ problem: { type: 'insufficient-credits', status: 402, pool: 'api', available: 10_000, required: QUOTED } });
    expect(await getTask('t1')).toMatchObject({ status: 'rejected', endReason: 'insufficient_credits' });
    expect(platform.wallet.wallet(walletStreamName('acct-1', 'app')).availableMillicredits).toBe(1_000_000);
  });

  it('given six tasks running, then a seventh is refused with 429, or queued when asked and started when a slot frees', async () => {
    const { provider } = heldProvider();
    platform = await TaskPlatform.start({ dir, clock, balances: { [API]: 10_000_000 } });
    await platform.startTasks({ provider: { kind: 'instance', provider } });
    for (const id of ['t1', 't2', 't3', 't4', 't5', 't6']) await create(id);
    await expect(create('t7')).rejects.toMatchObject({ problem: { type: 'concurrency-limit', status: 429, limit: 6, running: 6 } });
    expect(await create('t8', { queueIfBusy: true })).toMatchObject({ status: 'queued' });
    await platform.call(TasksRpc.cancelTask, { accountId: 'acct-1', taskId: 't1' });
    await until('t8', 'dispatched');
    const page = await platform.call(TasksRpc.listTasks, { accountId: 'acct-1', status: 'dispatched' });
    expect(page.tasks.map((task) => task.taskId)).toEqual(['t2', 't3', 't4', 't5', 't6', 't8']);
  });

  it('given a plan with priority, then its queued tasks leave the queue first', async () => {
    const { provider } = heldProvider();
    platform = await TaskPlatform.start({ dir, clock, balances: { [API]: 10_000_000 } });
    const tasks = await platform.startTasks({ provider: { kind: 'instance', provider } });
    const studio = (priority: boolean) => ({
      type: 'SubscriptionStarted' as const,
      data: { accountId: 'acct-1', planId: 'studio', monthlyMillicredits: 0, pool: 'api', periodStart: NOW, at: NOW, concurrencyLimit: 2, priority, entitlements: [] },
    });
    await platform.publishSubscriptionEvent(studio(false));
    await planTakenIn(tasks, false);
    for (const id of ['t1', 't2']) await create(id);
    // Without priority the queue keeps arrival order...
    expect(await create('q1', { queueIfBusy: true })).toMatchObject({ status: 'queued' });
    await platform.publishSubscriptionEvent(studio(true));
    await planTakenIn(tasks, true);
    // ...and a task of a priority plan overtakes it.
    expect(await create('p1', { queueIfBusy: true })).toMatchObject({ status: 'queued' });
    await platform.call(TasksRpc.cancelTask, { accountId: 'acct-1', taskId: 't1' });
    await until('p1', 'dispatched');
    expect(await statusOf('q1')).toBe('queued');
    await platform.call(TasksRpc.cancelTask, { accountId: 'acct-1', taskId: 't2' });
    await until('q1', 'dispatched');
  });

  it('given a batch of variations, then each is a task priced together, failures refunded and successes charged', async () => {
    simulator = new GenerationSimulator({ failureRate: 0.5, seed: 7 });
    platform = await TaskPlatform.start({ dir, clock, balances: { [API]: 10_000_000 } });
    await platform.startTasks({ provider: { kind: 'instance', provider: simulator } });
    const batch = await platform.call(TasksRpc.createBatch, { accountId: 'acct-1', channel: 'api', batchId: 'b1', batchSize: 6, ...FIVE_SECONDS });
    expect(batch.tasks.map((task) => task.quote.millicredits)).toEqual([75_000, 60_000, 60_000, 60_000, 60_000, 60_000]);
    expect(batch.millicredits).toBe(375_000);
    const ids = batch.tasks.map((task) => task.taskId);
    expect(ids).toEqual(['b1-0', 'b1-1', 'b1-2', 'b1-3', 'b1-4', 'b1-5']);
    await eventually(async () => (await Promise.all(ids.map(statusOf))).every((status) => status === 'charged' || status === 'released'), 'every item settled');
    const ended = await Promise.all(ids.map((id) => getTask(id)));
    const charged = ended.filter((task) => task.status === 'charged');
    expect(charged.length).toBeGreaterThan(0);
    expect(charged.length).toBeLessThan(ids.length);
    for (const task of ended) expect(task.endReason).toBe(task.status === 'charged' ? 'succeeded' : 'failed');
    const total = charged.reduce((sum, task) => sum + (task.creditsCostMillicredits ?? 0), 0);
    await eventually(() => platform.wallet.wallet(API).openHoldCount() === 0, 'every hold settled');
    expect(platform.wallet.wallet(API)).toMatchObject({ chargedMillicredits: total, availableMillicredits: 10_000_000 - total });
  });

  it('given a plan without batch generation, then a batch is forbidden', async () => {
    platform = await TaskPlatform.start({ dir, clock, balances: { [API]: 10_000_000 } });
    const tasks = await platform.startTasks();
    await platform.publishSubscriptionEvent({
      type: 'SubscriptionStarted',
      data: { accountId: 'acct-1', planId: 'basic', monthlyMillicredits: 0, pool: 'api', periodStart: NOW, at: NOW, concurrencyLimit: 6, priority: false, entitlements: [] },
    });
    await planTakenIn(tasks, false);
    await expect(platform.call(TasksRpc.createBatch, { accountId: 'acct-1', channel: 'api', batchId: 'b1', batchSize: 3, ...FIVE_SECONDS })).rejects.toMatchObject({
      problem: { type: 'forbidden', status: 403, entitlement: 'batch_generation' },
    });
  });

  it('given a hold that expired while the task ran, then the task is released, not charged, and a late success changes nothing', async () => {
    const { scheduler, provider } = heldProvider();
    platform = await TaskPlatform.start({ dir, clock, balances: { [API]: 1_000_000 } });
    const tasks = await platform.startTasks({ provider: { kind: 'instance', provider } });
    await create('t1');
    await until('t1', 'dispatched');
    await tasks.host.context.commands.send(SERVICES.wallet, [
      { accountId: 'acct-1', streamName: API, command: { type: 'ExpireReservation', data: { reservationId: 'task:t1' }, metadata: { commandId: 'expire-t1', now: clock.now() } } },
    ]);
    await until('t1', 'released');
    scheduler.advanceBy(1_000);
    await simulator?.settled();
    expect(await getTask('t1')).toMatchObject({ status: 'released', endReason: 'reservation_expired', creditsCostMillicredits: null });
    expect(platform.wallet.wallet(API)).toMatchObject({ availableMillicredits: 1_000_000, chargedMillicredits: 0 });
    await create('t2');
    await until('t2', 'dispatched');
  });

  it('given the same task id twice, then the second request answers the first task; another account cannot take or see it', async () => {
    platform = await TaskPlatform.start({ dir, clock, balances: { [API]: 1_000_000 } });
    await platform.startTasks();
    await create('t1');
    await until('t1', 'charged');
    expect(await create('t1')).toMatchObject({ status: 'charged', creditsCostMillicredits: QUOTED });
    await expect(platform.call(TasksRpc.createTask, { accountId: 'acct-2', channel: 'api', taskId: 't1', ...FIVE_SECONDS })).rejects.toMatchObject({ problem: { type: 'conflict' } });
    await expect(getTask('t1', 'acct-2')).rejects.toMatchObject({ problem: { type: 'not-found', status: 404 } });
    expect(platform.wallet.wallet(API).chargedMillicredits).toBe(QUOTED);
  });

  it('given charged tasks, when one is adopted, then utilisation reports the adopted share', async () => {
    platform = await TaskPlatform.start({ dir, clock, balances: { [API]: 1_000_000 } });
    await platform.startTasks();
    for (const id of ['t1', 't2', 't3']) await create(id);
    for (const id of ['t1', 't2', 't3']) await until(id, 'charged');
    await expect(platform.call(TasksRpc.adoptTask, { accountId: 'acct-1', taskId: 't1' })).resolves.toMatchObject({ adopted: true });
    await eventually(async () => (await getTask('t1')).adopted, 't1 adopted in the read model');
    expect(await platform.call(TasksRpc.utilisation, { accountId: 'acct-1' })).toMatchObject({
      adoptedMillicredits: QUOTED,
      chargedMillicredits: 3 * QUOTED,
      percentage: '33.33%',
    });
  });

  it('given an invalid request, then a validation problem names the field', async () => {
    platform = await TaskPlatform.start({ dir, clock, balances: { [API]: 1_000_000 } });
    await platform.startTasks();
    await expect(create('t1', { channel: 'fax' })).rejects.toMatchObject({ problem: { type: 'validation', status: 400 } });
    await expect(create('t1', { model: 'veo-9' })).rejects.toMatchObject({ problem: { type: 'validation', errors: [{ field: 'model' }] } });
  });
});
