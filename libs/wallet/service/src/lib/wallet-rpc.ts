import 'reflect-metadata';
import type Database from 'better-sqlite3';
import type { CreditsAppliedCall } from '@billing/contracts';
import { type CreditReference, hasCreditEntry } from '@billing/wallet-read-model';
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

export const DEFAULT_ACCOUNTS_PAGE = 1_000;
export const MAX_ACCOUNTS_PAGE = 10_000;

/** `accounts`: the accounts with a wallet, a page at a time. */
export class AccountsRequest {
  @IsOptional() @IsString() after?: string;
  @IsOptional() @IsInt() @Min(1) @Max(MAX_ACCOUNTS_PAGE) limit?: number;
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

/** Whether the credits are in the read models, checked again each time they change, until `deadline`. */
export async function creditsArrive(db: Database.Database, readModels: WalletReadModels, credit: CreditReference, deadline: number): Promise<boolean> {
  for (;;) {
    if (hasCreditEntry(db, credit)) return true;
    const left = deadline - Date.now();
    if (left <= 0) return false;
    await readModels.changed(left);
  }
}

export function creditOf(request: CreditsAppliedCall): CreditReference {
  const { accountId, pool, purchaseId, grantId } = request;
  return purchaseId !== undefined ? { accountId, pool, purchaseId } : { accountId, pool, grantId: grantId ?? '' };
}
