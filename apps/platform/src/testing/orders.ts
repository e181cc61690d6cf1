import type { HttpClient } from './http-client';

type Json = Record<string, unknown>;

/** Places an order and pays it in the sandbox; the paid order as the gateway answered it. */
export async function confirmedOrder(client: HttpClient, item: Json): Promise<Json> {
  const order = await client.post('/v1/orders', item);
  expect(order.status).toBe(201);
  const paid = await client.post(`/v1/orders/${String(order.body['id'])}/confirm-sandbox-payment`);
  expect(paid.status).toBe(200);
  expect(paid.body['status']).toBe('paid');
  return paid.body;
}

/** One pool of the caller's `GET /v1/balances`. */
export const balanceOf = async (client: HttpClient, pool: string): Promise<Json | undefined> =>
  ((await client.get<{ balances: Json[] }>('/v1/balances')).body.balances ?? []).find((b) => b['pool'] === pool);
