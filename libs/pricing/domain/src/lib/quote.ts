import type { BatchPosition, EpochMillis, GenerationMode, QuoteFactor, QuoteRequest, QuoteSnapshot } from '@billing/contracts';
import { assertNever, formatCredits, formatExactDecimal, parseExactDecimal } from '@billing/util';
import type { PriceBook, RoundingRule } from './price-book';
import { batchFactor, coefficient, modeFactor, modelFor, quoteMillicredits } from './quote-millicredits';

export interface QuoteOptions {
  readonly quoteId: string;
  readonly now: EpochMillis;
}

/** One task's price within a quote: its amount, why, and the snapshot a task keeps. */
export interface QuotedTask {
  readonly millicredits: number;
  readonly breakdown: readonly QuoteFactor[];
  readonly snapshot: QuoteSnapshot;
}

export interface Quote {
  readonly quoteId: string;
  readonly priceBookId: string;
  readonly priceBookVersion: string;
  readonly currency: string;
  readonly creditUnit: PriceBook['creditUnit'];
  /** The whole quote: the sum of its tasks, each rounded on its own. */
  readonly millicredits: number;
  /** The first task's breakdown (the only one for a single task). */
  readonly breakdown: readonly QuoteFactor[];
  readonly tasks: readonly QuotedTask[];
  readonly rounding: RoundingRule;
  readonly quotedAt: EpochMillis;
  readonly expiresAt: EpochMillis;
}

/** Prices a task, or a batch of variations, under one price book version. */
export function quote(request: QuoteRequest, book: PriceBook, { quoteId, now }: QuoteOptions): Quote {
  const batchSize = request.batchSize ?? 1;
  batchFactor(book, batchSize, 0); // refuses a batch size the book does not allow, before any task is priced
  const mode: GenerationMode = request.mode ?? 'standard';
  const expiresAt = now + book.quoteTtlMillis;
  const tasks: QuotedTask[] = [];
  for (let index = 0; index < batchSize; index += 1) {
    const millicredits = quoteMillicredits(book, request, index);
    const breakdown = breakdownOf(book, request, index);
    const batch: BatchPosition | undefined = batchSize > 1 ? { index, size: batchSize } : undefined;
    const snapshot: QuoteSnapshot = {
      quoteId,
      priceBookId: book.id,
      priceBookVersion: book.version,
      model: request.model,
      mode,
      durationMillis: request.durationMillis,
      millicredits,
      breakdown,
      proRataShortOutput: book.proRataShortOutput,
      quotedAt: now,
      expiresAt,
      ...(batch ? { batch } : {}),
    };
    tasks.push({ millicredits, breakdown, snapshot });
  }
  const [first] = tasks;
  return {
    quoteId,
    priceBookId: book.id,
    priceBookVersion: book.version,
    currency: book.currency,
    creditUnit: book.creditUnit,
    millicredits: tasks.reduce((sum, task) => sum + task.millicredits, 0),
    breakdown: first?.breakdown ?? [],
    tasks,
    rounding: book.rounding,
    quotedAt: now,
    expiresAt,
  };
}

/** Every factor of one task's price, with its exact value and what it stands for. */
export function breakdownOf(book: PriceBook, request: QuoteRequest, batchIndex: number): readonly QuoteFactor[] {
  const model = modelFor(book, request.model);
  const { resolution, fps, complexity } = book.coefficients;
  const reference = request.videoReference === true;
  const rate = reference ? model.withVideoReferenceMillicreditsPerSecond : model.withoutVideoReferenceMillicreditsPerSecond;
  const unit = book.creditUnit.plural;
  const factors: QuoteFactor[] = [
    { name: 'duration', value: formatExactDecimal({ units: request.durationMillis, scale: 3 }), description: 'seconds of output' },
    {
      name: 'rate',
      value: formatCredits(rate),
      description: `${unit} per second for ${model.displayName} ${reference ? 'with' : 'without'} video reference`,
    },
    {
      name: 'resolution',
      value: coefficient(book, resolution, request.resolution, 'resolution').text,
      description: `resolution ${request.resolution ?? resolution.defaultKey}`,
    },
    { name: 'fps', value: coefficient(book, fps, request.fps, 'fps').text, description: `${request.fps ?? fps.defaultKey} frames per second` },
    {
      name: 'complexity',
      value: coefficient(book, complexity, request.complexity, 'complexity').text,
      description: `complexity ${request.complexity ?? complexity.defaultKey}`,
    },
    { name: 'mode', value: modeFactor(book, request.mode).text, description: modeDescription(request.mode ?? 'standard') },
  ];
  const batchSize = request.batchSize ?? 1;
  if (batchSize > 1) {
    factors.push({ name: 'batch', value: batchFactor(book, batchSize, batchIndex).text, description: batchDescription(book, batchSize, batchIndex) });
  }
  return factors;
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
