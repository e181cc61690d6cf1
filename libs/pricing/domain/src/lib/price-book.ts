import type { Channel, CreditPack, CreditPool, CreditUnit, EpochMillis, Plan, QuoteFactor, RoundingRule } from '@billing/contracts';

// What a book sells and how it rounds is stated by its quotes and catalog: the pricing contract.
export type { CreditPack, CreditPool, CreditUnit, Plan, RoundingRule } from '@billing/contracts';

/**
 * A validated price book, ready to quote with. Built only by `parsePriceBook`,
 * which also precomputes the lookup maps the quote hot path reads.
 */
export interface PriceBook {
  readonly id: string;
  readonly version: string;
  readonly effectiveFrom: EpochMillis;
  readonly description: string;
  /** ISO 4217 code of every price in cents. */
  readonly currency: string;
  /** What the book calls its credits ("point"/"points", "credit"/"credits"). */
  readonly creditUnit: CreditUnit;
  readonly models: ReadonlyMap<string, ModelRates>;
  readonly coefficients: Coefficients;
  /** Preview mode costs this share of the standard render. */
  readonly previewFactor: Factor;
  readonly batch: BatchRule;
  readonly rounding: RoundingRule;
  /** Whether a shorter output than requested is charged pro rata to its length. */
  readonly proRataShortOutput: boolean;
  readonly quoteTtlMillis: number;
  readonly pools: readonly CreditPool[];
  readonly poolByChannel: ReadonlyMap<Channel, string>;
  readonly plans: readonly Plan[];
  readonly defaultPlanId: string;
  readonly packs: readonly CreditPack[];
  /** Breakdown lines for every factor the book can apply, built once so a quote only adds its duration. */
  readonly breakdownLines: BreakdownLines;
}

export interface BreakdownLines {
  readonly rates: ReadonlyMap<string, { readonly withVideoReference: QuoteFactor; readonly withoutVideoReference: QuoteFactor }>;
  readonly resolution: ReadonlyMap<string, QuoteFactor>;
  readonly fps: ReadonlyMap<number, QuoteFactor>;
  readonly complexity: ReadonlyMap<string, QuoteFactor>;
  readonly standard: QuoteFactor;
  readonly preview: QuoteFactor;
}


/** An exact multiplier, kept with the decimal text it was written as. */
export interface Factor {
  readonly text: string;
  readonly numerator: number;
  readonly denominator: number;
}

export interface ModelRates {
  readonly id: string;
  readonly displayName: string;
  readonly withVideoReferenceMillicreditsPerSecond: number;
  readonly withoutVideoReferenceMillicreditsPerSecond: number;
}

export interface CoefficientTable<Key extends string | number> {
  readonly defaultKey: Key;
  readonly values: ReadonlyMap<Key, Factor>;
}

export interface Coefficients {
  readonly resolution: CoefficientTable<string>;
  readonly fps: CoefficientTable<number>;
  readonly complexity: CoefficientTable<string>;
}

/** Tasks after the first in a batch of at least `minimumSize` pay `additionalTaskFactor`. */
export interface BatchRule {
  readonly minimumSize: number;
  readonly maximumSize: number;
  readonly discountPerAdditionalTask: Factor;
  readonly additionalTaskFactor: Factor;
}




