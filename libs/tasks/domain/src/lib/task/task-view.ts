import type { TaskReply } from '@billing/contracts';
import { chargeBasisOf } from '@billing/pricing-domain';
import type { Task } from './task-state';

/** What a client sees of a task: the tasks contract's reply. */
export function taskView(task: Task): TaskReply {
  return {
    taskId: task.taskId,
    status: task.status,
    channel: task.channel,
    pool: task.pool,
    creditsReservedMillicredits: task.creditsReservedMillicredits,
    creditsCostMillicredits: task.creditsCostMillicredits,
    quote: task.quote,
    endReason: task.endReason,
    deliveredDurationMillis: task.outputDurationMillis,
    chargeBasis: task.outputDurationMillis === null ? null : chargeBasisOf(task.quote, task.outputDurationMillis),
    rejection: task.rejection,
    batchId: task.batchId,
    batchIndex: task.batchIndex,
    preview: isPreviewTask(task),
    adopted: task.adopted,
    actor: task.actor ?? null,
  };
}

/** A preview is a task quoted in preview mode: a shortened, low-resolution render. */
export function isPreviewTask(task: Pick<Task, 'quote'>): boolean {
  return task.quote.mode === 'preview';
}
