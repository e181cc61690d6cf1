import { parseExactDecimal } from '@billing/util';
import { InvalidQuoteRequest } from './pricing-errors';

/** "5" -> 5000, "5.25" -> 5250: seconds as written at the boundary, to whole milliseconds. */
export function durationMillisFromSeconds(seconds: string): number {
  const decimal = parseExactDecimal(seconds.trim(), 3);
  const millis = decimal ? decimal.units * 10 ** (3 - decimal.scale) : Number.NaN;
  if (!Number.isSafeInteger(millis) || millis <= 0) {
    throw new InvalidQuoteRequest('invalid_duration', 'duration', `duration must be a positive number of seconds with at most 3 decimals, got ${JSON.stringify(seconds)}`);
  }
  return millis;
}
