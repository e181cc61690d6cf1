import type { QuoteSnapshot } from '@billing/contracts';
import { roundBigQuotientToIncrement, roundQuotientToIncrement } from '@billing/util';

/**
 * What a finished task is charged for `outputMillis` of output. A shorter output is
 * charged pro rata when its book says so, rounded down to the millicredit so the
 * charge never exceeds the quote; a longer one is charged the quote, never more.
 */
export function chargeForOutput(snapshot: QuoteSnapshot, outputMillis: number): number {
  if (!snapshot.proRataShortOutput || outputMillis >= snapshot.durationMillis) return snapshot.millicredits;
  const output = Math.max(0, Math.floor(outputMillis));
  const numerator = snapshot.millicredits * output;
  if (Number.isSafeInteger(2 * numerator)) return roundQuotientToIncrement(numerator, snapshot.durationMillis, 1, 'floor');
  return Number(roundBigQuotientToIncrement(BigInt(snapshot.millicredits) * BigInt(output), BigInt(snapshot.durationMillis), 1n, 'floor'));
}
