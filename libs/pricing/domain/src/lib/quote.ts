import type { BatchPosition, EpochMillis, GenerationMode, QuoteFactor, QuoteRequest, QuoteSnapshot } from '@billing/contracts';
import type { PriceBook, RoundingRule } from './price-book';
import { breakdownOf } from './breakdown';
import { batchFactor, quoteMillicredits } from './quote-millicredits';

export interface QuoteOptions {
  readonly quoteId: string;
  readonly now: EpochMillis;
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
  readonly creditUnit: PriceBook['creditUnit'];
  /** The whole quote: the sum of its tasks, each rounded on its own. */
  readonly millicredits: number;
  /** The first task's breakdown (the only one for a single task). */
  readonly breakdown: readonly QuoteFactor[];
  readonly tasks: readonly QuotedTask[];
  readonly rounding: RoundingRule;
  readonly quotedAt: EpochMillis;
  readonly expiresAt: EpochMillis;
}

/** Prices a task, or a batch of variations, under one price book version. */
export function quote(request: QuoteRequest, book: PriceBook, { quoteId, now }: QuoteOptions): Quote {
  const batchSize = request.batchSize ?? 1;
  batchFactor(book, batchSize, 0); // refuses a batch size the book does not allow, before any task is priced
  const mode: GenerationMode = request.mode ?? 'standard';
  const expiresAt = now + book.quoteTtlMillis;
  const tasks: QuotedTask[] = [];
  for (let index = 0; index < batchSize; index += 1) {
    const millicredits = quoteMillicredits(book, request, index);
    const breakdown = breakdownOf(book, request, index);
    const batch: BatchPosition | undefined = batchSize > 1 ? { index, size: batchSize } : undefined;
    const snapshot: QuoteSnapshot = {
      quoteId,
      priceBookId: book.id,
      priceBookVersion: book.version,
      model: request.model,
      mode,
      durationMillis: request.durationMillis,
      millicredits,
      breakdown,
      proRataShortOutput: book.proRataShortOutput,
      roundingIncrementMillicredits: book.rounding.incrementMillicredits,
      quotedAt: now,
      expiresAt,
      ...(batch ? { batch } : {}),
    };
    tasks.push({ millicredits, breakdown, snapshot });
  }
  const [first] = tasks;
  return {
    quoteId,
    priceBookId: book.id,
    priceBookVersion: book.version,
    currency: book.currency,
    creditUnit: book.creditUnit,
    millicredits: tasks.reduce((sum, task) => sum + task.millicredits, 0),
    breakdown: first?.breakdown ?? [],
    tasks,
    rounding: book.rounding,
    quotedAt: now,
    expiresAt,
  };
}
