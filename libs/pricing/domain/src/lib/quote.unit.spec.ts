import { roundQuotientToIncrement } from '@billing/util';
import { quote } from './quote';
import { InvalidQuoteRequest } from './pricing-errors';
import { NOW, creditsBook, creditsFor, pointsBook } from '../testing/shipped-books';

describe('a quote', () => {
  it('given a request, then it states credits, every factor, the book version and an expiry', () => {
    const result = quote(
      { model: 'seedance-2.0', durationMillis: 5_000, resolution: '2160p', complexity: 'high_fidelity' },
      pointsBook,
      { quoteId: 'q-1', now: NOW },
    );
    expect(result).toMatchObject({ quoteId: 'q-1', priceBookId: 'points', priceBookVersion: '2026-01-01', millicredits: 37_500 });
    expect(result.expiresAt).toBe(NOW + 15 * 60 * 1000);
    expect(result.breakdown.map(({ name, value }) => [name, value])).toEqual([
      ['duration', '5'],
      ['rate', '1'],
      ['resolution', '5'],
      ['fps', '1'],
      ['complexity', '1.5'],
      ['mode', '1'],
    ]);
    expect(result.tasks[0]?.snapshot).toMatchObject({
      quoteId: 'q-1',
      priceBookId: 'points',
      priceBookVersion: '2026-01-01',
      millicredits: 37_500,
      durationMillis: 5_000,
      mode: 'standard',
      proRataShortOutput: true,
      quotedAt: NOW,
      expiresAt: NOW + 900_000,
    });
  });

  it('given an unknown model, resolution, frame rate or complexity, then it is refused naming what is allowed', () => {
    const base = { model: 'seedance-2.0', durationMillis: 5_000 };
    const refusal = (request: Parameters<typeof creditsFor>[1]): InvalidQuoteRequest | undefined => {
      try {
        creditsFor(pointsBook, request);
        return undefined;
      } catch (error) {
        return error instanceof InvalidQuoteRequest ? error : undefined;
      }
    };
    expect(refusal({ ...base, model: 'sora' })).toMatchObject({ problem: 'unknown_model', allowed: ['seedance-2.0'] });
    expect(refusal({ ...base, resolution: '480p' })).toMatchObject({ problem: 'unknown_resolution', allowed: ['720p', '1080p', '2160p'] });
    expect(refusal({ ...base, fps: 25 })?.message).toBe('unknown fps 25 in price book points; allowed: 24, 30, 60');
    expect(refusal({ ...base, complexity: 'ultra' })).toMatchObject({ problem: 'unknown_complexity', allowed: ['standard', 'high_fidelity'] });
    expect(refusal({ ...base, durationMillis: 0 })).toMatchObject({ problem: 'invalid_duration' });
    expect(refusal({ ...base, durationMillis: 1.5 })).toMatchObject({ problem: 'invalid_duration' });
  });

  it('given a product beyond the safe-integer range, then BigInt keeps it exact', () => {
    // 2,500,000,000 s of 4K high-fidelity in the credits book: numerator 2.5e12 x 30000 > 2^53.
    const durationMillis = 2_500_000_000_000;
    expect(quote({ model: 'seedance-2.0', durationMillis, videoReference: true }, creditsBook, { quoteId: 'q', now: NOW }).millicredits)
      .toBe(75_000_000_000_000);
  });
});

describe('rounding happens once, at the end, by the book\'s increment and mode', () => {
  it('given 1.003 s at 720p high fidelity in the points book, then 1.8054 points round once to 1.81, not to 1.80', () => {
    const request = { model: 'seedance-2.0', durationMillis: 1_003, resolution: '720p', complexity: 'high_fidelity' };
    expect(pointsBook.rounding).toEqual({ incrementMillicredits: 10, mode: 'half_up' });
    expect(creditsFor(pointsBook, request)).toBe(1.81);

    // Rounding after each factor would have lost the 0.0054: 1.2036 -> 1.20, x 1.5 -> 1.80.
    const afterResolution = roundQuotientToIncrement(1_003 * 12, 10, 10, 'half_up');
    const afterComplexity = roundQuotientToIncrement(afterResolution * 15, 10, 10, 'half_up');
    expect(afterComplexity).toBe(1_800);
  });

  it('given a batch, then each task is rounded on its own and the total is their sum', () => {
    const batch = quote({ model: 'seedance-2.0', durationMillis: 1_003, resolution: '720p', batchSize: 3 }, pointsBook, { quoteId: 'q', now: NOW });
    // 1.2036 -> 1.20; 1.2036 x 0.8 = 0.96288 -> 0.96
    expect(batch.tasks.map((task) => task.millicredits)).toEqual([1_200, 960, 960]);
    expect(batch.millicredits).toBe(3_120);
  });
});
