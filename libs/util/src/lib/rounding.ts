import { assertNever } from './assert-never';

/**
 * Named rounding modes (as in dinero.js). For non-negative amounts:
 * - `floor`: down to the increment (the payer's favour).
 * - `ceiling`: up to the increment (the seller's favour).
 * - `half_up`: to the nearest increment, a tie goes up.
 * - `half_even`: to the nearest increment, a tie goes to the even multiple.
 */
export const ROUNDING_MODES = ['floor', 'ceiling', 'half_up', 'half_even'] as const;
export type RoundingMode = (typeof ROUNDING_MODES)[number];

export function isRoundingMode(value: unknown): value is RoundingMode {
  return typeof value === 'string' && (ROUNDING_MODES as readonly string[]).includes(value);
}

/**
 * Rounds numerator / denominator to a whole multiple of `increment`, exactly.
 * Inputs are non-negative safe integers (denominator and increment positive).
 * Uses Number while every intermediate is a safe integer, BigInt otherwise.
 */
export function roundQuotientToIncrement(numerator: number, denominator: number, increment: number, mode: RoundingMode): number {
  const divisor = denominator * increment;
  if (Number.isSafeInteger(2 * numerator) && Number.isSafeInteger(divisor)) {
    // `%` on integral doubles is exact, and so is dividing out an exact multiple.
    const remainder = numerator % divisor;
    const whole = (numerator - remainder) / divisor;
    const rounded = whole + roundUpBy(remainder, divisor, whole % 2 === 1, mode);
    return rounded * increment;
  }
  return Number(roundBigQuotientToIncrement(BigInt(numerator), BigInt(denominator), BigInt(increment), mode));
}

/** The BigInt form, for products that leave the safe-integer range. */
export function roundBigQuotientToIncrement(numerator: bigint, denominator: bigint, increment: bigint, mode: RoundingMode): bigint {
  const divisor = denominator * increment;
  const whole = numerator / divisor;
  const remainder = numerator - whole * divisor;
  const up = remainderRoundsUp(remainder * 2n, remainder, divisor, whole % 2n === 1n, mode);
  return (whole + (up ? 1n : 0n)) * increment;
}

function roundUpBy(remainder: number, divisor: number, wholeIsOdd: boolean, mode: RoundingMode): 0 | 1 {
  return remainderRoundsUp(2 * remainder, remainder, divisor, wholeIsOdd, mode) ? 1 : 0;
}

function remainderRoundsUp<T extends number | bigint>(twiceRemainder: T, remainder: T, divisor: T, wholeIsOdd: boolean, mode: RoundingMode): boolean {
  const isZero = remainder === (typeof remainder === 'bigint' ? 0n : 0);
  switch (mode) {
    case 'floor':
      return false;
    case 'ceiling':
      return !isZero;
    case 'half_up':
      return twiceRemainder >= divisor;
    case 'half_even':
      return twiceRemainder > divisor || (twiceRemainder === divisor && !isZero && wholeIsOdd);
    default:
      return assertNever(mode, 'rounding mode');
  }
}
