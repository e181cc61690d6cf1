import { addCalendarMonths, planPeriod } from './periods';
import { periodsDue } from './periods-due';
import type { Subscription } from './subscription-state';

const utc = (text: string) => Date.parse(text);
const iso = (millis: number) => new Date(millis).toISOString();

describe('monthly plan periods (calendar months, UTC)', () => {
  it('a period runs from the anchor to the same day and time next month', () => {
    const period = planPeriod(utc('2025-01-15T10:30:00Z'), 0);
    expect([iso(period.periodStart), iso(period.periodEnd)]).toEqual(['2025-01-15T10:30:00.000Z', '2025-02-15T10:30:00.000Z']);
  });

  it('a start on the 31st renews on the last day of shorter months, and back on the 31st after them', () => {
    const anchor = utc('2025-01-31T00:00:00Z');
    expect([1, 2, 3, 12, 13].map((months) => iso(addCalendarMonths(anchor, months)))).toEqual([
      '2025-02-28T00:00:00.000Z',
      '2025-03-31T00:00:00.000Z',
      '2025-04-30T00:00:00.000Z',
      '2026-01-31T00:00:00.000Z',
      '2026-02-28T00:00:00.000Z',
    ]);
    expect(iso(addCalendarMonths(utc('2024-01-31T00:00:00Z'), 1))).toBe('2024-02-29T00:00:00.000Z');
  });

  const subscription: Subscription = {
    status: 'active',
    accountId: 'acct-1',
    planId: 'creator',
    monthlyMillicredits: 5_000_000,
    pool: 'app',
    anchor: utc('2025-01-31T00:00:00Z'),
    billing: 'contract',
    periodsGranted: 1,
    paidThrough: utc('2025-02-28T00:00:00Z'),
    pastDue: null,
    cancelledAt: null,
    endsAt: null,
    pendingChange: null,
    renewals: new Map(),
  };

  it('periods due are those started and not yet granted, oldest first', () => {
    const due = periodsDue(subscription, utc('2025-03-31T00:00:00Z'));
    expect(due.map((period) => iso(period.periodStart))).toEqual(['2025-02-28T00:00:00.000Z', '2025-03-31T00:00:00.000Z']);
    expect(periodsDue(subscription, utc('2025-02-27T23:59:59Z'))).toEqual([]);
  });

  it('a cancelled plan owes only the periods that started before the cancellation', () => {
    const cancelled: Subscription = { ...subscription, status: 'cancelled', cancelledAt: utc('2025-03-01T00:00:00Z') };
    expect(periodsDue(cancelled, utc('2025-06-01T00:00:00Z')).map((period) => iso(period.periodStart))).toEqual(['2025-02-28T00:00:00.000Z']);
  });

  it('no subscription, nothing due', () => {
    expect(periodsDue({ status: 'none' }, utc('2025-06-01T00:00:00Z'))).toEqual([]);
  });
});
