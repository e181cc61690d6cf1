import type { TaskEvent } from '@billing/contracts';
import { evolveSlots, initialSlots, type Slots } from '../lib/slots/slots-state';

export interface ReplayedSlots {
  readonly slots: Slots;
  /** The most tasks that ever held a slot at once, between appends. */
  readonly peak: number;
}

/**
 * Each account's slots, replayed from task events in the order they were appended. A
 * request queued or refused is appended with its `TaskRequested`: the slot it holds for
 * that one event never existed outside the append, so it is not counted in the peak.
 */
export function replaySlots(events: readonly TaskEvent[]): Map<string, ReplayedSlots> {
  const accounts = new Map<string, ReplayedSlots>();
  const accountOf = new Map<string, string>();
  events.forEach((event, index) => {
    const { taskId } = event.data;
    if (event.type === 'TaskRequested') accountOf.set(taskId, event.data.accountId);
    const accountId = accountOf.get(taskId);
    if (accountId === undefined) return;
    const before = accounts.get(accountId) ?? { slots: initialSlots, peak: 0 };
    const slots = evolveSlots(before.slots, event);
    const next = events[index + 1];
    const admittedWithIt = event.type === 'TaskRequested' && next?.data.taskId === taskId && (next.type === 'TaskQueued' || next.type === 'TaskRejected');
    accounts.set(accountId, { slots, peak: admittedWithIt ? before.peak : Math.max(before.peak, slots.running.length) });
  });
  return accounts;
}
