import type { EpochMillis } from '@billing/contracts';
import type { PriceBook } from './price-book';
import { PriceBookNotFound } from './pricing-errors';

/** The version of book `id` in effect at `at`: the latest `effectiveFrom` not after it. */
export function selectPriceBook(books: readonly PriceBook[], id: string, at: EpochMillis): PriceBook {
  let selected: PriceBook | undefined;
  for (const book of books) {
    if (book.id !== id || book.effectiveFrom > at) continue;
    if (selected === undefined || book.effectiveFrom > selected.effectiveFrom) selected = book;
  }
  if (selected !== undefined) return selected;
  const known = books.some((book) => book.id === id);
  throw new PriceBookNotFound(id, known ? `no version of price book ${id} is in effect at ${new Date(at).toISOString()}` : `unknown price book ${id}`);
}

/** The exact version a task was quoted under, so it is charged by that version. */
export function findPriceBookVersion(books: readonly PriceBook[], id: string, version: string): PriceBook {
  const book = books.find((candidate) => candidate.id === id && candidate.version === version);
  if (book === undefined) throw new PriceBookNotFound(id, `unknown version ${version} of price book ${id}`);
  return book;
}

/** Problems with a set of books taken together: two versions of one id must differ in version and instant. */
export function priceBookSetProblems(books: readonly PriceBook[]): readonly string[] {
  const problems: string[] = [];
  books.forEach((book, index) => {
    for (const other of books.slice(0, index)) {
      if (other.id !== book.id) continue;
      if (other.version === book.version) problems.push(`price book ${book.id} has version ${book.version} twice`);
      else if (other.effectiveFrom === book.effectiveFrom) {
        problems.push(`price book ${book.id} versions ${other.version} and ${book.version} take effect at the same instant`);
      }
    }
  });
  return problems;
}
