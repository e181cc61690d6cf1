import { setTimeout as sleep } from 'node:timers/promises';
import type { TaskCommand } from '@billing/contracts';
import { type GenerationOutcome, type GenerationProvider, GenerationProviderError } from '@billing/generation-provider';
import type { Clock, Logger } from '@billing/service-host';
import { commandForProviderAnswer, isTask, TaskError, type Task } from '@billing/tasks-domain';
import type { TaskStreams } from '../streams/task-streams';

export interface DispatcherOptions {
  readonly streams: TaskStreams;
  readonly provider: GenerationProvider;
  readonly clock: Clock;
  readonly logger: Logger;
}

/**
 * Between the task streams and the generation provider: a reserved task is submitted and
 * its job recorded; the provider's outcome completes or fails it. Command ids come from
 * the task and the job, so a repeated outcome changes nothing. Whoever records a task's
 * reservation hands it over (the request path, the saga, the start after a restart for
 * tasks left reserved): no reactor reads the store for it.
 *
 * Races it settles:
 * - the outcome may arrive before the dispatch is recorded: the job is recorded first;
 * - a task cancelled or timed out before its dispatch was recorded: the job is cancelled;
 * - an outcome from a job the task does not know (a second submit that lost): ignored.
 */
export class Dispatcher {
  private stopListening: () => void = () => undefined;
  private readonly stopping = new AbortController();
  /** Tasks being submitted now: handed over twice, a task is submitted once. */
  private readonly submitting = new Set<string>();

  constructor(private readonly options: DispatcherOptions) {}

  start(): void {
    this.stopListening = this.options.provider.onOutcome((outcome) => this.onOutcome(outcome));
  }

  stop(): void {
    this.stopListening();
    this.stopping.abort();
  }

  /**
   * Submits a reserved task to the provider, not awaited by whoever hands it over. A
   * failure to record it (a store that cannot write) is retried until it goes through or
   * the service stops (the next start submits the task, still reserved).
   */
  dispatch(taskId: string): void {
    if (this.submitting.has(taskId)) return;
    this.submitting.add(taskId);
    void this.submitUntilDone(taskId).finally(() => this.submitting.delete(taskId));
  }

  private async submitUntilDone(taskId: string): Promise<void> {
    for (let attempt = 1; !this.stopping.signal.aborted; attempt++) {
      try {
        await this.submit(taskId);
        return;
      } catch (error) {
        this.options.logger.error('a reserved task was not submitted; trying again', { taskId, attempt, error: String(error) });
        await sleep(Math.min(2_000, 50 * 2 ** Math.min(attempt - 1, 6)), undefined, { signal: this.stopping.signal }).catch(() => undefined);
      }
    }
  }

  private async submit(taskId: string): Promise<void> {
    const task = await this.options.streams.task(taskId);
    if (!isTask(task) || task.status !== 'reserved') return;
    let providerJobId: string;
    try {
      ({ providerJobId } = await this.options.provider.submit({
        taskId,
        model: task.quote.model,
        mode: task.quote.mode,
        durationMillis: task.quote.durationMillis,
      }));
    } catch (error) {
      // Closed: the service is stopping; the next start submits the task, still reserved.
      if (error instanceof GenerationProviderError && error.code === 'closed') return;
      if (!(error instanceof GenerationProviderError)) throw error;
      // The provider refused the job or could not be reached after its retries: the task fails and its hold goes back.
      await this.handle({ type: 'FailTask', data: { taskId, error: `dispatch failed: ${error.message}` }, metadata: this.meta(`FailTask:${taskId}:dispatch`, taskId) });
      return;
    }
    await this.recordDispatch(taskId, providerJobId);
  }

  /** False when the task had moved on: the job is then cancelled. */
  private async recordDispatch(taskId: string, providerJobId: string): Promise<boolean> {
    const recorded = await this.handle({ type: 'DispatchTask', data: { taskId, providerJobId }, metadata: this.meta(`DispatchTask:${taskId}:${providerJobId}`, taskId) });
    if (recorded) return true;
    await this.options.provider.cancel(providerJobId);
    return false;
  }

  private async onOutcome(outcome: GenerationOutcome): Promise<void> {
    const { taskId, providerJobId } = outcome;
    let task = await this.options.streams.task(taskId);
    if (!isTask(task)) {
      this.options.logger.warn('generation outcome for an unknown task', { taskId, providerJobId });
      return;
    }
    if (task.providerJobId === null && task.status === 'reserved') {
      if (!(await this.recordDispatch(taskId, providerJobId))) return;
      task = await this.options.streams.task(taskId);
    }
    if (!isTask(task) || !isJobOf(task, providerJobId)) return;
    const command = commandForProviderAnswer(taskId, providerJobId, outcome, this.options.clock.now());
    if (command) await this.handle(command);
  }

  /** False when the task refused the command: it had already moved on. */
  private async handle(command: TaskCommand): Promise<boolean> {
    try {
      await this.options.streams.handleTask(command);
      return true;
    } catch (error) {
      if (!(error instanceof TaskError)) throw error;
      this.options.logger.warn('task command refused', { command: command.type, taskId: command.data.taskId, code: error.code, reason: error.message });
      return false;
    }
  }

  private meta(commandId: string, taskId: string) {
    return { commandId, now: this.options.clock.now(), correlationId: taskId };
  }
}

function isJobOf(task: Task, providerJobId: string): boolean {
  return task.providerJobId === providerJobId;
}
