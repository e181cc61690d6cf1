import type Database from 'better-sqlite3';
import { type LedgerEntry, WALLET_CATEGORY } from '@billing/contracts';
import { CommittedCache, type Projection } from '@billing/event-store';
import { balanceEffect } from './balance-effects';
import { referencesOf } from './ledger-entry';
import { asWalletEvent } from './recorded-wallet-event';
import { assertTableName } from './table-name';

export interface LedgerProjectionOptions {
  /** Table name, so a rebuild can go into a fresh table beside the live one. */
  readonly table?: string;
}

/** A row of `wallet_ledger` as stored (the finance audit compares it with its own replay). */
export interface LedgerRow {
  position: number;
  event_id: string;
  account_id: string;
  pool: string;
  at: number;
  type: LedgerEntry['type'];
  millicredits: number;
  balance_change: number;
  held_change: number;
  balance_after: number;
  held_after: number;
  reservation_id: string | null;
  task_id: string | null;
  purchase_id: string | null;
  grant_id: string | null;
  grant_source_kind: 'plan' | 'promotion' | 'compensation' | null;
  grant_source_reference: string | null;
  refund_id: string | null;
  lot_id: string | null;
  reason: string | null;
}

interface Totals {
  readonly balance_after: number;
  readonly held_after: number;
}

/** Wallets whose totals are kept in memory (the busiest; the others are read from their last entry). */
const CACHED_WALLETS = 10_000;

const COLUMNS = Object.keys({
  position: 0, event_id: 0, account_id: 0, pool: 0, at: 0, type: 0, millicredits: 0, balance_change: 0, held_change: 0,
  balance_after: 0, held_after: 0, reservation_id: 0, task_id: 0, purchase_id: 0, grant_id: 0, grant_source_kind: 0,
  grant_source_reference: 0, refund_id: 0, lot_id: 0, reason: 0,
} satisfies Record<keyof LedgerRow, 0>) as (keyof LedgerRow)[];

/**
 * Every movement of every wallet, with the wallet's balance and held amount right after
 * it: `GET /ledger`, statements. A rejected reservation moves nothing and is not an entry.
 */
export function ledgerProjection(options: LedgerProjectionOptions = {}): Projection {
  const table = assertTableName(options.table ?? 'wallet_ledger');
  const prepared = new WeakMap<Database.Database, { last: Database.Statement<[string, string], Totals>; insert: Database.Statement<unknown[]> }>();
  const statementsOn = (db: Database.Database) => {
    let statements = prepared.get(db);
    if (!statements) {
      statements = {
        last: db.prepare(`SELECT balance_after, held_after FROM ${table} WHERE account_id = ? AND pool = ? ORDER BY position DESC LIMIT 1`),
        insert: db.prepare(`INSERT INTO ${table} (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})`),
      };
      prepared.set(db, statements);
    }
    return statements;
  };
  // Each wallet's totals after its last written entry, so an entry does not read them back.
  const written = new CommittedCache<Totals>(CACHED_WALLETS);

  return {
    name: `wallet-ledger:${table}`,
    // Every wallet event, rejections included, so the checkpoint reaches the head of a wallet store.
    filter: { streamPrefixes: [`${WALLET_CATEGORY}-`] },
    setup(db) {
      db.exec(`CREATE TABLE IF NOT EXISTS ${table} (
        position INTEGER PRIMARY KEY,
        event_id TEXT NOT NULL,
        account_id TEXT NOT NULL,
        pool TEXT NOT NULL,
        at INTEGER NOT NULL,
        type TEXT NOT NULL,
        millicredits INTEGER NOT NULL,
        balance_change INTEGER NOT NULL,
        held_change INTEGER NOT NULL,
        balance_after INTEGER NOT NULL,
        held_after INTEGER NOT NULL,
        reservation_id TEXT, task_id TEXT, purchase_id TEXT, grant_id TEXT,
        grant_source_kind TEXT, grant_source_reference TEXT, refund_id TEXT, lot_id TEXT, reason TEXT
      );
      CREATE INDEX IF NOT EXISTS ${table}_by_wallet ON ${table} (account_id, pool, position);
      CREATE INDEX IF NOT EXISTS ${table}_by_account ON ${table} (account_id, position);
      CREATE INDEX IF NOT EXISTS ${table}_by_purchase ON ${table} (purchase_id) WHERE purchase_id IS NOT NULL;
      CREATE INDEX IF NOT EXISTS ${table}_by_grant ON ${table} (grant_id) WHERE grant_id IS NOT NULL`);
    },
    apply(db, recorded) {
      const read = asWalletEvent(recorded);
      if (!read || read.event.type === 'ReservationRejected') return;
      const { wallet, event } = read;
      const effect = balanceEffect(event.type, event.data.millicredits);
      const statements = statementsOn(db);
      const key = `${wallet.accountId}\u0000${wallet.pool}`;
      const before = written.get(key) ?? statements.last.get(wallet.accountId, wallet.pool) ?? { balance_after: 0, held_after: 0 };
      const after = { balance_after: before.balance_after + effect.balance, held_after: before.held_after + effect.held };
      const references = referencesOf(event);
      const row: LedgerRow = {
        position: read.position,
        event_id: read.eventId,
        account_id: wallet.accountId,
        pool: wallet.pool,
        at: event.data.at,
        type: event.type,
        millicredits: event.data.millicredits,
        balance_change: effect.balance,
        held_change: effect.held,
        ...after,
        reservation_id: references.reservationId ?? null,
        task_id: references.taskId ?? null,
        purchase_id: references.purchaseId ?? null,
        grant_id: references.grantId ?? null,
        grant_source_kind: references.grantSource?.kind ?? null,
        grant_source_reference: references.grantSource?.reference ?? null,
        refund_id: references.refundId ?? null,
        lot_id: references.lotId ?? null,
        reason: references.reason ?? null,
      };
      statements.insert.run(COLUMNS.map((column) => row[column]));
      written.stage(key, after);
    },
    afterTransaction: (committed) => written.afterTransaction(committed),
    drop(db) {
      db.exec(`DROP TABLE IF EXISTS ${table}`);
      prepared.delete(db);
      written.clear();
    },
  };
}

export interface LedgerQuery {
  readonly accountId: string;
  readonly pool?: string;
  /** Entries after this position (exclusive); 0 or absent: from the first. */
  readonly after?: number;
  readonly limit: number;
}

/** An account's entries in order, optionally of one pool, a page at a time. */
export function readLedger(db: Database.Database, query: LedgerQuery, table = 'wallet_ledger'): LedgerEntry[] {
  const name = assertTableName(table);
  const rows = query.pool === undefined
    ? db.prepare<[string, number, number], LedgerRow>(`SELECT * FROM ${name} WHERE account_id = ? AND position > ? ORDER BY position LIMIT ?`)
        .all(query.accountId, query.after ?? 0, query.limit)
    : db.prepare<[string, string, number, number], LedgerRow>(`SELECT * FROM ${name} WHERE account_id = ? AND pool = ? AND position > ? ORDER BY position LIMIT ?`)
        .all(query.accountId, query.pool, query.after ?? 0, query.limit);
  return rows.map(toEntry);
}

/** The credits of one purchase (its order id) or one grant, in one wallet. */
export type CreditReference =
  | { readonly accountId: string; readonly pool: string; readonly purchaseId: string }
  | { readonly accountId: string; readonly pool: string; readonly grantId: string };

/** Whether the wallet's ledger holds the entry that brought the credits of `credit` in. */
export function hasCreditEntry(db: Database.Database, credit: CreditReference, table = 'wallet_ledger'): boolean {
  const name = assertTableName(table);
  const [column, id, type] = 'purchaseId' in credit ? ['purchase_id', credit.purchaseId, 'CreditsPurchased'] : ['grant_id', credit.grantId, 'CreditsGranted'];
  const found = db
    .prepare<[string, string, string, string], { found: number }>(`SELECT 1 AS found FROM ${name} WHERE ${column} = ? AND account_id = ? AND pool = ? AND type = ? LIMIT 1`)
    .get(id, credit.accountId, credit.pool, type);
  return found !== undefined;
}

/** Every entry of every wallet in order (rebuild comparisons, finance). */
export function readWholeLedger(db: Database.Database, table = 'wallet_ledger'): LedgerEntry[] {
  return db.prepare<[], LedgerRow>(`SELECT * FROM ${assertTableName(table)} ORDER BY position`).all().map(toEntry);
}

function toEntry(row: LedgerRow): LedgerEntry {
  const optional = {
    reservationId: row.reservation_id,
    taskId: row.task_id,
    purchaseId: row.purchase_id,
    grantId: row.grant_id,
    grantSource: row.grant_source_kind === null || row.grant_source_reference === null ? null : { kind: row.grant_source_kind, reference: row.grant_source_reference },
    refundId: row.refund_id,
    lotId: row.lot_id,
    reason: row.reason,
  };
  return {
    position: row.position,
    eventId: row.event_id,
    accountId: row.account_id,
    pool: row.pool,
    at: row.at,
    type: row.type,
    millicredits: row.millicredits,
    balanceChangeMillicredits: row.balance_change,
    heldChangeMillicredits: row.held_change,
    balanceMillicredits: row.balance_after,
    heldMillicredits: row.held_after,
    availableMillicredits: row.balance_after - row.held_after,
    ...Object.fromEntries(Object.entries(optional).filter(([, value]) => value !== null)),
  };
}
