import type { QuoteRequest } from '@billing/contracts';
import { roundBigQuotientToIncrement, roundQuotientToIncrement } from '@billing/util';
import { ONE } from './document-reader';
import type { CoefficientTable, Factor, ModelRates, PriceBook } from './price-book';
import { InvalidQuoteRequest } from './pricing-errors';

const MILLIS_PER_SECOND = 1000;

/**
 * The price of one task in integer millicredits: the hot path, and the only place
 * a quote's amount is computed. Every factor multiplies one exact fraction, which
 * is rounded ONCE, at the end, by the book's increment and mode:
 *
 *   durationMillis x rate (millicredits/s) x resolution x fps x complexity x mode x batch
 *   ---------------------------------------------------------------------------------
 *                                      1000
 *
 * `batchIndex` is the task's place in a batch of `request.batchSize` (0 = first).
 */
export function quoteMillicredits(book: PriceBook, request: QuoteRequest, batchIndex = 0): number {
  const model = modelFor(book, request.model);
  const durationMillis = request.durationMillis;
  if (!Number.isSafeInteger(durationMillis) || durationMillis <= 0) {
    throw new InvalidQuoteRequest('invalid_duration', 'durationMillis', `duration must be a positive whole number of milliseconds, got ${String(durationMillis)}`);
  }
  const rate = request.videoReference === true
    ? model.withVideoReferenceMillicreditsPerSecond
    : model.withoutVideoReferenceMillicreditsPerSecond;
  const resolution = coefficient(book, book.coefficients.resolution, request.resolution, 'resolution');
  const fps = coefficient(book, book.coefficients.fps, request.fps, 'fps');
  const complexity = coefficient(book, book.coefficients.complexity, request.complexity, 'complexity');
  const mode = modeFactor(book, request.mode);
  const batch = batchFactor(book, request.batchSize, batchIndex);

  const numerator = durationMillis * rate * resolution.numerator * fps.numerator * complexity.numerator * mode.numerator * batch.numerator;
  const denominator = MILLIS_PER_SECOND * resolution.denominator * fps.denominator * complexity.denominator * mode.denominator * batch.denominator;
  const { incrementMillicredits, mode: roundingMode } = book.rounding;
  // A product of non-negative integers that ends safe was exact all the way.
  if (Number.isSafeInteger(numerator) && Number.isSafeInteger(denominator)) {
    return roundQuotientToIncrement(numerator, denominator, incrementMillicredits, roundingMode);
  }
  const factors = [resolution, fps, complexity, mode, batch];
  const bigNumerator = factors.reduce((product, factor) => product * BigInt(factor.numerator), BigInt(durationMillis) * BigInt(rate));
  const bigDenominator = factors.reduce((product, factor) => product * BigInt(factor.denominator), BigInt(MILLIS_PER_SECOND));
  const millicredits = roundBigQuotientToIncrement(bigNumerator, bigDenominator, BigInt(incrementMillicredits), roundingMode);
  if (millicredits > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new InvalidQuoteRequest('invalid_duration', 'durationMillis', 'the quote exceeds the largest amount of credits the ledger holds');
  }
  return Number(millicredits);
}

export function modelFor(book: PriceBook, model: string): ModelRates {
  const rates = book.models.get(model);
  if (rates === undefined) {
    throw new InvalidQuoteRequest('unknown_model', 'model', `unknown model ${JSON.stringify(model)} in price book ${book.id}`, [...book.models.keys()]);
  }
  return rates;
}

const COEFFICIENT_PROBLEMS = {
  resolution: 'unknown_resolution',
  fps: 'unknown_fps',
  complexity: 'unknown_complexity',
} as const;

export function coefficient<Key extends string | number>(
  book: PriceBook,
  table: CoefficientTable<Key>,
  requested: Key | undefined,
  field: keyof typeof COEFFICIENT_PROBLEMS,
): Factor {
  const factor = table.values.get(requested ?? table.defaultKey);
  if (factor === undefined) {
    const allowed = [...table.values.keys()].map(String);
    throw new InvalidQuoteRequest(COEFFICIENT_PROBLEMS[field], field, `unknown ${field} ${JSON.stringify(requested)} in price book ${book.id}`, allowed);
  }
  return factor;
}

export function modeFactor(book: PriceBook, mode: QuoteRequest['mode']): Factor {
  if (mode === undefined || mode === 'standard') return ONE;
  if (mode === 'preview') return book.previewFactor;
  throw new InvalidQuoteRequest('unknown_mode', 'mode', `unknown mode ${JSON.stringify(mode)}`, ['standard', 'preview']);
}

/** Every task after the first in a batch of at least the minimum size earns the discount. */
export function batchFactor(book: PriceBook, batchSize: number | undefined, batchIndex: number): Factor {
  const size = batchSize ?? 1;
  const { minimumSize, maximumSize, additionalTaskFactor } = book.batch;
  if (!Number.isSafeInteger(size) || size < 1 || size > maximumSize) {
    throw new InvalidQuoteRequest('invalid_batch_size', 'batchSize', `batch size must be a whole number from 1 to ${maximumSize}, got ${String(batchSize)}`);
  }
  if (!Number.isSafeInteger(batchIndex) || batchIndex < 0 || batchIndex >= size) {
    throw new InvalidQuoteRequest('invalid_batch_size', 'batchIndex', `batch index must be from 0 to ${size - 1}, got ${String(batchIndex)}`);
  }
  return batchIndex > 0 && size >= minimumSize ? additionalTaskFactor : ONE;
}
