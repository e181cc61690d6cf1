import { creditsNumber, formatCredits, parseCredits } from './credits';

describe('credits as integer millicredits', () => {
  it.each([
    [37500, '37.5'],
    [15000, '15'],
    [1, '0.001'],
    [0, '0'],
    [-2500, '-2.5'],
    [100000000, '100000'],
  ])('formats %d millicredits as %s credits', (millicredits, text) => {
    expect(formatCredits(millicredits)).toBe(text);
    expect(parseCredits(text)).toBe(millicredits);
  });

  it('parses JSON numbers exactly', () => {
    expect(parseCredits(37.5)).toBe(37500);
    expect(parseCredits(0.001)).toBe(1);
    expect(creditsNumber(37500)).toBe(37.5);
  });

  it('refuses a fourth decimal rather than rounding it away', () => {
    expect(() => parseCredits('0.0005')).toThrow(/at most three decimals/);
    expect(() => parseCredits(1.2345)).toThrow(/at most three decimals/);
  });

  it('refuses fractions of a millicredit when formatting', () => {
    expect(() => formatCredits(1.5)).toThrow(/whole number of millicredits/);
  });
});
