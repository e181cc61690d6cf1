import type { RoundingMode } from '@billing/util';
import type { EpochMillis } from '../envelope';
import type { Channel, Entitlement, QuoteFactor, QuoteRequest, QuoteSnapshot } from '../pricing';
import { rpc } from './rpc-contract';

// ---- what a price book sells and how it rounds, as its quotes and catalog state it ----
export interface CreditUnit {
  readonly singular: string;
  readonly plural: string;
}

export interface RoundingRule {
  readonly incrementMillicredits: number;
  readonly mode: RoundingMode;
}

export interface CreditPool {
  readonly id: string;
  readonly channels: readonly Channel[];
}

export interface Plan {
  readonly id: string;
  readonly name: string;
  /** Monthly price; null for a contract plan priced outside the book. */
  readonly priceCents: number | null;
  readonly monthlyGrantMillicredits: number;
  readonly pool: string;
  readonly entitlements: readonly Entitlement[];
  readonly concurrencyLimit: number;
  readonly priority: boolean;
}

export interface CreditPack {
  readonly id: string;
  readonly pool: string;
  readonly millicredits: number;
  readonly priceCents: number;
}

/** One task's price within a quote: its amount, why, and the snapshot a task keeps. */
export interface QuotedTask {
  readonly millicredits: number;
  readonly breakdown: readonly QuoteFactor[];
  readonly snapshot: QuoteSnapshot;
}

export interface Quote {
  readonly quoteId: string;
  readonly priceBookId: string;
  readonly priceBookVersion: string;
  readonly currency: string;
  readonly creditUnit: CreditUnit;
  /** The whole quote: the sum of its tasks, each rounded on its own. */
  readonly millicredits: number;
  /** The first task's breakdown (the only one for a single task). */
  readonly breakdown: readonly QuoteFactor[];
  readonly tasks: readonly QuotedTask[];
  readonly rounding: RoundingRule;
  readonly quotedAt: EpochMillis;
  readonly expiresAt: EpochMillis;
}

// ---- requests ----
/** `quote`: a task (or a batch of `batchSize` variations) under the version in force at `at` (default: now). */
export interface QuoteCall {
  readonly priceBookId?: string;
  readonly at?: EpochMillis;
  readonly request: QuoteRequest;
  readonly batchSize?: number;
  /** When given, the reply names the pool this channel draws on under the quoted version. */
  readonly channel?: Channel;
}

export interface CatalogCall {
  readonly priceBookId?: string;
  readonly at?: EpochMillis;
}

export interface PriceBooksCall {
  readonly at?: EpochMillis;
}

// ---- replies ----
/** `quote`'s answer: the quote, plus the pool when a channel was named. */
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

export const PricingRpc = {
  quote: rpc<QuoteCall, QuoteReply>('pricing', 'quote'),
  catalog: rpc<CatalogCall, CatalogReply>('pricing', 'catalog'),
  priceBooks: rpc<PriceBooksCall, PriceBooksReply>('pricing', 'priceBooks'),
};
