import type { SlotAdmission, TaskEvent } from '@billing/contracts';
import fc from 'fast-check';
import { T0, aQuote } from '../../testing/fixtures';
import { admit, decideRequest, leavingQueue } from './slot-admission';
import { SlotsError } from './slots-errors';
import { evolveSlots, initialSlots, slotsOf, type Slots } from './slots-state';

const at = T0;
const requested = (taskId: string, options: { queueIfBusy?: boolean; priority?: boolean } = {}): TaskEvent => ({
  type: 'TaskRequested',
  data: { taskId, accountId: 'acct-1', channel: 'api', pool: 'api', quote: aQuote(), queueIfBusy: options.queueIfBusy ?? false, priority: options.priority ?? false, at },
});
const queued = (taskId: string, priority = false): TaskEvent[] => [requested(taskId, { queueIfBusy: true, priority }), { type: 'TaskQueued', data: { taskId, priority, limit: 6, running: 6, at } }];
const refused = (taskId: string): TaskEvent[] => [requested(taskId), { type: 'TaskRejected', data: { taskId, rejection: { reason: 'concurrency_limit', limit: 6, running: 6 }, at } }];
const dequeued = (taskId: string): TaskEvent => ({ type: 'TaskDequeued', data: { taskId, at } });
const succeeded = (taskId: string): TaskEvent => ({ type: 'TaskSucceeded', data: { taskId, reservationId: `task:${taskId}`, outputDurationMillis: 5_000, chargeMillicredits: 1, at } });
const cancelled = (taskId: string): TaskEvent => ({ type: 'TaskCancelled', data: { taskId, reservationId: null, at } });
const noCredits = (taskId: string): TaskEvent => ({
  type: 'TaskRejected',
  data: { taskId, rejection: { reason: 'insufficient_credits', requestedMillicredits: 75_000, availableMillicredits: 0 }, at },
});
const SIX = ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => requested(id));

/** given(the account's task events).when(a request, or a slot freeing): then what its slots decide. */
function given(...history: readonly (TaskEvent | readonly TaskEvent[])[]) {
  const slots = history.flat().reduce<Slots>(evolveSlots, initialSlots);
  return {
    slots,
    whenRequested: (options: { queueIfBusy?: boolean; limit?: number } = {}) => ({
      then: (admission: SlotAdmission) => expect(admit(slots, { queueIfBusy: options.queueIfBusy ?? false }, options.limit ?? 6)).toEqual(admission),
    }),
    whenSlotsFree: (limit = 6) => ({
      thenLeave: (...taskIds: string[]) => expect(leavingQueue(slots, limit).map((task) => task.taskId)).toEqual(taskIds),
    }),
  };
}

describe('concurrency slots, derived from the account task events', () => {
  it('a requested task holds a slot until it ends', () => {
    expect(given(requested('a')).slots).toEqual({ running: ['a'], queue: [] });
    expect(given(requested('a'), succeeded('a')).slots).toEqual(initialSlots);
  });

  it('at most 6 tasks run at once per account: past the limit a request is refused with the limit and running count', () => {
    given(...SIX.slice(0, 5)).whenRequested().then({ kind: 'slot' });
    given(...SIX).whenRequested().then({ kind: 'refused', limit: 6, running: 6 });
  });

  it('past the limit a request that asked to wait is queued', () => {
    given(...SIX).whenRequested({ queueIfBusy: true }).then({ kind: 'queued', limit: 6, running: 6 });
  });

  it('a task refused or queued as it was requested holds no slot', () => {
    expect(given(...SIX, refused('g')).slots.running).toHaveLength(6);
    expect(given(...SIX, queued('g')).slots).toEqual({ running: ['a', 'b', 'c', 'd', 'e', 'f'], queue: [{ taskId: 'g', priority: false }] });
  });

  it('a task that ends frees its slot, and the oldest waiting task leaves the queue into it', () => {
    given(...SIX, queued('g'), queued('h')).whenSlotsFree().thenLeave();
    given(...SIX, queued('g'), queued('h'), succeeded('a')).whenSlotsFree().thenLeave('g');
    expect(given(...SIX, queued('g'), succeeded('a'), dequeued('g')).slots).toEqual({ running: ['b', 'c', 'd', 'e', 'f', 'g'], queue: [] });
  });

  it('priority tasks leave the queue first, then first in first out', () => {
    given(...SIX, queued('g'), queued('h'), queued('p', true), succeeded('a'), succeeded('b'), succeeded('c')).whenSlotsFree().thenLeave('p', 'g', 'h');
  });

  it('a newcomer never overtakes a waiting task', () => {
    given(...SIX, queued('g'), succeeded('a')).whenRequested().then({ kind: 'refused', limit: 6, running: 5 });
    given(...SIX, queued('g'), succeeded('a')).whenRequested({ queueIfBusy: true }).then({ kind: 'queued', limit: 6, running: 5 });
  });

  it('a queued task that is cancelled leaves the queue and never starts', () => {
    expect(given(...SIX, queued('g'), cancelled('g')).slots.queue).toEqual([]);
    given(...SIX, queued('g'), cancelled('g'), succeeded('a')).whenSlotsFree().thenLeave();
  });

  it('a task whose hold lapsed at the provider gives its slot back', () => {
    const released: TaskEvent = { type: 'TaskReleased', data: { taskId: 'a', releasedMillicredits: 75_000, endReason: 'reservation_expired', at } };
    given(...SIX, released).whenRequested().then({ kind: 'slot' });
  });

  it('a task refused for want of credits gives its slot back', () => {
    given(...SIX, noCredits('a')).whenRequested().then({ kind: 'slot' });
  });

  it('a plan may raise the limit; the raised limit lets the queue move before a newcomer', () => {
    given(...SIX).whenRequested({ limit: 10 }).then({ kind: 'slot' });
    given(...SIX, queued('g'), queued('h')).whenSlotsFree(7).thenLeave('g');
  });

  it('one request decides at once the queue moving into a raised limit and the newcomer judged on what is left', () => {
    const { slots } = given(...SIX, queued('g'));
    expect(decideRequest(slots, { queueIfBusy: false }, 7)).toEqual({ leaving: [{ taskId: 'g', priority: false }], admission: { kind: 'refused', limit: 7, running: 7 } });
    expect(decideRequest(slots, { queueIfBusy: false }, 8)).toEqual({ leaving: [{ taskId: 'g', priority: false }], admission: { kind: 'slot' } });
  });

  it('a hold that reaches a task still queued takes its slot', () => {
    const reserved: TaskEvent = { type: 'TaskReserved', data: { taskId: 'g', reservationId: 'task:g', millicredits: 1, expiresAt: at, at } };
    expect(given(...SIX.slice(0, 5), queued('g'), reserved).slots).toEqual({ running: ['a', 'b', 'c', 'd', 'e', 'g'], queue: [] });
  });

  it('events of tasks that hold no slot change nothing', () => {
    const { slots } = given(...SIX);
    expect(evolveSlots(slots, succeeded('zz'))).toBe(slots);
  });

  it('after a restart, the slots of tasks known by status are those their events gave', () => {
    const tasks = [
      { taskId: 'a', status: 'dispatched', priority: false },
      { taskId: 'b', status: 'charged', priority: false },
      { taskId: 'g', status: 'queued', priority: false },
      { taskId: 'p', status: 'queued', priority: true },
      { taskId: 'r', status: 'requested', priority: false },
    ] as const;
    expect(slotsOf(tasks)).toEqual({ running: ['a', 'r'], queue: [{ taskId: 'g', priority: false }, { taskId: 'p', priority: true }] });
  });

  it('a limit below one is an error', () => {
    expect(() => admit(initialSlots, { queueIfBusy: false }, 0)).toThrow(SlotsError);
    expect(() => leavingQueue(initialSlots, 0)).toThrow(SlotsError);
  });

  it('never has more than the limit running, and never a free slot beside a waiting task, under any requests, endings and cancels', () => {
    const taskIds = fc.constantFrom('t1', 't2', 't3', 't4', 't5', 't6', 't7', 't8', 't9');
    const step = fc.oneof(
      fc.record({ kind: fc.constant('request' as const), taskId: taskIds, queueIfBusy: fc.boolean(), priority: fc.boolean() }),
      fc.record({ kind: fc.constant('end' as const), taskId: taskIds }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.array(step, { maxLength: 60 }), (limit, steps) => {
        let slots = initialSlots;
        const seen = new Set<string>();
        const apply = (events: readonly TaskEvent[]) => (slots = events.reduce(evolveSlots, slots));
        // As the service does: the queue moves whenever it can, then a request is admitted.
        const startQueued = () => leavingQueue(slots, limit).forEach(({ taskId }) => apply([dequeued(taskId)]));
        for (const s of steps) {
          if (s.kind === 'request') {
            if (seen.has(s.taskId)) continue;
            seen.add(s.taskId);
            startQueued();
            const admission = admit(slots, s, limit);
            const request = requested(s.taskId, s);
            if (admission.kind === 'slot') apply([request]);
            else if (admission.kind === 'queued') apply([request, { type: 'TaskQueued', data: { taskId: s.taskId, priority: s.priority, limit, running: admission.running, at } }]);
            else apply([request, { type: 'TaskRejected', data: { taskId: s.taskId, rejection: { reason: 'concurrency_limit', limit, running: admission.running }, at } }]);
          } else {
            apply([cancelled(s.taskId)]);
            startQueued();
          }
          expect(slots.running.length).toBeLessThanOrEqual(limit);
          if (slots.running.length < limit) expect(slots.queue).toEqual([]);
          expect(new Set(slots.running).size).toBe(slots.running.length);
        }
      }),
    );
  });
});
