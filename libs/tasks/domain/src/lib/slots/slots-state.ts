import type { TaskEvent, TaskStatus } from '@billing/contracts';

export interface QueuedTask {
  readonly taskId: string;
  readonly priority: boolean;
}

/**
 * One account's concurrency slots, as its tasks' events tell them: the tasks that took a
 * slot and have not ended, and those waiting for one, in arrival order. No stream of its
 * own: a task takes a slot when it is requested (unless it queued or was refused in the
 * same breath) or leaves the queue, and gives it back when it ends.
 */
export interface Slots {
  readonly running: readonly string[];
  readonly queue: readonly QueuedTask[];
}

export const initialSlots: Slots = { running: [], queue: [] };

export function evolveSlots(state: Slots, event: TaskEvent): Slots {
  const { taskId } = event.data;
  switch (event.type) {
    case 'TaskRequested':
      return state.running.includes(taskId) ? state : { ...state, running: [...state.running, taskId] };
    case 'TaskQueued':
      return { running: withoutRunning(state, taskId), queue: [...state.queue, { taskId, priority: event.data.priority }] };
    case 'TaskDequeued':
      return { running: [...withoutRunning(state, taskId), taskId], queue: withoutQueued(state, taskId) };
    case 'TaskReserved':
      // Only a task that left the queue is reserved; a hold that reaches one still queued takes its slot all the same.
      return state.queue.some((queued) => queued.taskId === taskId) ? { running: [...state.running, taskId], queue: withoutQueued(state, taskId) } : state;
    case 'TaskRejected':
    case 'TaskSucceeded':
    case 'TaskFailed':
    case 'TaskCancelled':
    case 'TaskTimedOut':
    case 'TaskReleased':
    case 'TaskCharged':
      // `TaskReleased` alone ends a task whose hold lapsed or was released while it was at the provider.
      return isIn(state, taskId) ? { running: withoutRunning(state, taskId), queue: withoutQueued(state, taskId) } : state;
    default:
      return state;
  }
}

/** Statuses of a task that holds a slot: from its request (or its leaving the queue) to its outcome. */
export const SLOT_HOLDING: readonly TaskStatus[] = ['requested', 'reserved', 'dispatched', 'running'];

/** The slots of an account whose tasks under way are known by status (in arrival order), not by their events. */
export function slotsOf(tasks: Iterable<{ readonly taskId: string; readonly status: TaskStatus; readonly priority: boolean }>): Slots {
  const running: string[] = [];
  const queue: QueuedTask[] = [];
  for (const { taskId, status, priority } of tasks) {
    if (status === 'queued') queue.push({ taskId, priority });
    else if (SLOT_HOLDING.includes(status)) running.push(taskId);
  }
  return { running, queue };
}

/** Who leaves the queue next: the oldest priority task, else the oldest task. */
export function nextInQueue(queue: readonly QueuedTask[]): QueuedTask | undefined {
  return queue.find((queued) => queued.priority) ?? queue[0];
}

export const isIn = (state: Slots, taskId: string): boolean => state.running.includes(taskId) || state.queue.some((queued) => queued.taskId === taskId);

const withoutRunning = (state: Slots, taskId: string): readonly string[] => state.running.filter((running) => running !== taskId);
const withoutQueued = (state: Slots, taskId: string): readonly QueuedTask[] => state.queue.filter((queued) => queued.taskId !== taskId);
