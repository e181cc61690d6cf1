import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TASK_CATEGORY, type TaskEvent, TasksRpc, walletStreamName } from '@billing/contracts';
import { type EventStore, openSqliteEventStore } from '@billing/event-store';
import { toOutgoingMessage, walletRoute } from '@billing/messaging';
import { GenerationSimulator, mulberry32 } from '@billing/generation-provider';
import { ManualClock, RpcError } from '@billing/service-host';
import { initialSlots } from '@billing/tasks-domain';
import { replaySlots } from '@billing/tasks-domain/testing';
import { eventually } from '@billing/util/testing';
import { type RunningService, TaskPlatform } from '../testing';

const NOW = Date.UTC(2026, 0, 10, 12);
const FIVE_SECONDS = { model: 'seedance-2.0', durationMillis: 5_000 };
const SETTLED = ['charged', 'released', 'rejected'];

/** The store's task events, in the order they were appended. */
async function taskEventsOf(store: EventStore): Promise<TaskEvent[]> {
  const events: TaskEvent[] = [];
  for await (const recorded of store.readAll({ filter: { streamPrefixes: [`${TASK_CATEGORY}-`] } })) events.push({ type: recorded.type, data: recorded.data } as TaskEvent);
  return events;
}

describe('the task service under redelivery, restarts and a second instance', () => {
  let dir: string;
  let clock: ManualClock;
  let platform: TaskPlatform;
  let simulator: GenerationSimulator | undefined;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tasks-faults-'));
    clock = new ManualClock(NOW);
    simulator = undefined;
  });

  afterEach(async () => {
    await platform?.stop();
    await simulator?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const create = (service: string, accountId: string, taskId: string, extra: object = {}) =>
    platform.call({ ...TasksRpc.createTask, service }, { accountId, channel: 'api', taskId, ...FIVE_SECONDS, ...extra });
  const getTask = (accountId: string, taskId: string) => platform.call(TasksRpc.getTask, { accountId, taskId });

  /** Resolves once the store has taken no new event for `quietMillis`. */
  async function quiescent(service: RunningService, quietMillis = 300): Promise<number> {
    let head = await service.store.headPosition();
    let since = Date.now();
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      const now = await service.store.headPosition();
      if (now !== head) [head, since] = [now, Date.now()];
      else if (Date.now() - since >= quietMillis) return head;
    }
  }

  it('given settled tasks, when every own event and every wallet event is delivered again, then nothing happens twice', async () => {
    simulator = new GenerationSimulator({ failureRate: 0.4, partialOutputRate: 0.3, seed: 3 });
    const api = walletStreamName('acct-1', 'api');
    platform = await TaskPlatform.start({ dir, clock, balances: { [api]: 10_000_000 } });
    let tasks = await platform.startTasks({ provider: { kind: 'instance', provider: simulator } });
    const ids = Array.from({ length: 12 }, (_, index) => `t${index}`);
    await Promise.all(ids.map((id) => create('tasks', 'acct-1', id, { queueIfBusy: true })));
    await eventually(async () => (await Promise.all(ids.map((id) => getTask('acct-1', id)))).every((task) => SETTLED.includes(task.status)), 'every task settled');
    const head = await quiescent(tasks);
    const views = await Promise.all(ids.map((id) => getTask('acct-1', id)));
    const emitted = platform.wallet.emitted.length;
    const received = platform.wallet.received.length;

    // The saga starts again from the first event of the store...
    await tasks.stop();
    const { default: Database } = await import('better-sqlite3');
    const state = new Database(join(dir, 'tasks.state.db'));
    expect(state.prepare("DELETE FROM relay_checkpoints WHERE relay LIKE 'reactor:%'").run().changes).toBe(1);
    state.close();
    tasks = await platform.startTasks({ provider: { kind: 'instance', provider: simulator } });
    // ...and the wallet's events arrive a second time, with their ids.
    const walletStore = openSqliteEventStore({ path: join(dir, 'wallet.events.db'), readOnly: true });
    const again = [];
    for await (const event of walletStore.readAll()) again.push(toOutgoingMessage(event, walletRoute(4)));
    await walletStore.close();
    await platform.bus.publish(again);

    expect(await quiescent(tasks)).toBe(head);
    expect(platform.wallet.received.length).toBeGreaterThan(received);
    expect(platform.wallet.emitted.length).toBe(emitted);
    expect(await Promise.all(ids.map((id) => getTask('acct-1', id)))).toEqual(views);
    for (const charges of platform.wallet.chargesByReservation().values()) expect(charges).toHaveLength(1);
    const charged = views.reduce((sum, task) => sum + (task.creditsCostMillicredits ?? 0), 0);
    expect(platform.wallet.wallet(api)).toMatchObject({ chargedMillicredits: charged, availableMillicredits: 10_000_000 - charged });
  });

  it('given two instances on one event store, when many tasks of one account race through both, then never more than the limit run and every task ends consistently', async () => {
    simulator = new GenerationSimulator({ latencyMillis: { min: 1, max: 15 }, failureRate: 0.3, seed: 11 });
    const api = walletStreamName('acct-1', 'api');
    platform = await TaskPlatform.start({ dir, clock, balances: { [api]: 100_000_000 } });
    const shared = openSqliteEventStore({ path: join(dir, 'tasks-shared.events.db') });
    try {
      const provider = { kind: 'instance', provider: simulator } as const;
      await platform.startTasks({ provider }, { name: 'tasks', store: shared });
      await platform.startTasks({ provider }, { name: 'tasks-b', store: shared });
      const random = mulberry32(5);
      const ids = Array.from({ length: 80 }, (_, index) => `t${index}`);
      const answers = await Promise.all(
        ids.map((id, index) =>
          create(index % 2 === 0 ? 'tasks' : 'tasks-b', 'acct-1', id, { queueIfBusy: random() < 0.5 }).catch((error: unknown) => {
            if (error instanceof RpcError && error.problem.type === 'concurrency-limit') return error.problem;
            throw error;
          }),
        ),
      );
      expect(answers.some((answer) => 'type' in answer && answer.type === 'concurrency-limit')).toBe(true);
      await eventually(async () => (await Promise.all(ids.map((id) => getTask('acct-1', id)))).every((task) => SETTLED.includes(task.status)), 'every task settled', 30_000);

      // The account's slots, replayed from its tasks' events in store order: never more than six at once.
      const replayed = replaySlots(await taskEventsOf(shared)).get('acct-1');
      expect(replayed?.peak).toBeLessThanOrEqual(6);
      expect(replayed?.peak).toBe(6);
      expect(replayed?.slots).toMatchObject({ running: [], queue: [] });

      const views = await Promise.all(ids.map((id) => getTask('acct-1', id)));
      for (const task of views) {
        if (task.status === 'charged') expect(task.endReason).toBe('succeeded');
        else expect(task.creditsCostMillicredits).toBeNull();
      }
      await eventually(() => platform.wallet.wallet(api).openHoldCount() === 0, 'every hold settled');
      const charged = views.reduce((sum, task) => sum + (task.creditsCostMillicredits ?? 0), 0);
      expect(platform.wallet.wallet(api).chargedMillicredits).toBe(charged);
      for (const charges of platform.wallet.chargesByReservation().values()) expect(charges).toHaveLength(1);
    } finally {
      await platform.stop();
      await shared.close();
    }
  });

  it('given a thousand tasks over many accounts with random failures, cancels and a restart midway, then every task ends, every hold is settled and each cost is what its wallet was charged', async () => {
    simulator = new GenerationSimulator({ latencyMillis: { min: 0, max: 5 }, failureRate: 0.25, partialOutputRate: 0.25, seed: 21 });
    const accounts = Array.from({ length: 20 }, (_, index) => `acct-${index}`);
    const random = mulberry32(99);
    const balances = Object.fromEntries(accounts.map((accountId, index) => [walletStreamName(accountId, 'api'), index % 5 === 0 ? 400_000 : 50_000_000]));
    platform = await TaskPlatform.start({ dir, clock, balances });
    const options = { provider: { kind: 'instance', provider: simulator } as const, taskTimeoutMillis: 60_000 };
    let tasks = await platform.startTasks(options);
    const all: { accountId: string; taskId: string }[] = [];
    const wave = async (from: number, count: number) => {
      const created = Array.from({ length: count }, (_, offset) => {
        const accountId = accounts[Math.floor(random() * accounts.length)] ?? 'acct-0';
        const taskId = `task-${from + offset}`;
        all.push({ accountId, taskId });
        return { accountId, taskId, queueIfBusy: random() < 0.6, cancel: random() < 0.05 };
      });
      await Promise.all(
        created.map(async ({ accountId, taskId, queueIfBusy, cancel }) => {
          await create('tasks', accountId, taskId, { queueIfBusy }).catch((error: unknown) => {
            if (!(error instanceof RpcError)) throw error;
          });
          if (cancel) await platform.call(TasksRpc.cancelTask, { accountId, taskId }).catch(() => undefined);
        }),
      );
    };
    await wave(0, 500);
    await tasks.stop();
    tasks = await platform.startTasks(options);
    await wave(500, 500);
    // Jobs whose outcome fell into the restart are found by the time-out sweep.
    await eventually(
      async () => {
        clock.advance(61_000);
        await tasks.host.runJob('task-timeouts');
        const views = await Promise.all(all.map(({ accountId, taskId }) => getTask(accountId, taskId)));
        return views.every((task) => SETTLED.includes(task.status));
      },
      'every task settled',
      60_000,
    );
    const views = await Promise.all(all.map(({ accountId, taskId }) => getTask(accountId, taskId)));
    const statuses = new Set(views.map((task) => task.status));
    expect(statuses).toEqual(new Set(['charged', 'released', 'rejected']));
    const replayed = replaySlots(await taskEventsOf(tasks.store));
    for (const accountId of accounts) {
      const wallet = platform.wallet.wallet(walletStreamName(accountId, 'api'));
      await eventually(() => wallet.openHoldCount() === 0, `${accountId}'s holds settled`);
      const mine = views.filter((task) => all.find((entry) => entry.taskId === task.taskId)?.accountId === accountId);
      const cost = mine.reduce((sum, task) => sum + (task.creditsCostMillicredits ?? 0), 0);
      expect(wallet.chargedMillicredits).toBe(cost);
      expect(wallet.availableMillicredits).toBe((balances[walletStreamName(accountId, 'api')] ?? 0) - cost);
      for (const task of mine) {
        expect(task.creditsCostMillicredits ?? 0).toBeLessThanOrEqual(task.creditsReservedMillicredits);
        if (task.status !== 'charged') expect(task.creditsCostMillicredits).toBeNull();
      }
      expect(replayed.get(accountId)?.slots ?? initialSlots).toMatchObject({ running: [], queue: [] });
      expect(replayed.get(accountId)?.peak ?? 0).toBeLessThanOrEqual(6);
    }
    for (const charges of platform.wallet.chargesByReservation().values()) expect(charges).toHaveLength(1);
  }, 120_000);
});
