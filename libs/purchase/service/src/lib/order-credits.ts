import 'reflect-metadata';
import { type Order, WalletRpc } from '@billing/contracts';
import { planGrantId, planPeriod } from '@billing/purchase-domain';
import { type RpcClient, send } from '@billing/service-host';
import { IsInt, IsNotEmpty, IsString, Max, Min } from 'class-validator';
import type { PurchaseStreams } from './purchase-streams';

/** The longest an `orderCredited` may wait: well inside an RPC's timeout. */
export const MAX_ORDER_CREDIT_WAIT_MILLIS = 10_000;
/** How often a plan's subscription is read again while its first grant is on its way. */
const SUBSCRIPTION_READ_EVERY_MILLIS = 10;

/** `orderCredited`: whether one of the account's paid orders is in its wallet, waiting up to `waitMillis` for it. */
export class OrderCreditedRequest {
  @IsString() @IsNotEmpty() orderId!: string;
  @IsString() @IsNotEmpty() accountId!: string;
  @IsInt() @Min(0) @Max(MAX_ORDER_CREDIT_WAIT_MILLIS) waitMillis!: number;
}

export interface OrderCreditDependencies {
  readonly streams: PurchaseStreams;
  readonly rpc: RpcClient;
}

/**
 * The workflow carries a payment to the wallet asynchronously: a paid pack is credited
 * once the wallet holds its purchase, a paid plan once its subscription is active and the
 * wallet holds the first period's grant. Waits for that until `deadline`.
 */
export async function orderCredited(order: Order, deps: OrderCreditDependencies, deadline: number): Promise<boolean> {
  if (order.status !== 'paid') return false;
  const credit = order.item.kind === 'pack' ? { purchaseId: order.orderId } : await firstGrantOf(order.accountId, deps.streams, deadline);
  if (!credit) return false;
  const waitMillis = Math.min(MAX_ORDER_CREDIT_WAIT_MILLIS, Math.max(0, deadline - Date.now()));
  const { applied } = await send(
    deps.rpc,
    WalletRpc.creditsApplied,
    { accountId: order.accountId, pool: order.item.pool, ...credit, waitMillis },
    { key: order.accountId, correlationId: order.orderId, timeoutMillis: waitMillis + 5_000 },
  );
  return applied;
}

/** The grant of the plan's first period, once the subscription has granted it; null at `deadline`. */
async function firstGrantOf(accountId: string, streams: PurchaseStreams, deadline: number): Promise<{ readonly grantId: string } | null> {
  for (;;) {
    const { state } = await streams.subscription(accountId);
    if (state.status === 'active' && state.periodsGranted > 0) return { grantId: planGrantId(accountId, planPeriod(state.anchor, 0).periodStart) };
    if (Date.now() >= deadline) return null;
    await new Promise((resolve) => setTimeout(resolve, SUBSCRIPTION_READ_EVERY_MILLIS));
  }
}
