import { priceOfPlanChange } from './plan-change';

const explorer = { monthlyMillicredits: 1_000_000, monthlyPriceCents: 2_900 };
const creator = { monthlyMillicredits: 5_000_000, monthlyPriceCents: 9_900 };
const DAY = 86_400_000;
// 3 March to 3 April 2026: 31 days.
const march = { periodStart: Date.UTC(2026, 2, 3, 12), periodEnd: Date.UTC(2026, 3, 3, 12) };
// 3 April to 3 May 2026: 30 days.
const april = { periodStart: Date.UTC(2026, 3, 3, 12), periodEnd: Date.UTC(2026, 4, 3, 12) };

describe('a plan change is priced pro rata by the rest of the paid period', () => {
  it('given Explorer to Creator with 21 of 31 days left, then 4,000 points x 21/31 = 2,709.677 points granted and $70 x 21/31 = $47.41 charged (both rounded down)', () => {
    expect(priceOfPlanChange(explorer, creator, march, march.periodStart + 10 * DAY)).toEqual({
      kind: 'upgrade',
      millicredits: 2_709_677,
      amountCents: 4_741,
      remainingMillis: 21 * DAY,
      periodMillis: 31 * DAY,
    });
  });

  it('given a third of a 30-day period left, then 1,333.333 points and $23.33: the exact share rounded down, never up', () => {
    expect(priceOfPlanChange(explorer, creator, april, april.periodStart + 20 * DAY)).toMatchObject({ millicredits: 1_333_333, amountCents: 2_333 });
  });

  it('given a change at the period’s start, then the whole difference; at its end, nothing', () => {
    expect(priceOfPlanChange(explorer, creator, april, april.periodStart)).toMatchObject({ millicredits: 4_000_000, amountCents: 7_000 });
    expect(priceOfPlanChange(explorer, creator, april, april.periodEnd)).toMatchObject({ millicredits: 0, amountCents: 0 });
    expect(priceOfPlanChange(explorer, creator, april, april.periodStart - DAY)).toMatchObject({ millicredits: 4_000_000, amountCents: 7_000 });
  });

  it('given a plan with a smaller (or equal) grant, then it takes effect when the paid period ends, for nothing now', () => {
    expect(priceOfPlanChange(creator, explorer, march, march.periodStart + DAY)).toEqual({ kind: 'downgrade', effectiveAt: march.periodEnd });
    expect(priceOfPlanChange(creator, { ...creator, monthlyPriceCents: 100 }, march, march.periodStart)).toEqual({ kind: 'downgrade', effectiveAt: march.periodEnd });
  });

  it('given a larger grant that costs less, then the credits are granted and nothing is charged', () => {
    expect(priceOfPlanChange(creator, { monthlyMillicredits: 6_000_000, monthlyPriceCents: 5_000 }, april, april.periodStart + 15 * DAY)).toMatchObject({ millicredits: 500_000, amountCents: 0 });
  });

  it('given amounts whose product passes 2^53, then the share is still exact', () => {
    const huge = { monthlyMillicredits: 9_000_000_000_000, monthlyPriceCents: 9_000_000_000_000 };
    expect(priceOfPlanChange({ monthlyMillicredits: 0, monthlyPriceCents: 0 }, huge, april, april.periodStart + 10 * DAY)).toMatchObject({ millicredits: 6_000_000_000_000, amountCents: 6_000_000_000_000 });
  });
});
