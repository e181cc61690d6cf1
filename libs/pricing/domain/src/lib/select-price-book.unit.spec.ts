import { chargeForOutput } from './pro-rata';
import { parsePriceBook } from './parse-price-book';
import { quote } from './quote';
import { findPriceBookVersion, priceBookSetProblems, selectPriceBook } from './select-price-book';
import { PriceBookNotFound } from './pricing-errors';
import { shippedDocument } from '../testing/shipped-books';

const JUNE = Date.parse('2026-06-01T00:00:00Z');

function pointsVersion(version: string, effectiveFrom: string, coefficient1080p: string) {
  const document = shippedDocument('points');
  const coefficients = document['coefficients'] as { resolution: { values: Record<string, string> } };
  coefficients.resolution.values['1080p'] = coefficient1080p;
  return parsePriceBook({ ...document, version, effectiveFrom });
}

const january = pointsVersion('2026-01-01', '2026-01-01T00:00:00Z', '3');
const june = pointsVersion('2026-06-01', '2026-06-01T00:00:00Z', '4');
const books = [june, january];
const fiveSeconds = { model: 'seedance-2.0', durationMillis: 5_000, resolution: '1080p' };

describe('price books are versioned by effectiveFrom', () => {
  it('given two versions, when asked before the later one takes effect, then the earlier one is in effect', () => {
    expect(selectPriceBook(books, 'points', JUNE - 1).version).toBe('2026-01-01');
  });

  it('given two versions, when asked at the later one\'s instant, then the later one takes over', () => {
    expect(selectPriceBook(books, 'points', JUNE).version).toBe('2026-06-01');
    expect(selectPriceBook(books, 'points', JUNE + 86_400_000).version).toBe('2026-06-01');
  });

  it('given a task quoted under the old version, when the new one takes effect, then the task keeps the old price', () => {
    const quotedInMay = quote(fiveSeconds, selectPriceBook(books, 'points', JUNE - 60_000), { quoteId: 'q-may', now: JUNE - 60_000 });
    const snapshot = quotedInMay.tasks[0]?.snapshot;
    if (!snapshot) throw new Error('no snapshot');

    const quotedInJune = quote(fiveSeconds, selectPriceBook(books, 'points', JUNE), { quoteId: 'q-june', now: JUNE });
    expect(quotedInJune.millicredits).toBe(20_000);

    expect(snapshot).toMatchObject({ priceBookVersion: '2026-01-01', millicredits: 15_000 });
    expect(findPriceBookVersion(books, snapshot.priceBookId, snapshot.priceBookVersion)).toBe(january);
    expect(chargeForOutput(snapshot, 5_000)).toBe(15_000);
  });

  it('given no version in effect yet, or an unknown id, then selection is refused', () => {
    expect(() => selectPriceBook(books, 'points', Date.parse('2025-12-31T23:59:59Z'))).toThrow(PriceBookNotFound);
    expect(() => selectPriceBook(books, 'gold', JUNE)).toThrow('unknown price book gold');
  });

  it('given two versions at one instant or one version twice, then the set is refused', () => {
    const twin = pointsVersion('2026-06-01b', '2026-06-01T00:00:00Z', '4');
    expect(priceBookSetProblems([january, june, twin, june])).toEqual([
      'price book points versions 2026-06-01 and 2026-06-01b take effect at the same instant',
      'price book points has version 2026-06-01 twice',
      'price book points versions 2026-06-01b and 2026-06-01 take effect at the same instant',
    ]);
  });
});

describe('a shorter output is charged pro rata when the book says so', () => {
  const snapshot = quote(fiveSeconds, january, { quoteId: 'q', now: JUNE }).tasks[0]?.snapshot;

  it('given 5 s quoted at 15 points and 2 s delivered, then 6 points are charged', () => {
    expect(snapshot && chargeForOutput(snapshot, 2_000)).toBe(6_000);
  });

  it('given a longer output than quoted, then the quote is charged, never more', () => {
    expect(snapshot && chargeForOutput(snapshot, 9_000)).toBe(15_000);
  });

  it('given a book without pro rata, then a short output is charged the quote', () => {
    expect(snapshot && chargeForOutput({ ...snapshot, proRataShortOutput: false }, 1_000)).toBe(15_000);
  });

  it('given 1 s delivered of 3 s quoted at 0.01 point, then the charge rounds down to the book\'s 0.01: nothing', () => {
    expect(snapshot && chargeForOutput({ ...snapshot, millicredits: 10, durationMillis: 3_000 }, 1_000)).toBe(0);
  });
});
