import type { EpochMillis, PriceBookSummary } from '@billing/contracts';
import { type PriceBook, selectPriceBook } from '@billing/pricing-domain';

/**
 * Every version of every book, as loaded at start-up. The version quoted from is chosen
 * per request by the instant, so a version whose `effectiveFrom` arrives takes over at
 * that instant, without a restart.
 */
export class PriceBookShelf {
  constructor(
    private readonly books: readonly PriceBook[],
    readonly activePriceBookId: string,
  ) {
    if (!books.some((book) => book.id === activePriceBookId)) {
      const known = [...new Set(books.map((book) => book.id))].join(', ') || 'none';
      throw new Error(`the active price book ${activePriceBookId} is not among the loaded books (${known})`);
    }
  }

  inForce(at: EpochMillis, priceBookId: string = this.activePriceBookId): PriceBook {
    return selectPriceBook(this.books, priceBookId, at);
  }

  summaries(at: EpochMillis): readonly PriceBookSummary[] {
    const inForce = new Set<PriceBook>();
    for (const id of new Set(this.books.map((book) => book.id))) {
      try {
        inForce.add(selectPriceBook(this.books, id, at));
      } catch {
        // No version of this id is in force yet: every one of its versions is listed as not in force.
      }
    }
    return this.books.map((book) => ({
      id: book.id,
      version: book.version,
      effectiveFrom: book.effectiveFrom,
      description: book.description,
      inForce: inForce.has(book),
      active: book.id === this.activePriceBookId,
    }));
  }
}
