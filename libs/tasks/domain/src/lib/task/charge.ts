import type { QuoteSnapshot } from '@billing/contracts';
import { roundBigQuotientToIncrement } from '@billing/util';

/**
 * What a successful task is charged: the quoted amount, capped by what is held.
 * When the quote allows it, an output shorter than quoted is charged pro rata to its
 * length, rounded down to the millicredit (floor: the customer's favour).
 * A longer output never costs more than the quote.
 */
export function chargeForOutput(quote: QuoteSnapshot, reservedMillicredits: number, outputDurationMillis: number): number {
  const full = Math.min(quote.millicredits, reservedMillicredits);
  const isShort = outputDurationMillis < quote.durationMillis;
  if (!quote.proRataShortOutput || !isShort || quote.durationMillis <= 0) return full;
  const proRata = roundBigQuotientToIncrement(BigInt(full) * BigInt(outputDurationMillis), BigInt(quote.durationMillis), 1n, 'floor');
  return Number(proRata);
}
