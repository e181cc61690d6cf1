import type { Channel, ChargeBasis, QuoteSnapshot, TaskEndReason, TaskRejection, TaskStatus } from '@billing/contracts';
import { chargeBasisOf } from '@billing/pricing-domain';
import type { Task } from './task-state';

/** What a client sees of a task (REST `GET /tasks/{id}`, gRPC task updates). */
export interface TaskView {
  readonly taskId: string;
  readonly status: TaskStatus;
  readonly channel: Channel;
  readonly pool: string;
  readonly creditsReservedMillicredits: number;
  /** What was charged; null until the charge is posted. */
  readonly creditsCostMillicredits: number | null;
  readonly quote: QuoteSnapshot;
  /** Why the task ended; null while it is still under way. */
  readonly endReason: TaskEndReason | null;
  /** How much output the provider delivered; null until it delivered. */
  readonly deliveredDurationMillis: number | null;
  /** Whether the delivered output is charged in full or pro rata (a shorter output); null until it is delivered. */
  readonly chargeBasis: ChargeBasis | null;
  readonly rejection: TaskRejection | null;
  readonly batchId: string | null;
  readonly batchIndex: number | null;
  readonly preview: boolean;
  readonly adopted: boolean;
}

export function taskView(task: Task): TaskView {
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
  };
}

/** A preview is a task quoted in preview mode: a shortened, low-resolution render. */
export function isPreviewTask(task: Pick<Task, 'quote'>): boolean {
  return task.quote.mode === 'preview';
}
