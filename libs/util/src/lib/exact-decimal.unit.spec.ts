import { complementOfExactDecimal, formatExactDecimal, parseExactDecimal } from './exact-decimal';
import { ratioOfDecimal } from './ratio';

describe('exact decimals written in configuration', () => {
  it.each([
    ['1.2', 12, 1, '1.2'],
    ['0.15', 15, 2, '0.15'],
    ['30', 30, 0, '30'],
    ['1.50', 15, 1, '1.5'],
    ['0', 0, 0, '0'],
  ])('reads %s as %d units at scale %d and writes it back as %s', (text, units, scale, written) => {
    const value = parseExactDecimal(text, 6);
    expect(value).toEqual({ units, scale });
    expect(value && formatExactDecimal(value)).toBe(written);
  });

  it.each(['-1', '1e3', '.5', '1.', ' 1', '0.1234567', 'abc'])('refuses %j', (text) => {
    expect(parseExactDecimal(text, 6)).toBeUndefined();
  });

  it('leaves 0.8 when a discount of 0.2 is taken from 1', () => {
    const discount = parseExactDecimal('0.2', 6);
    expect(discount && complementOfExactDecimal(discount)).toEqual({ units: 8, scale: 1 });
  });

  it('reduces a decimal to its smallest ratio', () => {
    expect(ratioOfDecimal({ units: 15, scale: 2 })).toEqual({ numerator: 3, denominator: 20 });
  });
});
