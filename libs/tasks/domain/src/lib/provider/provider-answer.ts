import type { EpochMillis, TaskCommand } from '@billing/contracts';
import { isTask, type TaskState } from '../task/task-state';

/** What the generation provider says of a task's job: an outcome, or where the job stands. */
export type ProviderAnswer =
  | { readonly kind: 'succeeded'; readonly outputDurationMillis: number }
  | { readonly kind: 'failed'; readonly reason: string }
  /** Still rendering: the outcome will come. */
  | { readonly kind: 'pending' }
  /** No record of the job: the provider lost it (an in-memory provider, restarted). */
  | { readonly kind: 'unknown' };

/** The error a task fails with when its provider no longer knows its job. */
export const PROVIDER_LOST = 'provider_lost';

/**
 * The task command a provider's answer about a job calls for; null while it renders.
 * Ids name the task, the job and the answer, so an outcome heard twice (a webhook and a
 * status request) is one command, and a job the task does not hold is never confused with it.
 */
export function commandForProviderAnswer(taskId: string, providerJobId: string, answer: ProviderAnswer, now: EpochMillis): TaskCommand | null {
  const metadata = (command: string) => ({ commandId: `${command}:${answer.kind}:${taskId}:${providerJobId}`, now, correlationId: taskId });
  switch (answer.kind) {
    case 'succeeded':
      return { type: 'CompleteTask', data: { taskId, outputDurationMillis: answer.outputDurationMillis }, metadata: metadata('CompleteTask') };
    case 'failed':
      return { type: 'FailTask', data: { taskId, error: answer.reason }, metadata: metadata('FailTask') };
    case 'unknown':
      return { type: 'FailTask', data: { taskId, error: PROVIDER_LOST }, metadata: metadata('FailTask') };
    case 'pending':
      return null;
  }
}

/**
 * After a restart, a task left at the provider is settled by what the provider knows of its
 * job `providerJobId`: a finished job's outcome is applied, a pending one is waited for as
 * before, and a lost one fails the task (so its hold and slot go back at once, not at the
 * time-out). A task that moved on, or holds another job, is left alone.
 */
export function reconcileAtProvider(task: TaskState, providerJobId: string, answer: ProviderAnswer, now: EpochMillis): readonly TaskCommand[] {
  if (!isTask(task) || (task.status !== 'dispatched' && task.status !== 'running') || task.providerJobId !== providerJobId) return [];
  const command = commandForProviderAnswer(task.taskId, providerJobId, answer, now);
  return command ? [command] : [];
}
