import { parseArgs } from 'node:util';
import { formatCredits } from '@billing/util';
import type { PriceBook } from '@billing/pricing-domain';
import { EXIT_OK, type CliCommand } from '../command';
import { renderTable } from '../output/table';

/** `billing price-books`: what is shipped, and when each version takes effect. */
export const priceBooksCommand: CliCommand = {
  name: 'price-books',
  summary: 'list the price books (id, version, effective from, models, pools)',
  usage: 'npm run billing -- price-books [--json]',
  run(args, context) {
    const { values } = parseArgs({ args: [...args], options: { json: { type: 'boolean' } }, strict: true, allowPositionals: false });
    const books = [...context.loadPriceBooks()].sort((a, b) => a.id.localeCompare(b.id) || a.effectiveFrom - b.effectiveFrom);
    if (values.json) {
      context.stdout(`${JSON.stringify(books.map(summaryOf))}\n`);
      return EXIT_OK;
    }
    const rows = books.map((book) => {
      const summary = summaryOf(book);
      return [
        summary.id,
        summary.version,
        summary.effective_from,
        summary.models.map((model) => `${model.id} (${model.rates})`).join(', '),
        summary.pools.map((pool) => `${pool.id} <- ${pool.channels.join('+')}`).join(', '),
      ];
    });
    context.stdout(`${renderTable(['id', 'version', 'effective from', `models (per second, with / without video reference)`, 'pools <- channels'], rows)}\n`);
    return EXIT_OK;
  },
};

function summaryOf(book: PriceBook) {
  return {
    id: book.id,
    version: book.version,
    effective_from: new Date(book.effectiveFrom).toISOString(),
    unit: book.creditUnit.plural,
    models: [...book.models.values()].map((model) => ({
      id: model.id,
      rates: `${formatCredits(model.withVideoReferenceMillicreditsPerSecond)} / ${formatCredits(model.withoutVideoReferenceMillicreditsPerSecond)}`,
    })),
    pools: book.pools.map((pool) => ({ id: pool.id, channels: pool.channels })),
  };
}
