import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import type { QuoteRequest } from '@billing/contracts';
import { quote, quoteMillicredits, selectPriceBook, type PriceBook } from '@billing/pricing-domain';
import { EXIT_OK, UsageError, type CliCommand } from '../command';
import { renderTable } from '../output/table';

const TARGET_QUOTES_PER_SECOND = 1_000_000;

/** `billing bench-quote`: single standard quotes per second on one core (DESIGN section 10). */
export const benchQuoteCommand: CliCommand = {
  name: 'bench-quote',
  summary: 'measure quotes per second on one core (fast path and full quote)',
  usage: 'npm run billing -- bench-quote [--price-book <id>] [--seconds <n>]',
  run(args, context) {
    const { values } = parseArgs({ args: [...args], options: { 'price-book': { type: 'string' }, seconds: { type: 'string' } }, strict: true });
    const seconds = Number(values.seconds ?? '1');
    if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 60) throw new UsageError('--seconds must be a number from 0 to 60');
    const book = selectPriceBook(context.loadPriceBooks(), values['price-book'] ?? 'points', context.now());
    const requests = varied(book);
    const fastPath = measure(seconds, (index) => quoteMillicredits(book, requests[index & 1023] ?? { model: '', durationMillis: 0 }));
    const fullQuote = measure(seconds, (index) =>
      quote(requests[index & 1023] ?? { model: '', durationMillis: 0 }, book, { quoteId: 'bench', now: 0 }).millicredits);
    context.stdout(`${renderTable(['path', 'quotes/s'], [['quoteMillicredits', fastPath.toLocaleString('en-US')], ['quote (with breakdown and snapshot)', fullQuote.toLocaleString('en-US')]])}\n`);
    const goal = (name: string, actual: number) => ({ name, target: TARGET_QUOTES_PER_SECOND, actual, unit: 'quotes/s', met: actual >= TARGET_QUOTES_PER_SECOND });
    context.stdout(`${JSON.stringify({
      bench: 'quote',
      machine: { cpus: availableParallelism(), node: process.version },
      figures: { price_book: book.id, version: book.version, quote_millicredits_per_second: fastPath, full_quotes_per_second: fullQuote },
      goals: [goal('single standard quote, fast path, one core', fastPath), goal('single standard quote, full, one core', fullQuote)],
    })}\n`);
    return EXIT_OK;
  },
};

/** 1,024 standard single-task requests across the book's models and coefficients. */
function varied(book: PriceBook): readonly QuoteRequest[] {
  const models = [...book.models.keys()];
  const resolutions = [...book.coefficients.resolution.values.keys()];
  const complexities = [...book.coefficients.complexity.values.keys()];
  return Array.from({ length: 1024 }, (_, index) => ({
    model: models[index % models.length] ?? '',
    durationMillis: 1_000 + index * 37,
    resolution: resolutions[index % resolutions.length] ?? '',
    complexity: complexities[index % complexities.length] ?? '',
    videoReference: index % 2 === 0,
  }));
}

/** Runs `work` in chunks for about `seconds` after a warm-up; returns operations per second. */
function measure(seconds: number, work: (index: number) => number): number {
  let sink = 0;
  for (let index = 0; index < 200_000; index += 1) sink += work(index);
  const budget = BigInt(Math.round(seconds * 1e9));
  const started = process.hrtime.bigint();
  let operations = 0;
  while (process.hrtime.bigint() - started < budget) {
    for (let index = 0; index < 100_000; index += 1) sink += work(operations + index);
    operations += 100_000;
  }
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  if (sink < 0) throw new Error('unreachable: quotes are never negative');
  return Math.round(operations / elapsed);
}
