import 'reflect-metadata';
import type Database from 'better-sqlite3';
import type { RpcMethod } from '@billing/service-host';
import { readBalancesOf, readLedger, type LedgerEntry } from '@billing/wallet-read-model';
import { IsInt, IsNotEmpty, IsOptional, IsString, Max, Min } from 'class-validator';

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

/** One pool of an account, as `GET /balances` shows it. Pools never used are absent. */
export interface PoolBalance {
  readonly pool: string;
  readonly balanceMillicredits: number;
  readonly heldMillicredits: number;
  readonly availableMillicredits: number;
}

export type BalancesReply = readonly PoolBalance[];
export type LedgerReply = readonly LedgerEntry[];

export const DEFAULT_LEDGER_PAGE = 100;

/**
 * The read side. `caughtUp` waits until the read models hold every event the store had
 * when the request arrived, so a client reads its own writes.
 */
export function walletRpcMethods(db: Database.Database, caughtUp: () => Promise<void>): RpcMethod[] {
  return [
    method('balances', BalancesRequest, async (request): Promise<BalancesReply> => {
      await caughtUp();
      return readBalancesOf(db, request.accountId).map(({ pool, balanceMillicredits, heldMillicredits, availableMillicredits }) => ({
        pool,
        balanceMillicredits,
        heldMillicredits,
        availableMillicredits,
      }));
    }),
    method('ledger', LedgerRequest, async (request): Promise<LedgerReply> => {
      await caughtUp();
      return readLedger(db, {
        accountId: request.accountId,
        ...(request.pool === undefined ? {} : { pool: request.pool }),
        ...(request.after === undefined ? {} : { after: request.after }),
        limit: request.limit ?? DEFAULT_LEDGER_PAGE,
      });
    }),
  ];
}

/** The host validated the request against `dto` before `handle` runs: the cast lives here, once. */
function method<Request extends object>(name: string, dto: new () => Request, handle: (request: Request) => Promise<unknown>): RpcMethod {
  return { name, dto, handle: (request) => handle(request as Request) };
}
