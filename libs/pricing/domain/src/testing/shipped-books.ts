import type { QuoteRequest } from '@billing/contracts';
import creditsDocument from '@billing/price-books/credits.json';
import pointsDocument from '@billing/price-books/points.json';
import { parsePriceBook } from '../lib/parse-price-book';
import type { PriceBook } from '../lib/price-book';
import { quote } from '../lib/quote';

/** The two books that ship in `price-books/`, parsed as the product parses them. */
export const pointsBook: PriceBook = parsePriceBook(pointsDocument);
export const creditsBook: PriceBook = parsePriceBook(creditsDocument);

/** A fresh, mutable copy of a shipped document, to break on purpose. */
export function shippedDocument(id: 'points' | 'credits'): Record<string, unknown> {
  return structuredClone(id === 'points' ? pointsDocument : creditsDocument) as Record<string, unknown>;
}

export const NOW = Date.parse('2026-03-01T12:00:00Z');

/** The quote's total in credits, as a decimal string (exact, from millicredits). */
export function creditsFor(book: PriceBook, request: QuoteRequest): number {
  return quote(request, book, { quoteId: 'q-test', now: NOW }).millicredits / 1000;
}

export const seconds = (value: number): number => Math.round(value * 1000);
