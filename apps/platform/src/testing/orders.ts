import type { BillingClient, BodyOf } from '@billing/sdk';

/** Places an order and pays it in the sandbox; the paid order as the gateway answered it. */
export async function confirmedOrder(client: BillingClient, item: BodyOf<'OrdersController_place'>) {
  const order = await client.orders.place(item);
  const paid = await client.orders.confirmSandboxPayment(order.id);
  expect(paid.status).toBe('paid');
  return paid;
}

/** One pool of the caller's `GET /v1/balances`. */
export const balanceOf = async (client: BillingClient, pool: string) => (await client.account.balances()).balances.find((b) => b.pool === pool);
