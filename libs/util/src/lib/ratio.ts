import type { ExactDecimal } from './exact-decimal';

/** A non-negative exact fraction with integer numerator and positive denominator. */
export interface Ratio {
  readonly numerator: number;
  readonly denominator: number;
}

export function ratioOfDecimal({ units, scale }: ExactDecimal): Ratio {
  return reduceRatio(units, 10 ** scale);
}

export function reduceRatio(numerator: number, denominator: number): Ratio {
  const divisor = greatestCommonDivisor(numerator, denominator);
  return { numerator: numerator / divisor, denominator: denominator / divisor };
}

function greatestCommonDivisor(a: number, b: number): number {
  let x = Math.abs(a);
  let y = Math.abs(b);
  while (y !== 0) [x, y] = [y, x % y];
  return x === 0 ? 1 : x;
}
