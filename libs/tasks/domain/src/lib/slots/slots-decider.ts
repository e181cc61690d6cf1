import type { AcquireSlot, Decider, ReleaseSlot, SlotCommand, SlotEvent } from '@billing/contracts';
import { assertNever } from '@billing/util';
import { SlotsError } from './slots-errors';
import { evolveSlots, hasFinished, initialSlots, nextInQueue, type Slots } from './slots-state';

/**
 * Concurrency slots per account: never more than `limit` running. Past the limit a task
 * waits in the queue when it asked to, or is refused with the limit and the running count.
 */
export function decideSlots(command: SlotCommand, state: Slots): readonly SlotEvent[] {
  switch (command.type) {
    case 'AcquireSlot':
      return acquireSlot(command, state);
    case 'ReleaseSlot':
      return releaseSlot(command, state);
    default:
      return assertNever(command, 'slot command');
  }
}

function acquireSlot(command: AcquireSlot, state: Slots): readonly SlotEvent[] {
  const { taskId, limit, queueIfBusy, priority } = command.data;
  const at = command.metadata.now;
  if (!Number.isSafeInteger(limit) || limit < 1) throw new SlotsError('invalid_limit', `a concurrency limit is a whole number from 1, got ${limit}`);
  if (isKnown(state, taskId)) return [];
  // A raised limit first lets the queue move, so a newcomer never overtakes a waiting task.
  const promoted = promote({ ...state, limit }, at);
  const after = promoted.reduce(evolveSlots, { ...state, limit });
  const running = after.running.length;
  if (running < limit) return [...promoted, { type: 'SlotAcquired', data: { taskId, limit, running: running + 1, at } }];
  if (queueIfBusy) return [...promoted, { type: 'TaskQueued', data: { taskId, priority, limit, running, at } }];
  return [...promoted, { type: 'SlotRefused', data: { taskId, limit, running, at } }];
}

function releaseSlot(command: ReleaseSlot, state: Slots): readonly SlotEvent[] {
  const { taskId } = command.data;
  const at = command.metadata.now;
  if (hasFinished(state, taskId)) return [];
  if (state.queue.some((queued) => queued.taskId === taskId)) return [{ type: 'SlotReleased', data: { taskId, from: 'queue', at } }];
  // A release before the acquisition is remembered, so the late acquisition takes nothing.
  if (!state.running.includes(taskId)) return [{ type: 'SlotReleased', data: { taskId, from: 'none', at } }];
  // The queue moves up into the freed slot. Not by evolving `released` here: that would
  // write `finished` once now and again when the events are applied, forking it (a copy).
  const freed = { ...state, running: state.running.filter((running) => running !== taskId) };
  return [{ type: 'SlotReleased', data: { taskId, from: 'running', at } }, ...promote(freed, at)];
}

/** Starts queued tasks while slots are free (only `SlotAcquired`, which never writes `finished`). */
function promote(state: Slots, at: number): readonly SlotEvent[] {
  const events: SlotEvent[] = [];
  let current = state;
  for (let next = nextInQueue(current.queue); next && current.running.length < current.limit; next = nextInQueue(current.queue)) {
    const acquired: SlotEvent = {
      type: 'SlotAcquired',
      data: { taskId: next.taskId, limit: current.limit, running: current.running.length + 1, at },
    };
    events.push(acquired);
    current = evolveSlots(current, acquired);
  }
  return events;
}

function isKnown(state: Slots, taskId: string): boolean {
  return hasFinished(state, taskId) || state.running.includes(taskId) || state.queue.some((queued) => queued.taskId === taskId);
}

export const slotsDecider: Decider<SlotCommand, SlotEvent, Slots> = {
  decide: decideSlots,
  evolve: evolveSlots,
  initialState: initialSlots,
};
