import type Database from 'better-sqlite3';
import { WALLET_CATEGORY } from '@billing/contracts';
import type { Projection } from '@billing/event-store';
import { balanceEffect } from './balance-effects';
import { asWalletEvent } from './recorded-wallet-event';
import { assertTableName } from './table-name';

/** One row per (account, pool): what `GET /balances` shows. */
export interface BalanceRow {
  readonly accountId: string;
  readonly pool: string;
  readonly balanceMillicredits: number;
  readonly heldMillicredits: number;
  readonly availableMillicredits: number;
  /** `recordedAt` of the last event that moved the row. */
  readonly updatedAt: number;
}

export interface BalancesProjectionOptions {
  /** Table name, so a rebuild can go into a fresh table beside the live one. */
  readonly table?: string;
}

interface Upsert {
  readonly accountId: string;
  readonly pool: string;
  readonly balance: number;
  readonly held: number;
  readonly at: number;
}

/** Balances per (account, pool), rebuilt from the wallet streams. */
export function balancesProjection(options: BalancesProjectionOptions = {}): Projection {
  const table = assertTableName(options.table ?? 'wallet_balances');
  const statements = new WeakMap<Database.Database, Database.Statement<[Upsert]>>();
  const upsertOn = (db: Database.Database) => {
    let statement = statements.get(db);
    if (!statement) {
      statement = db.prepare(
        `INSERT INTO ${table} (account_id, pool, balance_millicredits, held_millicredits, available_millicredits, updated_at)
         VALUES (@accountId, @pool, @balance, @held, @balance - @held, @at)
         ON CONFLICT (account_id, pool) DO UPDATE SET
           balance_millicredits = balance_millicredits + @balance,
           held_millicredits = held_millicredits + @held,
           available_millicredits = available_millicredits + @balance - @held,
           updated_at = @at`,
      );
      statements.set(db, statement);
    }
    return statement;
  };

  return {
    name: `wallet-balances:${table}`,
    // Every wallet event, rejections included, so the checkpoint reaches the head of a wallet store.
    filter: { streamPrefixes: [`${WALLET_CATEGORY}-`] },
    setup(db) {
      db.exec(`CREATE TABLE IF NOT EXISTS ${table} (
        account_id TEXT NOT NULL,
        pool TEXT NOT NULL,
        balance_millicredits INTEGER NOT NULL,
        held_millicredits INTEGER NOT NULL,
        available_millicredits INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (account_id, pool)
      )`);
    },
    apply(db, recorded) {
      const read = asWalletEvent(recorded);
      if (!read || read.event.type === 'ReservationRejected') return;
      const effect = balanceEffect(read.event.type, read.event.data.millicredits);
      upsertOn(db).run({ ...read.wallet, ...effect, at: read.recordedAt });
    },
    drop(db) {
      db.exec(`DROP TABLE IF EXISTS ${table}`);
      statements.delete(db);
    },
  };
}

/** Every row, in key order. */
export function readBalances(db: Database.Database, table = 'wallet_balances'): BalanceRow[] {
  return db
    .prepare<[], BalanceRow>(
      `SELECT account_id AS accountId, pool, balance_millicredits AS balanceMillicredits, held_millicredits AS heldMillicredits,
              available_millicredits AS availableMillicredits, updated_at AS updatedAt
       FROM ${assertTableName(table)} ORDER BY account_id, pool`,
    )
    .all();
}

/** One account's rows, one per pool it has used, in pool order. */
export function readBalancesOf(db: Database.Database, accountId: string, table = 'wallet_balances'): BalanceRow[] {
  return db
    .prepare<[string], BalanceRow>(
      `SELECT account_id AS accountId, pool, balance_millicredits AS balanceMillicredits, held_millicredits AS heldMillicredits,
              available_millicredits AS availableMillicredits, updated_at AS updatedAt
       FROM ${assertTableName(table)} WHERE account_id = ? ORDER BY pool`,
    )
    .all(accountId);
}

/** The accounts with a wallet, in id order: after `after`, at most `limit`. */
export function readAccountIds(db: Database.Database, options: { readonly after?: string; readonly limit: number }, table = 'wallet_balances'): string[] {
  return db
    .prepare<[string, number], { accountId: string }>(`SELECT DISTINCT account_id AS accountId FROM ${assertTableName(table)} WHERE account_id > ? ORDER BY account_id LIMIT ?`)
    .all(options.after ?? '', options.limit)
    .map((row) => row.accountId);
}
