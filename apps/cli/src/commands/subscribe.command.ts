import { parseArgs } from 'node:util';
import { EXIT_OK, UsageError, type CliCommand } from '../command';
import { GATEWAY_OPTIONS, GATEWAY_USAGE, gatewayClient, money, print } from './gateway-client';

/** `billing subscribe --plan <id>`: orders a plan; the buyer pays at its checkout, then each period as it renews. */
export const subscribeCommand: CliCommand = {
  name: 'subscribe',
  summary: 'subscribe to a plan: an order whose checkout the buyer pays',
  usage: `npm run billing -- subscribe --plan <id> ${GATEWAY_USAGE}`,
  async run(args, context) {
    const { values } = parseArgs({ args: [...args], options: { ...GATEWAY_OPTIONS, plan: { type: 'string' } }, strict: true, allowPositionals: false });
    if (!values.plan) throw new UsageError('--plan <id> is required (see `npm run billing -- price-books`)');
    const order = await gatewayClient(values, context).orders.place({ kind: 'plan', plan_id: values.plan });
    print(context, values.json, order, () => [
      `order ${order.id}: plan ${order.item.plan_id ?? values.plan}, ${order.item.credits} credits a month for ${money(order.amount)}; ${order.status}`,
      ...(order.checkout_url ? [`pay at: ${order.checkout_url}`] : []),
    ]);
    return EXIT_OK;
  },
};
