import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The credits book with a concurrency limit no request of a test reaches, written under
 * `dir` (the PRICE_BOOKS_DIR to start the platform with): only the pool's credits, or a
 * key's budget, stand between a burst of tasks and their holds.
 */
export function bookWithoutConcurrencyLimit(dir: string): string {
  const books = join(dir, 'price-books');
  const book = JSON.parse(readFileSync(join('price-books', 'credits.json'), 'utf8')) as { plans: Record<string, unknown>[] };
  book.plans = book.plans.map((plan) => ({ ...plan, concurrencyLimit: 1000 }));
  mkdirSync(books, { recursive: true });
  writeFileSync(join(books, 'credits.json'), JSON.stringify(book));
  return books;
}
