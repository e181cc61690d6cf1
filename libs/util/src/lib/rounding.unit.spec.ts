import fc from 'fast-check';
import { roundBigQuotientToIncrement, roundQuotientToIncrement, type RoundingMode } from './rounding';

describe('rounding a quotient once, to an increment', () => {
  it.each<[RoundingMode, number, number, number, number]>([
    // mode, numerator, denominator, increment, expected
    ['floor', 1805, 1000, 1, 1],
    ['ceiling', 1801, 1000, 1, 2],
    ['ceiling', 2000, 1000, 1, 2],
    ['half_up', 1500, 1000, 1, 2],
    ['half_up', 1499, 1000, 1, 1],
    ['half_even', 2500, 1000, 1, 2],
    ['half_even', 3500, 1000, 1, 4],
    ['half_even', 2501, 1000, 1, 3],
    ['half_up', 18054, 10, 10, 1810],
    ['half_up', 18049, 10, 10, 1800],
    ['ceiling', 0, 7, 10, 0],
  ])('%s rounds %d/%d to a multiple of %d as %d', (mode, numerator, denominator, increment, expected) => {
    expect(roundQuotientToIncrement(numerator, denominator, increment, mode)).toBe(expected);
  });

  it('falls back to BigInt beyond the safe-integer range and stays exact', () => {
    const numerator = 2 ** 60 + 7;
    const expected = roundBigQuotientToIncrement(BigInt(2) ** 60n + 7n, 1000n, 1n, 'half_up');
    expect(roundQuotientToIncrement(numerator, 1000, 1, 'half_up')).toBe(Number(expected));
  });

  it('agrees with the BigInt form for every safe input', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 52 }),
        fc.integer({ min: 1, max: 10 ** 6 }),
        fc.integer({ min: 1, max: 100 }),
        fc.constantFrom<RoundingMode>('floor', 'ceiling', 'half_up', 'half_even'),
        (numerator, denominator, increment, mode) => {
          const big = roundBigQuotientToIncrement(BigInt(numerator), BigInt(denominator), BigInt(increment), mode);
          expect(roundQuotientToIncrement(numerator, denominator, increment, mode)).toBe(Number(big));
        },
      ),
    );
  });
});
