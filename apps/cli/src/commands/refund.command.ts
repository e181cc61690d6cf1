import { parseArgs } from 'node:util';
import { EXIT_OK, type CliCommand } from '../command';
import { GATEWAY_OPTIONS, GATEWAY_USAGE, gatewayClient, money, positional, print } from './gateway-client';

/** `billing refund <order>`: finance refunds a paid order, an owner an unused pack within the window. */
export const refundCommand: CliCommand = {
  name: 'refund',
  summary: 'refund an order: its unspent credits taken back, their share of the price returned',
  usage: `npm run billing -- refund <order id> [--reason <text>] ${GATEWAY_USAGE}`,
  async run(args, context) {
    const { values, positionals } = parseArgs({ args: [...args], options: { ...GATEWAY_OPTIONS, reason: { type: 'string' } }, strict: true, allowPositionals: true });
    const orderId = positional(positionals, '<order id>');
    const order = await gatewayClient(values, context).orders.refund(orderId, values.reason === undefined ? {} : { reason: values.reason });
    print(context, values.json, order, () => [`order ${order.id}: ${order.status}; refunded ${money(order.refunded)} of ${money(order.amount)}`]);
    return EXIT_OK;
  },
};
