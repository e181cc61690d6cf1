import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TasksRpc, walletStreamName } from '@billing/contracts';
import { type GenerationProvider, GenerationSimulator, ManualScheduler } from '@billing/generation-provider';
import { ManualClock } from '@billing/service-host';
import { eventually } from '@billing/util/testing';
import { TaskPlatform } from '../testing';

const NOW = Date.UTC(2026, 0, 10, 12);
const API = walletStreamName('acct-1', 'api');
const FIVE_SECONDS = { model: 'seedance-2.0', durationMillis: 5_000 };
const QUOTED = 75_000;

/*
 * The request path records the task, then asks the wallet for its credits, then records the
 * answer, then hands the task to the provider. The process may die between any two of these;
 * nothing may be lost or held twice.
 */
describe('a task whose process died between the wallet and the task record', () => {
  let dir: string;
  let platform: TaskPlatform;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tasks-reservations-'));
    platform = await TaskPlatform.start({ dir, clock: new ManualClock(NOW), balances: { [API]: 1_000_000 } });
  });

  afterEach(async () => {
    await platform?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const create = (taskId: string) => platform.call(TasksRpc.createTask, { accountId: 'acct-1', channel: 'api', taskId, ...FIVE_SECONDS });
  const getTask = (taskId: string) => platform.call(TasksRpc.getTask, { accountId: 'acct-1', taskId });
  const charged = async (taskId: string) => (await getTask(taskId)).status === 'charged';
  const reservationsWritten = () => platform.wallet.emitted.filter((event) => event.type === 'CreditsReserved').length;

  it('given credits held by the wallet whose answer never came back, when the service starts again, then the hold is the task’s: charged once, never held twice', async () => {
    let tasks = await platform.startTasks({ createWaitMillis: 100 });
    platform.wallet.lose = 'answer';
    const answered = create('t1').catch((error: unknown) => error);
    // The hold is written; the service goes before the answer comes (whether its saga saw the wallet's event first or not).
    await eventually(() => reservationsWritten() === 1, 'the hold written');
    await tasks.stop();
    await answered;
    platform.wallet.lose = 'nothing';
    tasks = await platform.startTasks();

    await eventually(() => charged('t1'), 't1 charged');
    expect(await getTask('t1')).toMatchObject({ creditsReservedMillicredits: QUOTED, creditsCostMillicredits: QUOTED });
    expect(reservationsWritten()).toBe(1);
    expect([...platform.wallet.chargesByReservation().values()]).toEqual([[QUOTED]]);
    expect(platform.wallet.wallet(API)).toMatchObject({ availableMillicredits: 1_000_000 - QUOTED });
    expect(platform.wallet.wallet(API).openHoldCount()).toBe(0);
  });

  it('given a request recorded whose reservation never reached the wallet, when the service starts again, then it asks again and the task runs, holding its slot meanwhile', async () => {
    // Jobs that finish only when a scheduler nobody moves says so: the tasks stay at the provider, holding their slots.
    let tasks = await platform.startTasks({ createWaitMillis: 100, provider: { kind: 'simulator', options: { latencyMillis: 1_000, scheduler: new ManualScheduler() } } });
    platform.wallet.lose = 'call';
    expect(await create('t1')).toMatchObject({ status: 'requested' });
    platform.wallet.lose = 'nothing';
    for (const id of ['t2', 't3', 't4', 't5', 't6']) await create(id);
    // t1 holds the sixth slot while it waits for the wallet.
    await expect(create('t7')).rejects.toMatchObject({ problem: { type: 'concurrency-limit', status: 429, running: 6 } });
    await tasks.stop();
    expect(platform.wallet.emitted.some((event) => event.type === 'CreditsReserved' && event.data.taskId === 't1')).toBe(false);
    tasks = await platform.startTasks();

    await eventually(() => charged('t1'), 't1 charged');
    expect(reservationsWritten()).toBe(6);
    // The others' jobs were lost with the simulator of the first run: failed, released.
    expect([...platform.wallet.chargesByReservation().values()]).toEqual([[QUOTED]]);
    await eventually(() => platform.wallet.wallet(API).openHoldCount() === 0, 'every hold settled');
  });

  it('given a reserved task whose submit never reached the provider, when the service starts again, then it is submitted, and charged once', async () => {
    const simulator = new GenerationSimulator();
    // Submits that never come back: the process dies with them in flight.
    const silent: GenerationProvider = { ...bind(simulator), submit: () => new Promise(() => undefined) };
    let tasks = await platform.startTasks({ provider: { kind: 'instance', provider: silent } });
    expect(await create('t1')).toMatchObject({ status: 'reserved' });
    await tasks.stop();
    tasks = await platform.startTasks({ provider: { kind: 'instance', provider: simulator } });

    await eventually(() => charged('t1'), 't1 charged');
    expect([...platform.wallet.chargesByReservation().values()]).toEqual([[QUOTED]]);
    await simulator.close();
  });
});

/** The provider's methods bound to it, so a test can replace one. */
function bind(provider: GenerationProvider): GenerationProvider {
  return {
    submit: (job) => provider.submit(job),
    cancel: (providerJobId) => provider.cancel(providerJobId),
    status: (job) => provider.status(job),
    onOutcome: (listener) => provider.onOutcome(listener),
    close: () => provider.close(),
  };
}
