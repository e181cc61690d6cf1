import { DEFAULT_CONCURRENCY_LIMIT, type SlotEvent } from '@billing/contracts';
import { assertNever, emptyMap, getIn, type PersistentMap, setIn } from '@billing/util';

export interface QueuedTask {
  readonly taskId: string;
  readonly priority: boolean;
}

/** One account's concurrency slots: who runs, who waits (in arrival order), who is done. */
export interface Slots {
  /** The limit last asked for (the plan may raise the default). */
  readonly limit: number;
  readonly running: readonly string[];
  readonly queue: readonly QueuedTask[];
  /**
   * Tasks refused or released: a repeated or late command about them changes nothing.
   * It grows with every task the account ever ran, so it is persistent (a write costs
   * O(1), not a copy of the set): see `hasFinished`.
   */
  readonly finished: PersistentMap<true>;
}

export const initialSlots: Slots = { limit: DEFAULT_CONCURRENCY_LIMIT, running: [], queue: [], finished: emptyMap() };

export const hasFinished = (state: Slots, taskId: string): boolean => getIn(state.finished, taskId) !== undefined;

export function evolveSlots(state: Slots, event: SlotEvent): Slots {
  const { taskId } = event.data;
  switch (event.type) {
    case 'SlotAcquired':
      return {
        ...state,
        limit: event.data.limit,
        running: [...state.running, taskId],
        queue: state.queue.filter((queued) => queued.taskId !== taskId),
      };
    case 'TaskQueued':
      return { ...state, limit: event.data.limit, queue: [...state.queue, { taskId, priority: event.data.priority }] };
    case 'SlotRefused':
      return { ...state, limit: event.data.limit, finished: setIn(state.finished, taskId, true) };
    case 'SlotReleased':
      return {
        ...state,
        running: state.running.filter((running) => running !== taskId),
        queue: state.queue.filter((queued) => queued.taskId !== taskId),
        finished: setIn(state.finished, taskId, true),
      };
    default:
      return assertNever(event, 'slot event');
  }
}

/** Who leaves the queue next: the oldest priority task, else the oldest task. */
export function nextInQueue(queue: readonly QueuedTask[]): QueuedTask | undefined {
  return queue.find((queued) => queued.priority) ?? queue[0];
}
