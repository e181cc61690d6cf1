import { roundBigQuotientToIncrement, type RoundingMode } from '@billing/util';
import type { LotPrice } from './audited-wallet';

/**
 * The one rounding rule for money in audit reports: every figure is kept exact (credits
 * times each lot's amountCents / millicredits) and rounded once, to whole cents, half to even.
 */
export const MONEY_ROUNDING: RoundingMode = 'half_even';

/** Credits grouped by the price they were bought at: money stays exact until it is shown. */
export class CreditsByPrice {
  private readonly byPrice = new Map<string, { price: LotPrice | null; millicredits: number }>();

  add(price: LotPrice | null, millicredits: number): void {
    const key = price === null ? 'unpriced' : `${price.currency}:${price.amountCents}/${price.millicredits}`;
    const entry = this.byPrice.get(key);
    if (entry === undefined) this.byPrice.set(key, { price, millicredits });
    else entry.millicredits += millicredits;
  }

  addAll(other: CreditsByPrice, sign = 1): void {
    for (const { price, millicredits } of other.byPrice.values()) this.add(price, sign * millicredits);
  }

  get millicredits(): number {
    let total = 0;
    for (const entry of this.byPrice.values()) total += entry.millicredits;
    return total;
  }

  /** Millicredits per price class (exact: the reconciliation compares these). */
  classes(): Map<string, number> {
    return new Map([...this.byPrice].map(([key, entry]) => [key, entry.millicredits]));
  }

  /** Money value per currency, exact then rounded once with MONEY_ROUNDING. Unpriced credits (grants) are worth nothing here. */
  valueCents(): Record<string, number> {
    const exact = new Map<string, { numerator: bigint; denominator: bigint }>();
    for (const { price, millicredits } of this.byPrice.values()) {
      if (price === null || millicredits === 0) continue;
      const sum = exact.get(price.currency) ?? { numerator: 0n, denominator: 1n };
      // a/b + c/d = (ad + cb) / bd, reduced: denominators are pack sizes, so this stays small.
      const numerator = BigInt(millicredits) * BigInt(price.amountCents);
      const denominator = BigInt(price.millicredits);
      const combined = { numerator: sum.numerator * denominator + numerator * sum.denominator, denominator: sum.denominator * denominator };
      const divisor = gcd(combined.numerator < 0n ? -combined.numerator : combined.numerator, combined.denominator);
      exact.set(price.currency, { numerator: combined.numerator / divisor, denominator: combined.denominator / divisor });
    }
    const cents: Record<string, number> = {};
    for (const [currency, { numerator, denominator }] of [...exact].sort(([a], [b]) => a.localeCompare(b))) {
      const negative = numerator < 0n;
      const rounded = roundBigQuotientToIncrement(negative ? -numerator : numerator, denominator, 1n, MONEY_ROUNDING);
      cents[currency] = Number(negative ? -rounded : rounded);
    }
    return cents;
  }
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a;
  let y = b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x === 0n ? 1n : x;
}
