import type { ChargeBasis, QuoteSnapshot } from '@billing/contracts';
import { roundBigQuotientToIncrement, roundQuotientToIncrement } from '@billing/util';

/**
 * What a finished task is charged for `outputMillis` of output, never more than
 * `heldMillicredits` (the quote unless less is held). A shorter output is charged pro rata
 * when its book says so, rounded down to the book's increment (the customer's favour);
 * a longer one is charged in full, never more.
 */
export function chargeForOutput(snapshot: QuoteSnapshot, outputMillis: number, heldMillicredits = snapshot.millicredits): number {
  const full = Math.min(snapshot.millicredits, heldMillicredits);
  if (chargeBasisOf(snapshot, outputMillis) === 'full') return full;
  const output = Math.max(0, Math.floor(outputMillis));
  const increment = chargeIncrementOf(snapshot);
  const numerator = full * output;
  if (Number.isSafeInteger(2 * numerator)) return roundQuotientToIncrement(numerator, snapshot.durationMillis, increment, 'floor');
  return Number(roundBigQuotientToIncrement(BigInt(full) * BigInt(output), BigInt(snapshot.durationMillis), BigInt(increment), 'floor'));
}

/** Whether `outputMillis` of output is charged in full or pro rata to its length. */
export function chargeBasisOf(snapshot: Pick<QuoteSnapshot, 'proRataShortOutput' | 'durationMillis'>, outputMillis: number): ChargeBasis {
  return snapshot.proRataShortOutput && outputMillis < snapshot.durationMillis && snapshot.durationMillis > 0 ? 'pro_rata' : 'full';
}

/** The increment a task's charges are multiples of: its book's, or the millicredit for a snapshot without one. */
export function chargeIncrementOf(snapshot: Pick<QuoteSnapshot, 'roundingIncrementMillicredits'>): number {
  const increment = snapshot.roundingIncrementMillicredits;
  return increment !== undefined && Number.isSafeInteger(increment) && increment > 0 ? increment : 1;
}
