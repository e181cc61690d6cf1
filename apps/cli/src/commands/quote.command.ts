import { parseArgs } from 'node:util';
import type { GenerationMode, Quote, QuoteFactor, QuoteRequest } from '@billing/contracts';
import { durationMillisFromSeconds, quote, selectPriceBook } from '@billing/pricing-domain';
import { creditsNumber, formatCredits } from '@billing/util';
import { EXIT_OK, UsageError, type CliCommand } from '../command';
import { renderTable } from '../output/table';

const OPTIONS = {
  'price-book': { type: 'string' },
  model: { type: 'string' },
  duration: { type: 'string' },
  resolution: { type: 'string' },
  fps: { type: 'string' },
  complexity: { type: 'string' },
  'video-reference': { type: 'boolean' },
  mode: { type: 'string' },
  'batch-size': { type: 'string' },
  at: { type: 'string' },
  json: { type: 'boolean' },
} as const;

/** `billing quote`: price a task or a batch under the book in effect, and show why. */
export const quoteCommand: CliCommand = {
  name: 'quote',
  summary: 'price a task (or a batch) and show every factor',
  usage:
    'npm run billing -- quote --price-book <id> --model <model> --duration <seconds> [--resolution <r>] [--fps <n>] ' +
    '[--complexity <c>] [--video-reference] [--mode standard|preview] [--batch-size <n>] [--at <ISO instant>] [--json]',
  run(args, context) {
    const { values } = parseArgs({ args: [...args], options: OPTIONS, strict: true, allowPositionals: false });
    const bookId = required(values['price-book'], '--price-book');
    const now = context.now();
    const at = values.at === undefined ? now : instant(values.at);
    const book = selectPriceBook(context.loadPriceBooks(), bookId, at);
    const request: QuoteRequest = {
      model: required(values.model, '--model'),
      durationMillis: durationMillisFromSeconds(required(values.duration, '--duration')),
      ...(values.resolution === undefined ? {} : { resolution: values.resolution }),
      ...(values.fps === undefined ? {} : { fps: wholeNumber(values.fps, '--fps') }),
      ...(values.complexity === undefined ? {} : { complexity: values.complexity }),
      videoReference: values['video-reference'] === true,
      mode: generationMode(values.mode),
      batchSize: values['batch-size'] === undefined ? 1 : wholeNumber(values['batch-size'], '--batch-size'),
    };
    const result = quote(request, book, { quoteId: `quote_${context.newId()}`, now });
    context.stdout(values.json ? `${JSON.stringify(quoteJson(result))}\n` : readableQuote(result));
    return EXIT_OK;
  },
};

/** The JSON form: credits as numbers with at most three decimals, snake_case like the REST API. */
export function quoteJson(result: Quote) {
  const factors = (breakdown: readonly QuoteFactor[]) => breakdown.map(({ name, value, description }) => ({ name, value, description }));
  return {
    quote_id: result.quoteId,
    credits: creditsNumber(result.millicredits),
    unit: result.creditUnit.plural,
    breakdown: factors(result.breakdown),
    price_book: result.priceBookId,
    version: result.priceBookVersion,
    rounding: { increment_credits: creditsNumber(result.rounding.incrementMillicredits), mode: result.rounding.mode },
    quoted_at: new Date(result.quotedAt).toISOString(),
    expires_at: new Date(result.expiresAt).toISOString(),
    ...(result.tasks.length > 1
      ? { items: result.tasks.map((task) => ({ credits: creditsNumber(task.millicredits), breakdown: factors(task.breakdown) })) }
      : {}),
  };
}

function readableQuote(result: Quote): string {
  const unit = result.creditUnit.plural;
  const lines = [
    `Quote ${result.quoteId} under price book ${result.priceBookId}, version ${result.priceBookVersion}`,
    '',
    renderTable(['factor', 'value', 'description'], result.breakdown.map((factor) => [factor.name, factor.value, factor.description])),
    '',
  ];
  if (result.tasks.length > 1) {
    const rows = result.tasks.map((task, index) => [String(index + 1), formatCredits(task.millicredits), batchValue(task.breakdown)]);
    lines.push(renderTable(['task', unit, 'batch factor'], rows), '');
  }
  const rounding = `rounded once per task, ${result.rounding.mode} to ${formatCredits(result.rounding.incrementMillicredits)}`;
  lines.push(`Total: ${formatCredits(result.millicredits)} ${unit} (${rounding})`);
  lines.push(`Expires: ${new Date(result.expiresAt).toISOString()}`);
  return `${lines.join('\n')}\n`;
}

function batchValue(breakdown: readonly QuoteFactor[]): string {
  return breakdown.find((factor) => factor.name === 'batch')?.value ?? '1';
}

function required(value: string | undefined, option: string): string {
  if (value === undefined || value.trim() === '') throw new UsageError(`${option} is required`);
  return value;
}

function wholeNumber(text: string, option: string): number {
  if (!/^\d{1,9}$/.test(text)) throw new UsageError(`${option} must be a whole number, got ${JSON.stringify(text)}`);
  return Number(text);
}

function generationMode(text: string | undefined): GenerationMode {
  if (text === undefined || text === 'standard') return 'standard';
  if (text === 'preview') return 'preview';
  throw new UsageError(`--mode must be standard or preview, got ${JSON.stringify(text)}`);
}

function instant(text: string): number {
  const millis = Date.parse(text);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(text) || Number.isNaN(millis)) throw new UsageError(`--at must be an ISO 8601 instant, got ${JSON.stringify(text)}`);
  return millis;
}
