import { parsePriceBook } from './parse-price-book';
import { InvalidPriceBook, type PriceBookProblem } from './pricing-errors';
import { shippedDocument } from '../testing/shipped-books';

function problemsOf(document: unknown): readonly PriceBookProblem[] {
  try {
    parsePriceBook(document);
  } catch (error) {
    if (error instanceof InvalidPriceBook) return error.problems;
    throw error;
  }
  throw new Error('the book was accepted');
}

const lines = (problems: readonly PriceBookProblem[]): string[] => problems.map(({ path, reason }) => `${path}: ${reason}`);

describe('loading a price book refuses an invalid one, naming each field and the reason', () => {
  it('given both shipped books, then they load', () => {
    expect(parsePriceBook(shippedDocument('points')).id).toBe('points');
    expect(parsePriceBook(shippedDocument('credits')).id).toBe('credits');
  });

  it('given a rate with four decimals, then the error names the model rate and says why', () => {
    const document = shippedDocument('credits');
    const models = document['models'] as Record<string, { rates: Record<string, unknown> }>;
    const rates = models['seedance-2.0']?.rates ?? {};
    rates['withVideoReference'] = '30.0001';
    expect(lines(problemsOf(document))).toEqual([
      'models["seedance-2.0"].rates.withVideoReference: must be a non-negative decimal with at most 3 decimals',
    ]);
  });

  it('given several mistakes, then every one is reported, not only the first', () => {
    const document = shippedDocument('points');
    document['discount'] = '0.2';
    document['rounding'] = { incrementMillicredits: 0, mode: 'bankers' };
    document['preview'] = { factor: 0.15 };
    document['effectiveFrom'] = 'next tuesday';
    document['defaultPlan'] = 'free';
    document['batch'] = { minimumSize: 3, maximumSize: 2, discountPerAdditionalTask: '1.5' };
    expect(lines(problemsOf(document))).toEqual([
      'discount: is not a known field',
      'effectiveFrom: must be an ISO 8601 instant with a zone, e.g. "2026-01-01T00:00:00Z"',
      'preview.factor: must be a non-negative decimal with at most 6 decimals, written as a string',
      'batch.maximumSize: must be at least batch.minimumSize (3)',
      'batch.discountPerAdditionalTask: must be at most 1',
      'rounding.incrementMillicredits: must be a whole number of at least 1',
      'rounding.mode: must be one of floor, ceiling, half_up, half_even',
      'defaultPlan: must name one of the plans: starter, explorer, creator, studio',
    ]);
  });

  it('given broken coefficient tables, then the table entry and its default are named', () => {
    const document = shippedDocument('points');
    document['coefficients'] = {
      resolution: { default: '4k', values: { '720p': '1.2' } },
      fps: { default: '30', values: { thirty: '1', '30': '-1' } },
      complexity: { values: { standard: '1' }, extra: true },
    };
    expect(lines(problemsOf(document))).toEqual([
      'coefficients.resolution.default: must be one of 720p',
      'coefficients.fps.values["30"]: must be a non-negative decimal with at most 6 decimals, written as a string',
      'coefficients.fps.values.thirty: must be a whole number of frames per second',
      'coefficients.complexity.default: is required',
      'coefficients.complexity.extra: is not a known field',
      'coefficients.complexity.default: must be a non-empty string',
    ]);
  });

  it('given pools, plans and packs that do not fit together, then each mismatch is named', () => {
    const document = shippedDocument('credits');
    document['pools'] = { app: { channels: ['app', 'web'] }, api: { channels: ['app'] } };
    document['plans'] = [
      { id: 'pay-as-you-go', name: 'Pay as you go', priceCents: 0, monthlyGrant: 0, pool: 'shared', entitlements: ['teleport'] },
    ];
    document['packs'] = { vault: [], api: [{ id: 'api-1', credits: 0, priceCents: -1 }] };
    expect(lines(problemsOf(document))).toEqual([
      'pools.app.channels[1]: must be one of app, api',
      'pools.api.channels[0]: channel app already draws on pool app',
      'pools: no pool is used by channel api',
      'plans[0].pool: must be one of the pools: app, api',
      'plans[0].entitlements[0]: must be one of batch_generation, api_access',
      'packs.vault: is not a known field',
      'packs.api[0].priceCents: must be a whole number of at least 0',
      'packs.api[0].credits: must be more than 0',
    ]);
  });

  it('given something that is not an object at all, then it says so', () => {
    expect(lines(problemsOf([1, 2]))).toEqual([': must be an object']);
  });

  it('given a book with problems, then the error message carries its id and every problem', () => {
    const document = shippedDocument('credits');
    document['currency'] = 'dollars';
    expect(() => parsePriceBook(document)).toThrow('price book "credits" is invalid: currency: must be an ISO 4217 code such as "USD"');
  });
});
