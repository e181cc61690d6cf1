import 'reflect-metadata';
import { type PurchaseLotCall, type PurchaseLotReply, purchaseLotId, WalletRpc, walletStreamName } from '@billing/contracts';
import { rpcHandler, type RpcMethod } from '@billing/service-host';
import { IsNotEmpty, IsString } from 'class-validator';
import type { WalletCommandQueue } from './wallet-command-queue';

/** `purchaseLot`: what is left of one purchase in one wallet. */
export class PurchaseLotRequest implements PurchaseLotCall {
  @IsString() @IsNotEmpty() accountId!: string;
  @IsString() @IsNotEmpty() pool!: string;
  @IsString() @IsNotEmpty() purchaseId!: string;
}

/** Read from the wallet's books (not a projection), so an owner's refund sees the spending decided so far. */
export function purchaseLotMethod(queue: WalletCommandQueue): RpcMethod {
  return rpcHandler(WalletRpc.purchaseLot, PurchaseLotRequest, async ({ accountId, pool, purchaseId }): Promise<PurchaseLotReply> => {
    const state = await queue.current(walletStreamName(accountId, pool));
    const lotId = purchaseLotId(purchaseId);
    const record = state.lotRecords.get(lotId);
    if (record === undefined) return { known: false, purchasedMillicredits: 0, remainingMillicredits: 0, heldMillicredits: 0, revoked: false };
    const lot = state.lots.find((candidate) => candidate.lotId === lotId);
    return {
      known: true,
      purchasedMillicredits: record.origin.millicredits,
      remainingMillicredits: lot?.remainingMillicredits ?? 0,
      heldMillicredits: lot?.heldMillicredits ?? 0,
      revoked: record.revoked,
    };
  });
}
