import { aQuote, T0 } from '../../testing/fixtures';
import { provider } from '../../testing/task-requests';
import { TaskWorld } from '../../testing/task-world';
import { isTask, type Task } from '../task/task-state';
import { PROVIDER_LOST, type ProviderAnswer, reconcileAtProvider } from './provider-answer';

const QUOTED = 75_000;

function taskOf(world: TaskWorld, taskId: string): Task {
  const state = world.task(taskId);
  if (!isTask(state)) throw new Error(`no task ${taskId}`);
  return state;
}

/** Given a task at the provider (dispatched, or reported started), when its provider answers after a restart. */
function afterRestart(answer: ProviderAnswer, options: { started?: boolean; proRata?: boolean } = {}): TaskWorld {
  const world = new TaskWorld({ 'acct-1/api': 100_000 });
  world.request('t1', { quote: aQuote({ proRataShortOutput: options.proRata ?? false }) });
  world.settle();
  world.sendToTask(provider.dispatch('t1'));
  if (options.started) world.sendToTask(provider.start('t1'));
  world.settle();
  for (const command of reconcileAtProvider(taskOf(world, 't1'), 'job-t1', answer, T0 + 60_000)) world.sendToTask(command);
  world.settle();
  return world;
}

describe('a task left at the provider by a restart', () => {
  it('given a provider that lost the job, then the task fails as provider_lost, its hold goes back and its slot frees at once', () => {
    const world = afterRestart({ kind: 'unknown' });
    expect(taskOf(world, 't1')).toMatchObject({ status: 'released', endReason: 'failed', creditsCostMillicredits: null });
    expect(world.wallet('acct-1', 'api')).toMatchObject({ availableMillicredits: 100_000, chargedMillicredits: 0 });
    expect(world.slotsOf('acct-1').running).toEqual([]);
  });

  it('given a job the provider still renders, then the task keeps waiting for its outcome, holding its credits and slot', () => {
    const world = afterRestart({ kind: 'pending' }, { started: true });
    expect(taskOf(world, 't1')).toMatchObject({ status: 'running', creditsReservedMillicredits: QUOTED });
    expect(world.slotsOf('acct-1').running).toEqual(['t1']);
  });

  it('given a job that finished while the service was down, then its outcome is applied: a shorter output charged pro rata', () => {
    const world = afterRestart({ kind: 'succeeded', outputDurationMillis: 2_000 }, { proRata: true });
    expect(taskOf(world, 't1')).toMatchObject({ status: 'charged', endReason: 'succeeded', outputDurationMillis: 2_000, creditsCostMillicredits: 30_000 });
    expect(world.wallet('acct-1', 'api').availableMillicredits).toBe(70_000);
    expect(world.slotsOf('acct-1').running).toEqual([]);
  });

  it('given a job that failed while the service was down, then the task fails and is not charged', () => {
    const world = afterRestart({ kind: 'failed', reason: 'content_policy' });
    expect(taskOf(world, 't1')).toMatchObject({ status: 'released', endReason: 'failed', creditsCostMillicredits: null });
    expect(world.wallet('acct-1', 'api').availableMillicredits).toBe(100_000);
  });

  it('given a task no longer at the provider, or holding another job, then nothing is decided, whatever the answer', () => {
    const world = afterRestart({ kind: 'succeeded', outputDurationMillis: 5_000 });
    expect(reconcileAtProvider(world.task('t1'), 'job-t1', { kind: 'unknown' }, T0)).toEqual([]);
    expect(reconcileAtProvider({ status: 'none' }, 'job-t1', { kind: 'unknown' }, T0)).toEqual([]);
    const dispatched = new TaskWorld({ 'acct-1/api': 100_000 });
    dispatched.request('t2');
    dispatched.settle();
    dispatched.sendToTask(provider.dispatch('t2'));
    dispatched.settle();
    expect(reconcileAtProvider(taskOf(dispatched, 't2'), 'another-job', { kind: 'unknown' }, T0)).toEqual([]);
  });

  it('names each command after the task, its job and the answer, so an outcome also heard by webhook is one command', () => {
    const world = new TaskWorld({ 'acct-1/api': 100_000 });
    world.request('t1');
    world.settle();
    world.sendToTask(provider.dispatch('t1'));
    world.settle();
    expect(reconcileAtProvider(taskOf(world, 't1'), 'job-t1', { kind: 'unknown' }, T0)).toEqual([
      { type: 'FailTask', data: { taskId: 't1', error: PROVIDER_LOST }, metadata: { commandId: 'FailTask:unknown:t1:job-t1', now: T0, correlationId: 't1' } },
    ]);
    expect(reconcileAtProvider(taskOf(world, 't1'), 'job-t1', { kind: 'succeeded', outputDurationMillis: 5_000 }, T0)).toMatchObject([
      { type: 'CompleteTask', metadata: { commandId: 'CompleteTask:succeeded:t1:job-t1' } },
    ]);
  });
});
