import type { GenerationProvider } from '@billing/generation-provider';
import type { Logger } from '@billing/service-host';
import { isTask, TaskError } from '@billing/tasks-domain';
import type { TaskViews } from '../read-model/task-views';
import type { TaskStreams } from '../streams/task-streams';
import type { TimeUnderWay } from './time-under-way';

export interface TimeoutSweepOptions {
  readonly views: TaskViews;
  readonly streams: TaskStreams;
  readonly provider: GenerationProvider;
  readonly logger: Logger;
  readonly taskTimeoutMillis: number;
  /** How long each task has been under way, on the monotonic clock. */
  readonly underWay: TimeUnderWay;
  /** Most tasks timed out per run. */
  readonly batchSize?: number;
}

/**
 * The job that ends tasks past their deadline: requested, reserved or at the provider
 * for longer than the timeout (queued tasks wait for a slot, however long). Each is timed
 * out (its hold goes back) and its provider job, if any, cancelled. The wall clock picks
 * the candidates; the time under way, measured on the monotonic clock, decides: a forward
 * jump of the wall clock makes every task a candidate but times out none early.
 */
export function timeoutSweep(options: TimeoutSweepOptions): (now: number) => Promise<void> {
  return async (now) => {
    const candidates = options.views.overdue(now - options.taskTimeoutMillis, options.batchSize ?? 500);
    const overdue = candidates.filter((task) => options.underWay.elapsed(task, now) >= options.taskTimeoutMillis);
    await Promise.all(
      overdue.map(async ({ taskId }) => {
        try {
          await options.streams.handleTask({ type: 'TimeOutTask', data: { taskId }, metadata: { commandId: `TimeOutTask:${taskId}`, now, correlationId: taskId } });
        } catch (error) {
          if (!(error instanceof TaskError)) throw error;
          options.logger.warn('time-out refused', { taskId, code: error.code, reason: error.message });
        }
        // The job as the task's stream knows it (the read model may not have it yet).
        const task = await options.streams.task(taskId);
        const providerJobId = isTask(task) ? task.providerJobId : null;
        if (providerJobId !== null) await options.provider.cancel(providerJobId).catch((error: unknown) => options.logger.warn('provider cancel failed', { taskId, providerJobId, error: String(error) }));
      }),
    );
  };
}
