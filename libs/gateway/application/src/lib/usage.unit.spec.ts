import type { Actor, LedgerEntry, TaskReply } from '@billing/contracts';
import { type ApiKeyRecord, keyCreatorOf } from './api-keys';
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

const task = (taskId: string, model: string, mode: string, actor: Actor | null = null): TaskReply =>
  ({ taskId, quote: { model, mode }, actor }) as unknown as TaskReply;

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

describe('usage by API key and by member', () => {
  const key = (id: string): Actor => ({ kind: 'key', id });
  const member = (id: string): Actor => ({ kind: 'member', id });
  const tasks = new Map([
    ['k1-a', task('k1-a', 'seedance-2.0', 'standard', key('k1'))],
    ['k1-b', task('k1-b', 'seedance-2.0', 'standard', key('k1'))],
    ['k2-a', task('k2-a', 'seedance-2.0-fast', 'standard', key('k2'))],
    ['dora-a', task('dora-a', 'seedance-2.0', 'preview', member('dora'))],
    ['old', task('old', 'seedance-2.0', 'standard')],
  ]);
  const charges = [
    charge(1, DAY1, 150_001, 'k1-a'),
    charge(2, DAY2, 1, 'k1-b'),
    charge(3, DAY1, 100_333, 'k2-a'),
    charge(4, DAY1, 7_500, 'dora-a', 'app'),
    charge(5, DAY2, 999, 'old'),
    charge(6, DAY2, 42, 'gone'),
  ];
  const millicredits = (credits: number): number => Math.round(credits * 1000);
  const range = { from: '2026-03-01', to: '2026-03-02' };

  it('given charges of two keys, a member, an old task and a lost one, when grouped by key, then each key has its row and the rest is one row per pool', () => {
    const view = usageView({ ...range, groupBy: 'key' }, charges, tasks);
    expect(view.group_by).toBe('key');
    expect(view.groups).toEqual([
      { id: 'k1', pool: 'api', credits: 150.002, tasks: 2 },
      { id: 'k2', pool: 'api', credits: 100.333, tasks: 1 },
      { id: null, pool: 'api', credits: 1.041, tasks: 2 },
      { id: null, pool: 'app', credits: 7.5, tasks: 1 },
    ]);
  });

  it('given the same charges and no keys known, when grouped by member, then the member has a row and every key, old or lost task falls under null', () => {
    const view = usageView({ ...range, groupBy: 'member' }, charges, tasks);
    expect(view.groups).toEqual([
      { id: null, pool: 'api', credits: 251.376, tasks: 5 },
      { id: 'dora', pool: 'app', credits: 7.5, tasks: 1 },
    ]);
  });

  it('given the keys’ makers (k1 dora’s, k2 from before makers were recorded), when grouped by member, then each key’s spend is its maker’s, k2’s the account’s user’s as its checks take it', () => {
    const records = [
      { keyId: 'k1', accountId: 'a', createdBy: 'dora' },
      { keyId: 'k2', accountId: 'a', createdBy: null },
    ] as ApiKeyRecord[];
    const view = usageView({ ...range, groupBy: 'member' }, charges, tasks, new Map(records.map((record) => [record.keyId, keyCreatorOf(record)])));
    expect(view.groups).toEqual([
      { id: 'a', pool: 'api', credits: 100.333, tasks: 1 },
      { id: 'dora', pool: 'api', credits: 150.002, tasks: 2 },
      { id: null, pool: 'api', credits: 1.041, tasks: 2 },
      { id: 'dora', pool: 'app', credits: 7.5, tasks: 1 },
    ]);
  });

  it.each(['key', 'member'] as const)('given grouping by %s, then the groups sum to the total to the millicredit', (groupBy) => {
    const view = usageView({ ...range, groupBy }, charges, tasks);
    const sum = view.groups.reduce((total, group) => total + millicredits(group.credits), 0);
    expect(sum).toBe(charges.reduce((total, entry) => total + entry.millicredits, 0));
    expect(millicredits(view.total_credits)).toBe(sum);
  });

  it('given no grouping asked, then groups is empty and group_by null', () => {
    expect(usageView(range, charges, tasks)).toMatchObject({ group_by: null, groups: [] });
  });
});
