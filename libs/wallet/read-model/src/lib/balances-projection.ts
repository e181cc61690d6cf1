import type Database from 'better-sqlite3';
import { WALLET_CATEGORY } from '@billing/contracts';
import type { Projection, RecordedEvent } from '@billing/event-store';
import { BALANCE_EVENT_TYPES, balanceEffect, isWalletEventType } from './balance-effects';
import { parseWalletStream } from './wallet-stream';

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

const assertTableName = (table: string): string => {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(table)) throw new Error(`invalid table name: ${table}`);
  return table;
};

function millicreditsOf(event: RecordedEvent): number {
  const amount = (event.data as { millicredits?: unknown } | null)?.millicredits;
  if (!Number.isSafeInteger(amount)) {
    throw new Error(`${event.type} at ${event.streamName}@${event.revision} has no integer millicredits`);
  }
  return amount as number;
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
    filter: { streamPrefixes: [`${WALLET_CATEGORY}-`], eventTypes: BALANCE_EVENT_TYPES },
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
    apply(db, event) {
      const key = parseWalletStream(event.streamName);
      if (!key || !isWalletEventType(event.type)) return;
      const effect = balanceEffect(event.type, millicreditsOf(event));
      if (effect.balance === 0 && effect.held === 0) return;
      upsertOn(db).run({ ...key, ...effect, at: event.recordedAt });
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
