import { parseArgs } from 'node:util';
import { EXIT_OK, type CliCommand } from '../command';
import { renderTable } from '../output/table';
import { GATEWAY_OPTIONS, GATEWAY_USAGE, gatewayClient, money, print } from './gateway-client';

/** `billing receipts`: what each payment of the account paid for, newest first (or one order's). */
export const receiptsCommand: CliCommand = {
  name: 'receipts',
  summary: 'list the account’s receipts (amount, tax, credits, period, the provider’s receipt)',
  usage: `npm run billing -- receipts [--order <order id>] ${GATEWAY_USAGE}`,
  async run(args, context) {
    const { values } = parseArgs({ args: [...args], options: { ...GATEWAY_OPTIONS, order: { type: 'string' } }, strict: true, allowPositionals: false });
    const orders = gatewayClient(values, context).orders;
    const receipts = values.order === undefined ? (await orders.receipts()).receipts : [await orders.receipt(values.order)];
    print(context, values.json, values.order === undefined ? { receipts } : receipts[0], () => [
      renderTable(
        ['paid at', 'kind', 'description', 'amount', 'tax', 'credits', 'period', 'receipt'],
        receipts.map((r) => [r.paid_at, r.kind, r.description, money(r.amount), r.tax ? money(r.tax) : '-', String(r.credits), r.period_start ? `${r.period_start} - ${r.period_end}` : '-', r.receipt_url ?? '-']),
      ),
    ]);
    return EXIT_OK;
  },
};
