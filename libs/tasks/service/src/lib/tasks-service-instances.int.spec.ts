import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TASK_CATEGORY, type TaskEvent, TasksRpc, walletStreamName } from '@billing/contracts';
import { type EventStore, openPostgresEventStore, PostgresProcessorLeases } from '@billing/event-store';
import { type PostgresServer, startPostgres } from '@billing/event-store/testing';
import { type GenerationProvider, GenerationSimulator, ManualScheduler, mulberry32 } from '@billing/generation-provider';
import { ManualClock, RpcError } from '@billing/service-host';
import { replaySlots } from '@billing/tasks-domain/testing';
import { eventually } from '@billing/util/testing';
import { GatedProvider, TaskPlatform } from '../testing';
import { admissionStreamName, type SlotsDecided } from './slots/admission-log';

jest.setTimeout(90_000);

const NOW = Date.UTC(2026, 0, 10, 12);
const FIVE_SECONDS = { model: 'seedance-2.0', durationMillis: 5_000 };
const SETTLED = ['charged', 'released', 'rejected'];

async function taskEventsOf(store: EventStore): Promise<TaskEvent[]> {
  const events: TaskEvent[] = [];
  for await (const recorded of store.readAll({ filter: { streamPrefixes: [`${TASK_CATEGORY}-`] } })) events.push({ type: recorded.type, data: recorded.data } as TaskEvent);
  return events;
}

/**
 * Two task-service instances as two processes would run them on one PostgreSQL store: each
 * its own store object (its own slots in memory, its own account lock) and leases of its
 * own session, every request of one account sent to both at once, as during a rebalance
 * when two instances both take the account's partition for a while.
 */
describe('two task-service instances in separate processes on one PostgreSQL store', () => {
  let server: PostgresServer;
  let dir: string;
  let platform: TaskPlatform | undefined;
  let simulator: GenerationSimulator;
  const opened: { close(): Promise<void> }[] = [];

  beforeAll(async () => {
    server = await startPostgres();
  });
  afterAll(async () => server.stop());

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tasks-instances-'));
  });
  afterEach(async () => {
    await platform?.stop();
    for (const resource of opened.splice(0).reverse()) await resource.close();
    await simulator.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const live = (): TaskPlatform => {
    if (!platform) throw new Error('no platform');
    return platform;
  };

  /** The two instances, and a store object to read what they appended. */
  async function twoInstances(balanceMillicredits: number, provider: GenerationProvider = simulator): Promise<EventStore> {
    const clock = new ManualClock(NOW);
    platform = await TaskPlatform.start({ dir, clock, balances: { [walletStreamName('acct-1', 'api')]: balanceMillicredits } });
    const schema = `tasks_${Math.random().toString(36).slice(2, 10)}`;
    const stores: EventStore[] = [];
    for (const name of ['tasks', 'tasks-b']) {
      const store = await openPostgresEventStore({ connectionString: server.url, schema, pollIntervalMs: 50 });
      const leases = await PostgresProcessorLeases.open({ connectionString: server.url, schema, retryMillis: 100 });
      opened.push(store, leases);
      stores.push(store);
      await platform.startTasks({ provider: { kind: 'instance', provider } }, { name, store, leases });
    }
    const [store] = stores;
    if (!store) throw new Error('no store');
    return store;
  }

  const create = (service: string, taskId: string, queueIfBusy: boolean) =>
    live().call({ ...TasksRpc.createTask, service }, { accountId: 'acct-1', channel: 'api', taskId, queueIfBusy, ...FIVE_SECONDS }).catch((error: unknown) => {
      if (error instanceof RpcError && error.problem.type === 'concurrency-limit') return error.problem;
      throw new Error(`${taskId}: ${String(error)}; the services' last warnings:\n${live().logs.slice(-5).join('\n')}`);
    });
  const statuses = (ids: readonly string[]) => Promise.all(ids.map(async (taskId) => (await live().call(TasksRpc.getTask, { accountId: 'acct-1', taskId })).status));

  it('given requests and endings of one account racing through both, then never more than six run at once, and every task ends once, charged as its wallet was', async () => {
    simulator = new GenerationSimulator({ latencyMillis: { min: 150, max: 400 }, failureRate: 0.3, seed: 7 });
    const api = walletStreamName('acct-1', 'api');
    const store = await twoInstances(500_000_000);
    const random = mulberry32(13);
    const ids = Array.from({ length: 160 }, (_, index) => `t${index}`);
    // In waves, so that slots free (and queues move) on both instances while newcomers arrive on both.
    for (let wave = 0; wave < 4; wave++) {
      await Promise.all(ids.slice(wave * 40, wave * 40 + 40).map((id, index) => create(index % 2 === 0 ? 'tasks' : 'tasks-b', id, random() < 0.6)));
    }
    await eventually(async () => (await statuses(ids)).every((status) => SETTLED.includes(status)), 'every task settled', 60_000);

    const replayed = replaySlots(await taskEventsOf(store)).get('acct-1');
    expect(replayed?.peak).toBe(6);
    expect(replayed?.slots).toMatchObject({ running: [], queue: [] });
    // Both instances decided: the log holds decisions recorded by each.
    const decisions = await store.readStream(admissionStreamName('acct-1'));
    // A decision recorded for each request (and one for each slot that freed with tasks waiting).
    expect(decisions.length).toBeGreaterThanOrEqual(ids.length);

    await eventually(() => live().wallet.wallet(api).openHoldCount() === 0, 'every hold settled');
    const views = await Promise.all(ids.map((taskId) => live().call(TasksRpc.getTask, { accountId: 'acct-1', taskId })));
    const charged = views.reduce((sum, task) => sum + (task.creditsCostMillicredits ?? 0), 0);
    expect(live().wallet.wallet(api).chargedMillicredits).toBe(charged);
    for (const charges of live().wallet.chargesByReservation().values()) expect(charges).toHaveLength(1);
  });

  it('given a task cancelled through the other instance while its submit was in flight, then the dispatch, decided on the state handed over, conflicts, the task refuses it, and the job is cancelled', async () => {
    const scheduler = new ManualScheduler();
    simulator = new GenerationSimulator({ latencyMillis: 1_000, scheduler });
    const provider = new GatedProvider(simulator);
    await twoInstances(100_000_000, provider);
    await create('tasks', 't1', false);
    await eventually(() => provider.submitted === 1, 'the submit in flight');
    // The instance that submits still knows the task reserved: its dispatch is decided on that, and appended with its revision.
    await live().call({ ...TasksRpc.cancelTask, service: 'tasks-b' }, { accountId: 'acct-1', taskId: 't1' });
    provider.release();
    await eventually(() => live().logs.some((line) => line.includes('task command refused') && line.includes('DispatchTask')), 'the dispatch refused');
    await eventually(() => simulator.pendingJobs === 0 && scheduler.pending === 0, 'the job cancelled');
    expect(await live().call(TasksRpc.getTask, { accountId: 'acct-1', taskId: 't1' })).toMatchObject({ endReason: 'cancelled', creditsCostMillicredits: null });
    expect(provider.submitted).toBe(1);
  });

  it('given a decision recorded by an instance killed before it carried it out, then the next decision for the account carries it out first: the task exists, runs and holds its slot', async () => {
    simulator = new GenerationSimulator({ latencyMillis: { min: 1, max: 5 }, seed: 3 });
    const store = await twoInstances(100_000_000);
    await create('tasks', 'first', false);
    // What a killed instance leaves: its decision recorded, its task never appended.
    const [last] = (await store.readStream(admissionStreamName('acct-1'))).slice(-1);
    if (!last) throw new Error('no decision recorded');
    const { commands } = last.data as SlotsDecided;
    const ghost = commands.map((command) => ({ ...command, data: { ...command.data, taskId: 'ghost' }, metadata: { ...command.metadata, commandId: 'RequestTask:ghost' } }));
    await store.appendToStream(admissionStreamName('acct-1'), [{ eventId: 'ghost-decision', type: 'SlotsDecided', schemaVersion: 1, data: { commands: ghost } }], last.revision);
    expect(await store.readStream('task-ghost')).toHaveLength(0);

    await create('tasks-b', 'second', false);
    await eventually(async () => (await statuses(['first', 'ghost', 'second'])).every((status) => status === 'charged'), 'all three charged', 20_000);
    const requested = (await taskEventsOf(store)).filter((event) => event.type === 'TaskRequested').map((event) => event.data.taskId);
    expect(requested).toEqual(['first', 'ghost', 'second']);
  });
});
