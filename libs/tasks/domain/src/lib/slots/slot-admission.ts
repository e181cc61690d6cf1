import type { SlotAdmission } from '@billing/contracts';
import { SlotsError } from './slots-errors';
import { nextInQueue, type QueuedTask, type Slots } from './slots-state';

/** What one request decides: the queued tasks that leave the queue first (a raised limit), then where the newcomer stands. */
export interface RequestDecision {
  readonly leaving: readonly QueuedTask[];
  readonly admission: SlotAdmission;
}

/**
 * Never more than `limit` running. A newcomer takes a free slot only when nobody waits
 * (it never overtakes a queued task); otherwise it queues when it asked to, or is refused
 * with the limit and the running count.
 */
export function admit(state: Slots, request: { readonly queueIfBusy: boolean }, limit: number): SlotAdmission {
  assertLimit(limit);
  const running = state.running.length;
  if (running < limit && state.queue.length === 0) return { kind: 'slot' };
  return request.queueIfBusy ? { kind: 'queued', limit, running } : { kind: 'refused', limit, running };
}

/** A request against the account's slots: the queue moves first (a raised limit frees slots for it), then the newcomer is judged on what is left. */
export function decideRequest(state: Slots, request: { readonly queueIfBusy: boolean }, limit: number): RequestDecision {
  const leaving = leavingQueue(state, limit);
  const left = new Set(leaving.map((queued) => queued.taskId));
  const after: Slots = { running: [...state.running, ...left], queue: state.queue.filter((queued) => !left.has(queued.taskId)) };
  return { leaving, admission: admit(after, request, limit) };
}

/** The queued tasks that take the slots free now (a task ended, or the plan raised the limit), in the order they leave. */
export function leavingQueue(state: Slots, limit: number): readonly QueuedTask[] {
  assertLimit(limit);
  const leaving: QueuedTask[] = [];
  let queue = state.queue;
  for (let next = nextInQueue(queue); next && state.running.length + leaving.length < limit; next = nextInQueue(queue)) {
    leaving.push(next);
    const left = next;
    queue = queue.filter((queued) => queued !== left);
  }
  return leaving;
}

function assertLimit(limit: number): void {
  if (!Number.isSafeInteger(limit) || limit < 1) throw new SlotsError('invalid_limit', `a concurrency limit is a whole number from 1, got ${limit}`);
}
