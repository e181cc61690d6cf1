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
  readonly quotedAt: EpochMillis;
  readonly expiresAt: EpochMillis;
}
