import { setTimeout as sleep } from 'node:timers/promises';
import type { TaskCommand } from '@billing/contracts';
import { type GenerationOutcome, type GenerationProvider, GenerationProviderError } from '@billing/generation-provider';
import type { Clock, Logger } from '@billing/service-host';
import { commandForProviderAnswer, isTask, TaskError, type Task, type TaskState } from '@billing/tasks-domain';
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
 * reservation hands it over as it knows it (the request path or the saga the state their
 * command left, the start after a restart the read model's tasks left reserved): nothing
 * reads the store for it. Decisions rest on the state this instance knows, because every
 * command is appended with the expected revision: on a state another instance moved on
 * from, it conflicts and the task decides again on a fresh read.
 *
 * Races it settles:
 * - the outcome may arrive before the dispatch is recorded: the job is recorded first;
 * - a task cancelled or timed out before its dispatch was recorded (here or by another
 *   instance, the state handed over then stale): the task refuses the dispatch and the job
 *   is cancelled;
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
  dispatch(task: Task): void {
    const { taskId } = task;
    if (this.submitting.has(taskId)) return;
    this.submitting.add(taskId);
    void this.submitUntilDone(task).finally(() => this.submitting.delete(taskId));
  }

  private async submitUntilDone(handedOver: Task): Promise<void> {
    const { taskId } = handedOver;
    for (let attempt = 1; !this.stopping.signal.aborted; attempt++) {
      try {
        // A retry reads the task afresh: it may have ended while the store could not write.
        await this.submit(attempt === 1 ? handedOver : await this.options.streams.task(taskId));
        return;
      } catch (error) {
        this.options.logger.error('a reserved task was not submitted; trying again', { taskId, attempt, error: String(error) });
        await sleep(Math.min(2_000, 50 * 2 ** Math.min(attempt - 1, 6)), undefined, { signal: this.stopping.signal }).catch(() => undefined);
      }
    }
  }

  /** On the task as handed over: if it moved on since, `recordDispatch` finds out (the expected revision) and cancels the job. */
  private async submit(task: TaskState): Promise<void> {
    if (!isTask(task) || task.status !== 'reserved') return;
    const { taskId } = task;
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

  /** The task as the dispatch left it; null when the task had moved on: the job is then cancelled. */
  private async recordDispatch(taskId: string, providerJobId: string): Promise<TaskState | null> {
    const task = await this.handle({ type: 'DispatchTask', data: { taskId, providerJobId }, metadata: this.meta(`DispatchTask:${taskId}:${providerJobId}`, taskId) });
    if (task) return task;
    await this.options.provider.cancel(providerJobId);
    return null;
  }

  private async onOutcome(outcome: GenerationOutcome): Promise<void> {
    const { taskId, providerJobId } = outcome;
    let task = await this.taskFor(taskId);
    if (!isTask(task)) {
      this.options.logger.warn('generation outcome for an unknown task', { taskId, providerJobId });
      return;
    }
    if (task.providerJobId === null && task.status === 'reserved') {
      const dispatched = await this.recordDispatch(taskId, providerJobId);
      if (!dispatched) return;
      task = dispatched;
    }
    if (!isTask(task) || !isJobOf(task, providerJobId)) return;
    const command = commandForProviderAnswer(taskId, providerJobId, outcome, this.options.clock.now());
    if (command) await this.handle(command);
  }

  /**
   * The task an outcome is settled on: as this instance knows it (usually it recorded the
   * dispatch), read only when it knows none or knew it still waiting (requested, queued: it
   * may have been reserved and dispatched elsewhere since). A known job never changes; a
   * known reservation is dispatched, and the outcome's command appended, with the expected
   * revision, so a state behind the stream only costs a conflict and a fresh decision.
   */
  private async taskFor(taskId: string): Promise<TaskState> {
    const known = (await this.options.streams.known(taskId))?.task;
    if (known && known.status !== 'requested' && known.status !== 'queued') return known;
    return this.options.streams.task(taskId);
  }

  /** The task as the command left it; null when the task refused it: it had already moved on. */
  private async handle(command: TaskCommand): Promise<TaskState | null> {
    try {
      return (await this.options.streams.handleTaskThen(command)).task;
    } catch (error) {
      if (!(error instanceof TaskError)) throw error;
      this.options.logger.warn('task command refused', { command: command.type, taskId: command.data.taskId, code: error.code, reason: error.message });
      return null;
    }
  }

  private meta(commandId: string, taskId: string) {
    return { commandId, now: this.options.clock.now(), correlationId: taskId };
  }
}

function isJobOf(task: Task, providerJobId: string): boolean {
  return task.providerJobId === providerJobId;
}
