import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GenerationSimulator, ManualScheduler } from '@billing/generation-provider';
import { ManualClock, RpcError } from '@billing/service-host';
import type { TaskView } from '@billing/tasks-domain';
import { eventually, TaskPlatform } from '../testing';

const NOW = Date.UTC(2026, 0, 10, 12);
const API = 'wallet-acct-1-api';
const FIVE_SECONDS = { model: 'seedance-2.0', durationMillis: 5_000 };

describe('the task service', () => {
  let dir: string;
  let clock: ManualClock;
  let platform: TaskPlatform;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tasks-service-'));
    clock = new ManualClock(NOW);
  });

  afterEach(async () => {
    await platform?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const getTask = (taskId: string, accountId = 'acct-1') => platform.call<TaskView>('tasks', 'getTask', { accountId, taskId });
  const statusOf = async (taskId: string) => (await getTask(taskId)).status;

  it('given credits, when a task is created, then it is reserved, dispatched, and charged its quote on success', async () => {
    platform = await TaskPlatform.start({ dir, clock, balances: { [API]: 1_000_000 } });
    await platform.startTasks();
    const created = await platform.call<TaskView>('tasks', 'createTask', { accountId: 'acct-1', channel: 'api', taskId: 't1', ...FIVE_SECONDS });
    expect(['reserved', 'dispatched', 'succeeded', 'charged']).toContain(created.status);
    expect(created).toMatchObject({ pool: 'api', creditsReservedMillicredits: 75_000 });
    await eventually(async () => (await statusOf('t1')) === 'charged', 't1 charged');
    expect(await getTask('t1')).toMatchObject({ creditsCostMillicredits: 75_000, endReason: 'succeeded' });
    expect(platform.wallet.wallet(API)).toMatchObject({ availableMillicredits: 1_000_000 - 75_000, chargedMillicredits: 75_000 });
  });
});
