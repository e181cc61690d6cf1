import type { BatchPosition, EpochMillis, GenerationMode, Quote, QuoteRequest, QuotedTask, QuoteSnapshot } from '@billing/contracts';
import { breakdownOf } from './breakdown';
import type { PriceBook } from './price-book';
import { batchFactor, quoteMillicredits } from './quote-millicredits';

export interface QuoteOptions {
  readonly quoteId: string;
  readonly now: EpochMillis;
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
