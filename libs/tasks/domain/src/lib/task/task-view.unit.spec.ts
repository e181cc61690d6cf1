import type { TaskEvent } from '@billing/contracts';
import { T0, aQuote, stateAfter } from '../../testing/fixtures';
import { taskDecider } from './task-decider';
import { isTask, type Task } from './task-state';
import { isPreviewTask, taskView } from './task-view';
import { utilisation } from './utilisation';

const at = T0;
function aTask(events: readonly TaskEvent[]): Task {
  const state = stateAfter(taskDecider, events);
  if (!isTask(state)) throw new Error('no task');
  return state;
}
const requested = (mode: 'standard' | 'preview' = 'standard'): TaskEvent => ({
  type: 'TaskRequested',
  data: { taskId: 't1', accountId: 'acct-1', channel: 'app', pool: 'app', quote: aQuote({ mode }), queueIfBusy: false, priority: false, at },
});

describe('what a client sees of a task', () => {
  it('status, pool, credits reserved, credits cost (null until charged), quote and why it ended', () => {
    const view = taskView(aTask([requested(), { type: 'TaskReserved', data: { taskId: 't1', reservationId: 'r', millicredits: 75_000, expiresAt: at, at } }]));
    expect(view).toMatchObject({ status: 'reserved', pool: 'app', creditsReservedMillicredits: 75_000, creditsCostMillicredits: null, endReason: null, preview: false });
    expect(view.quote).toEqual(aQuote());
  });

  it('given a shorter output charged pro rata, then the view shows the delivered duration and the pro rata basis', () => {
    const quote = aQuote({ proRataShortOutput: true });
    const events: TaskEvent[] = [
      { type: 'TaskRequested', data: { taskId: 't1', accountId: 'acct-1', channel: 'api', pool: 'api', quote, queueIfBusy: false, priority: false, at } },
      { type: 'TaskReserved', data: { taskId: 't1', reservationId: 'task:t1', millicredits: 75_000, expiresAt: at, at } },
      { type: 'TaskDispatched', data: { taskId: 't1', providerJobId: 'job-1', at } },
    ];
    expect(taskView(aTask(events))).toMatchObject({ deliveredDurationMillis: null, chargeBasis: null });
    const short = [...events, { type: 'TaskSucceeded', data: { taskId: 't1', reservationId: 'task:t1', outputDurationMillis: 1_401, chargeMillicredits: 21_015, at } } as const];
    const charged = [...short, { type: 'TaskCharged', data: { taskId: 't1', creditsCostMillicredits: 21_015, at } } as const];
    expect(taskView(aTask(charged))).toMatchObject({ status: 'charged', endReason: 'succeeded', creditsCostMillicredits: 21_015, deliveredDurationMillis: 1_401, chargeBasis: 'pro_rata' });
  });

  it('given a full-length output, or a short one under a book without pro rata, then the basis is full', () => {
    const succeeded = (quote: ReturnType<typeof aQuote>, outputDurationMillis: number): TaskEvent[] => [
      { type: 'TaskRequested', data: { taskId: 't1', accountId: 'acct-1', channel: 'api', pool: 'api', quote, queueIfBusy: false, priority: false, at } },
      { type: 'TaskReserved', data: { taskId: 't1', reservationId: 'task:t1', millicredits: 75_000, expiresAt: at, at } },
      { type: 'TaskDispatched', data: { taskId: 't1', providerJobId: 'job-1', at } },
      { type: 'TaskSucceeded', data: { taskId: 't1', reservationId: 'task:t1', outputDurationMillis, chargeMillicredits: 75_000, at } },
    ];
    expect(taskView(aTask(succeeded(aQuote({ proRataShortOutput: true }), 5_000)))).toMatchObject({ deliveredDurationMillis: 5_000, chargeBasis: 'full' });
    expect(taskView(aTask(succeeded(aQuote({ proRataShortOutput: false }), 1_000)))).toMatchObject({ deliveredDurationMillis: 1_000, chargeBasis: 'full' });
  });

  it('given a task requested by an API key, then it shows that key as its maker; one requested before makers were recorded shows none', () => {
    const byKey: TaskEvent = { type: 'TaskRequested', data: { taskId: 't1', accountId: 'acct-1', channel: 'api', pool: 'api', quote: aQuote(), queueIfBusy: false, priority: false, actor: { kind: 'key', id: 'k1' }, at } };
    expect(taskView(aTask([byKey])).actor).toEqual({ kind: 'key', id: 'k1' });
    expect(taskView(aTask([requested()])).actor).toBeNull();
  });

  it('a preview task is one quoted in preview mode', () => {
    expect(isPreviewTask(aTask([requested('preview')]))).toBe(true);
    expect(taskView(aTask([requested('standard')])).preview).toBe(false);
  });
});

describe('points utilisation', () => {
  const charged = (creditsCostMillicredits: number | null, adopted = false) => ({ creditsCostMillicredits, adopted });

  it('is the share of charged credits spent on adopted tasks, exact and as a percentage', () => {
    expect(utilisation([charged(20_000, true), charged(10_000), charged(null)])).toEqual({
      adoptedMillicredits: 20_000,
      chargedMillicredits: 30_000,
      percentage: '66.67%',
    });
  });

  it('rounds the percentage half up to two decimals', () => {
    expect(utilisation([charged(1, true), charged(7)]).percentage).toBe('12.50%');
    expect(utilisation([charged(1, true), charged(2)]).percentage).toBe('33.33%');
    expect(utilisation([charged(5, true)]).percentage).toBe('100.00%');
  });

  it('is undefined before anything is charged', () => {
    expect(utilisation([charged(null)])).toEqual({ adoptedMillicredits: 0, chargedMillicredits: 0, percentage: null });
  });
});
