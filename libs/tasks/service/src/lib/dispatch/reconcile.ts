import { type GenerationProvider, GenerationProviderError } from '@billing/generation-provider';
import type { Clock, Logger } from '@billing/service-host';
import { reconcileAtProvider, TaskError } from '@billing/tasks-domain';
import type { TaskAtProvider, TaskViews } from '../read-model/task-views';
import type { TaskStreams } from '../streams/task-streams';

export interface ReconcileOptions {
  readonly views: TaskViews;
  readonly streams: TaskStreams;
  readonly provider: GenerationProvider;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Tasks asked about at once (default 16). */
  readonly concurrency?: number;
  /** True once the service is stopping: no further task is asked about. */
  readonly stopping: () => boolean;
}

/**
 * On start: every task the store left at the provider is settled by what the provider knows
 * of its job (`reconcileAtProvider` decides). Without it, a restart strands those tasks,
 * holding slots and credits, until the time-out. A provider that cannot be asked leaves
 * its tasks to their outcome or the time-out, as before.
 */
export async function reconcileTasksAtProvider(options: ReconcileOptions): Promise<void> {
  await options.views.caughtUp();
  const tasks = options.views.atProvider();
  if (tasks.length > 0) options.logger.info('asking the generation provider about tasks left at it', { tasks: tasks.length });
  let next = 0;
  const worker = async () => {
    while (next < tasks.length && !options.stopping()) {
      const task = tasks[next++];
      if (task) await reconcileTask(task, options);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 16, tasks.length) }, worker));
}

async function reconcileTask({ taskId, providerJobId }: TaskAtProvider, options: ReconcileOptions): Promise<void> {
  const { streams, provider, clock, logger } = options;
  let answer;
  try {
    answer = await provider.status({ taskId, providerJobId });
  } catch (error) {
    if (!(error instanceof GenerationProviderError)) throw error;
    logger.warn('the generation provider could not say where a job stands; the task waits for its outcome or time-out', { taskId, providerJobId, error: error.message });
    return;
  }
  for (const command of reconcileAtProvider(await streams.task(taskId), providerJobId, answer, clock.now())) {
    try {
      await streams.handleTask(command);
    } catch (error) {
      if (!(error instanceof TaskError)) throw error;
      logger.warn('task command refused', { command: command.type, taskId, code: error.code, reason: error.message });
    }
  }
}
