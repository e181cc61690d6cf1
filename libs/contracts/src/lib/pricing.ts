import type { EpochMillis } from './envelope';

/** How a task reaches the platform; each price book maps a channel to the pool it draws on. */
export type Channel = 'app' | 'api';

export type GenerationMode = 'standard' | 'preview';

/** One line of a quote's breakdown: a factor, its exact decimal value, and what it means. */
export interface QuoteFactor {
  readonly name: string;
  /** Exact decimal text, e.g. "1.5", "0.8", "15". */
  readonly value: string;
  readonly description: string;
}

/**
 * A quote as tasks and finance keep it: enough to charge by the version it was
 * quoted under and to explain the amount later.
 */
export interface QuoteSnapshot {
  readonly quoteId: string;
  readonly priceBookId: string;
  readonly priceBookVersion: string;
  readonly model: string;
  readonly mode: GenerationMode;
  readonly durationMillis: number;
  readonly millicredits: number;
  readonly breakdown: readonly QuoteFactor[];
  /** When the book says so, a shorter output is charged pro rata to its length. */
  readonly proRataShortOutput: boolean;
  /**
   * The book's rounding increment: every amount charged for the task is a multiple of it.
   * Absent from snapshots taken before it was kept; those round to the millicredit.
   */
  readonly roundingIncrementMillicredits?: number;
  readonly quotedAt: EpochMillis;
  readonly expiresAt: EpochMillis;
  /** Present when the task was quoted as one of a batch of variations. */
  readonly batch?: BatchPosition;
}

/** How a delivered output was charged: the quote in full, or pro rata to a shorter output. */
export type ChargeBasis = 'full' | 'pro_rata';

/** What a plan unlocks, beyond its grant. */
export const ENTITLEMENTS = ['batch_generation', 'api_access'] as const;
export type Entitlement = (typeof ENTITLEMENTS)[number];

/**
 * A request to price a task (or a batch of variations). Optional coefficients fall
 * back to the price book's defaults; `batchSize` defaults to 1.
 */
export interface QuoteRequest {
  readonly model: string;
  /** Whole milliseconds of output; the boundary accepts seconds with up to 3 decimals. */
  readonly durationMillis: number;
  readonly resolution?: string;
  readonly fps?: number;
  readonly complexity?: string;
  readonly videoReference?: boolean;
  readonly mode?: GenerationMode;
  readonly batchSize?: number;
}

/** Where a task sits in a batch, when it was quoted as part of one. */
export interface BatchPosition {
  /** 0 for the first task, which pays in full. */
  readonly index: number;
  readonly size: number;
}
