import type { GenerationMode, QuoteFactor, QuoteRequest } from '@billing/contracts';
import { assertNever, formatCredits, formatExactDecimal, parseExactDecimal } from '@billing/util';
import type { BreakdownLines, CoefficientTable, PriceBook } from './price-book';
import { batchFactor, coefficient, modelFor, modeFactor } from './quote-millicredits';

/** Every factor of one task's price, with its exact value and what it stands for. */
export function breakdownOf(book: PriceBook, request: QuoteRequest, batchIndex: number): readonly QuoteFactor[] {
  const lines = book.breakdownLines;
  const { resolution, fps, complexity } = book.coefficients;
  const rates = lines.rates.get(request.model) ?? unknownModel(book, request.model);
  const factors: QuoteFactor[] = [
    { name: 'duration', value: formatExactDecimal({ units: request.durationMillis, scale: 3 }), description: 'seconds of output' },
    request.videoReference === true ? rates.withVideoReference : rates.withoutVideoReference,
    lineFor(book, lines.resolution, resolution, request.resolution, 'resolution'),
    lineFor(book, lines.fps, fps, request.fps, 'fps'),
    lineFor(book, lines.complexity, complexity, request.complexity, 'complexity'),
    modeLine(book, request.mode ?? 'standard'),
  ];
  const batchSize = request.batchSize ?? 1;
  if (batchSize > 1) {
    factors.push({ name: 'batch', value: batchFactor(book, batchSize, batchIndex).text, description: batchDescription(book, batchSize, batchIndex) });
  }
  return factors;
}

/** The lines a book can put in a breakdown, built once when the book is parsed. */
export function breakdownLinesFor(book: Omit<PriceBook, 'breakdownLines'>): BreakdownLines {
  const unit = book.creditUnit.plural;
  const rateLine = (millicreditsPerSecond: number, displayName: string, reference: boolean): QuoteFactor => ({
    name: 'rate',
    value: formatCredits(millicreditsPerSecond),
    description: `${unit} per second for ${displayName} ${reference ? 'with' : 'without'} video reference`,
  });
  const tableLines = <Key extends string | number>(table: CoefficientTable<Key>, name: string, describe: (key: Key) => string) =>
    new Map([...table.values].map(([key, factor]) => [key, { name, value: factor.text, description: describe(key) }]));
  return {
    rates: new Map([...book.models.values()].map((model) => [model.id, {
      withVideoReference: rateLine(model.withVideoReferenceMillicreditsPerSecond, model.displayName, true),
      withoutVideoReference: rateLine(model.withoutVideoReferenceMillicreditsPerSecond, model.displayName, false),
    }])),
    resolution: tableLines(book.coefficients.resolution, 'resolution', (key) => `resolution ${key}`),
    fps: tableLines(book.coefficients.fps, 'fps', (key) => `${key} frames per second`),
    complexity: tableLines(book.coefficients.complexity, 'complexity', (key) => `complexity ${key}`),
    standard: { name: 'mode', value: '1', description: modeDescription('standard') },
    preview: { name: 'mode', value: book.previewFactor.text, description: modeDescription('preview') },
  };
}

function lineFor<Key extends string | number>(
  book: PriceBook,
  lines: ReadonlyMap<Key, QuoteFactor>,
  table: CoefficientTable<Key>,
  requested: Key | undefined,
  field: 'resolution' | 'fps' | 'complexity',
): QuoteFactor {
  const line = lines.get(requested ?? table.defaultKey);
  if (line !== undefined) return line;
  coefficient(book, table, requested, field); // throws the request error naming the allowed values
  throw new Error(`price book ${book.id} has no breakdown line for ${field} ${String(requested)}`);
}

function modeLine(book: PriceBook, mode: GenerationMode): QuoteFactor {
  switch (mode) {
    case 'standard':
      return book.breakdownLines.standard;
    case 'preview':
      return book.breakdownLines.preview;
    default:
      modeFactor(book, mode); // throws the request error naming the allowed modes
      return assertNever(mode, 'generation mode');
  }
}

function unknownModel(book: PriceBook, model: string): never {
  modelFor(book, model); // throws the request error naming the allowed models
  throw new Error(`price book ${book.id} has no breakdown line for model ${model}`);
}

function modeDescription(mode: GenerationMode): string {
  switch (mode) {
    case 'standard':
      return 'standard render';
    case 'preview':
      return 'preview: a shortened, lower-resolution render at this share of the standard cost';
    default:
      return assertNever(mode, 'generation mode');
  }
}

function batchDescription(book: PriceBook, batchSize: number, batchIndex: number): string {
  const position = `task ${batchIndex + 1} of ${batchSize}`;
  if (batchSize < book.batch.minimumSize) return `${position}: below the batch minimum of ${book.batch.minimumSize}, no discount`;
  if (batchIndex === 0) return `${position}: the first task pays in full`;
  return `${position}: ${percent(book.batch.discountPerAdditionalTask.text)} off each task after the first`;
}

/** "0.2" -> "20%", "0.125" -> "12.5%": exact, by moving the decimal point. */
function percent(fraction: string): string {
  const { units, scale } = parseExactDecimal(fraction, 12) ?? { units: 0, scale: 0 };
  return scale >= 2 ? `${formatExactDecimal({ units, scale: scale - 2 })}%` : `${units * 10 ** (2 - scale)}%`;
}
