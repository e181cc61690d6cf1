import { parseArgs } from 'node:util';
import { EXIT_OK, type CliCommand } from '../command';
import { GATEWAY_OPTIONS, GATEWAY_USAGE, gatewayClient, money, positional, print } from './gateway-client';

/** `billing refund-renewal <invoice>`: finance refunds a plan's paid renewal (its period's unspent credits, pro rata). */
export const refundRenewalCommand: CliCommand = {
  name: 'refund-renewal',
  summary: 'refund a plan’s paid renewal (finance): its period’s unspent credits taken back, their share of the price returned',
  usage: `npm run billing -- refund-renewal <invoice id> [--reason <text>] ${GATEWAY_USAGE}`,
  async run(args, context) {
    const { values, positionals } = parseArgs({ args: [...args], options: { ...GATEWAY_OPTIONS, reason: { type: 'string' } }, strict: true, allowPositionals: true });
    const invoiceId = positional(positionals, '<invoice id>');
    const renewal = await gatewayClient(values, context).orders.refundRenewal(invoiceId, values.reason === undefined ? {} : { reason: values.reason });
    print(context, values.json, renewal, () => [`renewal ${renewal.id} of ${renewal.account_id}: ${renewal.status}; refunded ${money(renewal.refunded)} of ${money(renewal.amount)}`]);
    return EXIT_OK;
  },
};
