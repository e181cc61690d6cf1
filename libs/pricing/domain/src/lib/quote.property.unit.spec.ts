import fc from 'fast-check';
import type { QuoteRequest } from '@billing/contracts';
import type { PriceBook } from './price-book';
import { quoteMillicredits } from './quote-millicredits';
import { creditsBook, pointsBook } from '../testing/shipped-books';

const requestIn = (book: PriceBook): fc.Arbitrary<Omit<QuoteRequest, 'durationMillis'>> =>
  fc.record({
    model: fc.constantFrom(...book.models.keys()),
    resolution: fc.constantFrom(...book.coefficients.resolution.values.keys()),
    fps: fc.constantFrom(...book.coefficients.fps.values.keys()),
    complexity: fc.constantFrom(...book.coefficients.complexity.values.keys()),
    videoReference: fc.boolean(),
    mode: fc.constantFrom('standard' as const, 'preview' as const),
    batchSize: fc.integer({ min: 1, max: 10 }),
  });

describe.each([
  ['points', pointsBook],
  ['credits', creditsBook],
])('any quote in the %s book', (_name, book) => {
  it('is a non-negative whole number of millicredits, a multiple of the increment, and never falls as duration grows', () => {
    fc.assert(
      fc.property(
        requestIn(book),
        fc.integer({ min: 1, max: 3_600_000 }),
        fc.integer({ min: 0, max: 3_600_000 }),
        fc.nat({ max: 9 }),
        (request, shorterMillis, extraMillis, index) => {
          const batchIndex = index % (request.batchSize ?? 1);
          const shorter = quoteMillicredits(book, { ...request, durationMillis: shorterMillis }, batchIndex);
          const longer = quoteMillicredits(book, { ...request, durationMillis: shorterMillis + extraMillis }, batchIndex);
          expect(Number.isSafeInteger(shorter)).toBe(true);
          expect(shorter).toBeGreaterThanOrEqual(0);
          expect(shorter % book.rounding.incrementMillicredits).toBe(0);
          expect(longer).toBeGreaterThanOrEqual(shorter);
        },
      ),
    );
  });

  it('never charges a later task of a batch more than the first', () => {
    fc.assert(
      fc.property(requestIn(book), fc.integer({ min: 1, max: 600_000 }), (request, durationMillis) => {
        const size = request.batchSize ?? 1;
        const first = quoteMillicredits(book, { ...request, durationMillis }, 0);
        const last = quoteMillicredits(book, { ...request, durationMillis }, size - 1);
        expect(last).toBeLessThanOrEqual(first);
      }),
    );
  });
});
