import type { EpochMillis } from '@billing/contracts';
import type { CreditPack, CreditPool, CreditUnit, Plan, Quote } from '@billing/pricing-domain';

/** `quote`'s answer: the domain quote, plus the pool when a channel was named. */
export type QuoteReply = Quote & { readonly pool?: string };

/** `catalog`'s answer: what the version in force sells, and the plan a new account is on. */
export interface CatalogReply {
  readonly priceBookId: string;
  readonly priceBookVersion: string;
  readonly effectiveFrom: EpochMillis;
  readonly currency: string;
  readonly creditUnit: CreditUnit;
  readonly pools: readonly CreditPool[];
  readonly plans: readonly Plan[];
  readonly defaultPlanId: string;
  readonly packs: readonly CreditPack[];
}

export interface PriceBookSummary {
  readonly id: string;
  readonly version: string;
  readonly effectiveFrom: EpochMillis;
  readonly description: string;
  /** This version is the one of its id in force at the instant asked about. */
  readonly inForce: boolean;
  /** Its id is the deployment's active price book. */
  readonly active: boolean;
}

export interface PriceBooksReply {
  readonly activePriceBookId: string;
  readonly priceBooks: readonly PriceBookSummary[];
}
