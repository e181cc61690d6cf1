import 'reflect-metadata';
import type Database from 'better-sqlite3';
import { type BalancesReply, type CreditsAppliedCall, WalletRpc } from '@billing/contracts';
import { rpcHandler, type RpcMethod } from '@billing/service-host';
import { type CreditReference, hasCreditEntry, readBalancesOf, readLedger } from '@billing/wallet-read-model';
import { IsInt, IsNotEmpty, IsOptional, IsString, Max, Min, ValidateIf } from 'class-validator';

/** `balances`: one account's wallets. */
export class BalancesRequest {
  @IsString() @IsNotEmpty() accountId!: string;
}

/** `ledger`: one account's entries after `after` (a position), at most `limit` (default 100, at most 1,000). */
export class LedgerRequest {
  @IsString() @IsNotEmpty() accountId!: string;
  @IsOptional() @IsString() @IsNotEmpty() pool?: string;
  @IsOptional() @IsInt() @Min(0) after?: number;
  @IsOptional() @IsInt() @Min(1) @Max(1_000) limit?: number;
}

/** The longest a `creditsApplied` may wait: well inside an RPC's timeout. */
export const MAX_CREDITS_WAIT_MILLIS = 10_000;

/** `creditsApplied`: the credits of one purchase or one grant (exactly one of the two ids) in one wallet. */
export class CreditsAppliedRequest {
  @IsString() @IsNotEmpty() accountId!: string;
  @IsString() @IsNotEmpty() pool!: string;
  @ValidateIf((request: CreditsAppliedRequest) => request.grantId === undefined) @IsString() @IsNotEmpty() purchaseId?: string;
  @ValidateIf((request: CreditsAppliedRequest) => request.purchaseId === undefined) @IsString() @IsNotEmpty() grantId?: string;
  /** How long to wait for them to arrive (0: answer at once). */
  @IsInt() @Min(0) @Max(MAX_CREDITS_WAIT_MILLIS) waitMillis!: number;
}

/** How the read side follows the read models. */
export interface WalletReadModels {
  /** Resolves once the read models hold every event the store had when called (bounded). */
  caughtUp(): Promise<void>;
  /** Resolves once the read models applied an event past where they stand, or after `millis`. */
  changed(millis: number): Promise<void>;
}

export const DEFAULT_LEDGER_PAGE = 100;

/**
 * The read side. `caughtUp` waits until the read models hold every event the store had
 * when the request arrived, so a client reads its own writes; `creditsApplied` waits for
 * writes made elsewhere (a purchase on its way from the purchase service).
 */
export function walletRpcMethods(db: Database.Database, readModels: WalletReadModels): RpcMethod[] {
  const { caughtUp } = readModels;
  return [
    rpcHandler(WalletRpc.balances, BalancesRequest, async (request): Promise<BalancesReply> => {
      await caughtUp();
      return readBalancesOf(db, request.accountId).map(({ pool, balanceMillicredits, heldMillicredits, availableMillicredits }) => ({
        pool,
        balanceMillicredits,
        heldMillicredits,
        availableMillicredits,
      }));
    }),
    rpcHandler(WalletRpc.ledger, LedgerRequest, async (request) => {
      await caughtUp();
      return readLedger(db, {
        accountId: request.accountId,
        ...(request.pool === undefined ? {} : { pool: request.pool }),
        ...(request.after === undefined ? {} : { after: request.after }),
        limit: request.limit ?? DEFAULT_LEDGER_PAGE,
      });
    }),
    rpcHandler(WalletRpc.creditsApplied, CreditsAppliedRequest, async (request) => {
      const deadline = Date.now() + request.waitMillis;
      await caughtUp();
      return { applied: await creditsArrive(db, readModels, creditOf(request), deadline) };
    }),
  ];
}

/** Whether the credits are in the read models, checked again each time they change, until `deadline`. */
async function creditsArrive(db: Database.Database, readModels: WalletReadModels, credit: CreditReference, deadline: number): Promise<boolean> {
  for (;;) {
    if (hasCreditEntry(db, credit)) return true;
    const left = deadline - Date.now();
    if (left <= 0) return false;
    await readModels.changed(left);
  }
}

function creditOf(request: CreditsAppliedCall): CreditReference {
  const { accountId, pool, purchaseId, grantId } = request;
  return purchaseId !== undefined ? { accountId, pool, purchaseId } : { accountId, pool, grantId: grantId ?? '' };
}
