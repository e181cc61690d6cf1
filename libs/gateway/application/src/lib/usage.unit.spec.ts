import type { LedgerEntry, TaskReply } from '@billing/contracts';
import { usageView, usageWindow } from './usage';

const DAY1 = Date.parse('2026-03-01T10:00:00Z');
const DAY2 = Date.parse('2026-03-02T23:59:59Z');

const charge = (position: number, at: number, millicredits: number, taskId?: string, pool = 'api'): LedgerEntry => ({
  position,
  eventId: `e${position}`,
  accountId: 'a',
  pool,
  at,
  type: 'CreditsCharged',
  millicredits,
  balanceChangeMillicredits: -millicredits,
  heldChangeMillicredits: -millicredits,
  balanceMillicredits: 0,
  heldMillicredits: 0,
  availableMillicredits: 0,
  ...(taskId ? { taskId } : {}),
});

const task = (taskId: string, model: string, mode: string): TaskReply =>
  ({ taskId, quote: { model, mode } }) as unknown as TaskReply;

describe('usage: charges by UTC day, pool, model and mode', () => {
  it('given a range of days, then the window runs from the first midnight to the midnight after the last day', () => {
    expect(usageWindow({ from: '2026-03-01', to: '2026-03-02' })).toEqual({ start: Date.parse('2026-03-01T00:00:00Z'), end: Date.parse('2026-03-03T00:00:00Z') });
  });

  it('given charges of thousandths on two days and two models, then each row sums exactly and the total equals the ledger', () => {
    const tasks = new Map([
      ['t1', task('t1', 'seedance-2.0', 'standard')],
      ['t2', task('t2', 'seedance-2.0', 'standard')],
      ['t3', task('t3', 'seedance-2.0-fast', 'preview')],
    ]);
    const view = usageView({ from: '2026-03-01', to: '2026-03-02' }, [charge(1, DAY1, 100), charge(2, DAY1, 200), charge(3, DAY2, 7_500)].map((c, i) => ({ ...c, taskId: `t${i + 1}` })), tasks);
    expect(view.rows).toEqual([
      { day: '2026-03-01', pool: 'api', model: 'seedance-2.0', mode: 'standard', credits: 0.3, tasks: 2 },
      { day: '2026-03-02', pool: 'api', model: 'seedance-2.0-fast', mode: 'preview', credits: 7.5, tasks: 1 },
    ]);
    expect(view.total_credits).toBe(7.8);
  });

  it('given a charge whose task is not found, then it is counted under unknown rather than dropped', () => {
    const view = usageView({ from: '2026-03-01', to: '2026-03-01', pool: 'app' }, [charge(1, DAY1, 75_000, 'gone', 'app')], new Map());
    expect(view).toMatchObject({ pool: 'app', total_credits: 75, rows: [{ model: 'unknown', mode: 'unknown', credits: 75, tasks: 1 }] });
  });
});
