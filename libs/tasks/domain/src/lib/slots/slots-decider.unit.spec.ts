import type { SlotCommand, SlotEvent } from '@billing/contracts';
import fc from 'fast-check';
import { T0, metadata } from '../../testing/fixtures';
import { slotsDecider } from './slots-decider';
import { SlotsError } from './slots-errors';
import { evolveSlots, initialSlots, type Slots } from './slots-state';

const at = T0;
const acquire = (taskId: string, options: { limit?: number; queueIfBusy?: boolean; priority?: boolean } = {}): SlotCommand => ({
  type: 'AcquireSlot',
  data: { taskId, limit: options.limit ?? 6, queueIfBusy: options.queueIfBusy ?? false, priority: options.priority ?? false },
  metadata: metadata(`acquire-${taskId}`),
});
const release = (taskId: string): SlotCommand => ({ type: 'ReleaseSlot', data: { taskId }, metadata: metadata(`release-${taskId}`) });

/** Runs commands through the decider, as the command handler would. */
function run(commands: readonly SlotCommand[], state: Slots = initialSlots): { state: Slots; events: SlotEvent[] } {
  const events: SlotEvent[] = [];
  let current = state;
  for (const command of commands) {
    const decided = slotsDecider.decide(command, current);
    events.push(...decided);
    current = decided.reduce(evolveSlots, current);
  }
  return { state: current, events };
}
const sixRunning = run(['a', 'b', 'c', 'd', 'e', 'f'].map((id) => acquire(id))).state;

describe('concurrency slots', () => {
  it('at most 6 tasks run at once per account', () => {
    const { state, events } = run(['1', '2', '3', '4', '5', '6', '7'].map((id) => acquire(id)));
    expect(events.filter((event) => event.type === 'SlotAcquired')).toHaveLength(6);
    expect(state.running).toHaveLength(6);
  });

  it('past the limit a request is rejected with the limit and running count', () => {
    expect(run([acquire('g')], sixRunning).events).toEqual([{ type: 'SlotRefused', data: { taskId: 'g', limit: 6, running: 6, at } }]);
  });

  it('past the limit a queued request starts when a slot frees', () => {
    const queued = run([acquire('g', { queueIfBusy: true })], sixRunning);
    expect(queued.events).toEqual([{ type: 'TaskQueued', data: { taskId: 'g', priority: false, limit: 6, running: 6, at } }]);
    expect(run([release('a')], queued.state).events).toEqual([
      { type: 'SlotReleased', data: { taskId: 'a', from: 'running', at } },
      { type: 'SlotAcquired', data: { taskId: 'g', limit: 6, running: 6, at } },
    ]);
  });

  it('priority tasks leave the queue first, then first in first out', () => {
    const queued = run([acquire('g', { queueIfBusy: true }), acquire('h', { queueIfBusy: true }), acquire('p', { queueIfBusy: true, priority: true })], sixRunning);
    const { events } = run([release('a'), release('b'), release('c')], queued.state);
    expect(events.filter((event) => event.type === 'SlotAcquired').map((event) => event.data.taskId)).toEqual(['p', 'g', 'h']);
  });

  it('a queued task that is cancelled leaves the queue and never starts', () => {
    const queued = run([acquire('g', { queueIfBusy: true })], sixRunning);
    const withdrawn = run([release('g')], queued.state);
    expect(withdrawn.events).toEqual([{ type: 'SlotReleased', data: { taskId: 'g', from: 'queue', at } }]);
    expect(run([release('a')], withdrawn.state).events).toEqual([{ type: 'SlotReleased', data: { taskId: 'a', from: 'running', at } }]);
  });

  it('a plan may raise the limit', () => {
    expect(run([acquire('g', { limit: 10 })], sixRunning).events).toEqual([{ type: 'SlotAcquired', data: { taskId: 'g', limit: 10, running: 7, at } }]);
  });

  it('a raised limit lets the queue move before a newcomer', () => {
    const queued = run([acquire('g', { queueIfBusy: true })], sixRunning);
    expect(run([acquire('h', { limit: 7 })], queued.state).events).toEqual([
      { type: 'SlotAcquired', data: { taskId: 'g', limit: 7, running: 7, at } },
      { type: 'SlotRefused', data: { taskId: 'h', limit: 7, running: 7, at } },
    ]);
  });

  it('repeated commands yield no events', () => {
    expect(run([acquire('a')], sixRunning).events).toEqual([]);
    const released = run([release('a')], sixRunning).state;
    expect(run([release('a'), acquire('a')], released).events).toEqual([]);
    const refused = run([acquire('g')], sixRunning).state;
    expect(run([acquire('g')], refused).events).toEqual([]);
  });

  it('a release that overtakes its acquisition leaves the late acquisition with nothing', () => {
    const { events, state } = run([release('x'), acquire('x')]);
    expect(events).toEqual([{ type: 'SlotReleased', data: { taskId: 'x', from: 'none', at } }]);
    expect(state.running).toEqual([]);
  });

  it('an account that has run 30,000 tasks still decides in constant time (its finished tasks are not copied per event)', () => {
    // Copying the finished set on each release made this quadratic: about 25 s. Now a few tens of ms.
    const started = performance.now();
    const { state } = run(Array.from({ length: 30_000 }, (_, i) => [acquire(`t${i}`), release(`t${i}`)]).flat());
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(run([acquire('t0'), release('t29999')], state).events).toEqual([]);
  });

  it('a limit below one is an error', () => {
    expect(() => run([acquire('a', { limit: 0 })])).toThrow(SlotsError);
  });

  it('never has more than the limit running, under any acquire, release and cancel sequence', () => {
    const taskIds = fc.constantFrom('t1', 't2', 't3', 't4', 't5', 't6', 't7', 't8', 't9');
    const step = fc.oneof(
      fc.record({ kind: fc.constant('acquire' as const), taskId: taskIds, queueIfBusy: fc.boolean(), priority: fc.boolean() }),
      fc.record({ kind: fc.constant('release' as const), taskId: taskIds }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.array(step, { maxLength: 60 }), (limit, steps) => {
        let state = initialSlots;
        for (const s of steps) {
          const command = s.kind === 'acquire' ? acquire(s.taskId, { limit, queueIfBusy: s.queueIfBusy, priority: s.priority }) : release(s.taskId);
          const events = slotsDecider.decide(command, state);
          state = events.reduce(evolveSlots, state);
          expect(state.running.length).toBeLessThanOrEqual(limit);
          // A free slot never sits beside a waiting task.
          if (state.running.length < limit) expect(state.queue).toEqual([]);
          // Deciding the same command again changes nothing.
          expect(slotsDecider.decide(command, state)).toEqual([]);
          expect(new Set(state.running).size).toBe(state.running.length);
        }
      }),
    );
  });
});
