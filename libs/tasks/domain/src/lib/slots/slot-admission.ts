import type { SlotAdmission } from '@billing/contracts';
import { SlotsError } from './slots-errors';
import { nextInQueue, type QueuedTask, type Slots } from './slots-state';

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
