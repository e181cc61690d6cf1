import type Database from 'better-sqlite3';
import { WALLET_CATEGORY, type LotAllocation } from '@billing/contracts';
import type { Projection } from '@billing/event-store';
import { asWalletEvent } from './recorded-wallet-event';
import { assertTableName } from './table-name';

export interface ExpiryIndexOptions {
  /** Prefix of both tables, so a rebuild can go beside the live ones. */
  readonly prefix?: string;
}

/** A hold whose TTL may run out: the sweeper sends ExpireReservation once it has. */
export interface DueHold {
  readonly accountId: string;
  readonly pool: string;
  readonly reservationId: string;
  readonly expiresAt: number;
}

/** A grant past its expiry with unheld credits left: the sweeper sends ExpireGrant. */
export interface DueGrant {
  readonly accountId: string;
  readonly pool: string;
  readonly grantId: string;
  readonly expiresAt: number;
}

const tablesOf = (prefix: string) => ({
  holds: assertTableName(`${prefix}_open_holds`),
  grants: assertTableName(`${prefix}_expiring_grants`),
});

/**
 * What the expiry sweepers need: open holds by expiry, and each expiring grant with what
 * is left of it and what of that is held (followed through the lot allocations of every
 * hold, charge, release and refund). A grant is due when it has expired with credits left
 * that no hold covers; credits that come back to it later leave in the same command (the
 * decider expires them), so a swept grant stays swept.
 */
export function expiryIndexProjection(options: ExpiryIndexOptions = {}): Projection {
  const { holds, grants } = tablesOf(options.prefix ?? 'wallet');
  const prepared = new WeakMap<Database.Database, ReturnType<typeof prepare>>();
  const prepare = (db: Database.Database) => ({
    openHold: db.prepare<[string, string, string, number]>(
      `INSERT INTO ${holds} (account_id, pool, reservation_id, expires_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    ),
    closeHold: db.prepare<[string, string, string]>(`DELETE FROM ${holds} WHERE account_id = ? AND pool = ? AND reservation_id = ?`),
    addGrant: db.prepare<[string, string, string, string, number, number]>(
      `INSERT INTO ${grants} (account_id, pool, lot_id, grant_id, expires_at, remaining_millicredits, held_millicredits)
       VALUES (?, ?, ?, ?, ?, ?, 0) ON CONFLICT DO NOTHING`,
    ),
    moveGrant: db.prepare<[number, number, string, string, string]>(
      `UPDATE ${grants} SET remaining_millicredits = remaining_millicredits + ?, held_millicredits = held_millicredits + ?
       WHERE account_id = ? AND pool = ? AND lot_id = ?`,
    ),
  });
  const statementsOn = (db: Database.Database) => {
    let statements = prepared.get(db);
    if (!statements) prepared.set(db, (statements = prepare(db)));
    return statements;
  };

  return {
    name: `wallet-expiry-index:${holds}`,
    filter: { streamPrefixes: [`${WALLET_CATEGORY}-`] },
    setup(db) {
      db.exec(`CREATE TABLE IF NOT EXISTS ${holds} (
        account_id TEXT NOT NULL, pool TEXT NOT NULL, reservation_id TEXT NOT NULL, expires_at INTEGER NOT NULL,
        PRIMARY KEY (account_id, pool, reservation_id)
      );
      CREATE INDEX IF NOT EXISTS ${holds}_by_expiry ON ${holds} (expires_at);
      CREATE TABLE IF NOT EXISTS ${grants} (
        account_id TEXT NOT NULL, pool TEXT NOT NULL, lot_id TEXT NOT NULL, grant_id TEXT NOT NULL, expires_at INTEGER NOT NULL,
        remaining_millicredits INTEGER NOT NULL, held_millicredits INTEGER NOT NULL,
        PRIMARY KEY (account_id, pool, lot_id)
      );
      CREATE INDEX IF NOT EXISTS ${grants}_due ON ${grants} (expires_at) WHERE remaining_millicredits > held_millicredits`);
    },
    apply(db, recorded) {
      const read = asWalletEvent(recorded);
      if (!read) return;
      const { accountId, pool } = read.wallet;
      const s = statementsOn(db);
      const move = (allocations: readonly LotAllocation[], remainingSign: number, heldSign: number) => {
        for (const { lotId, millicredits } of allocations) {
          if (lotId.startsWith('grant:')) s.moveGrant.run(remainingSign * millicredits, heldSign * millicredits, accountId, pool, lotId);
        }
      };
      const { event } = read;
      switch (event.type) {
        case 'CreditsGranted':
          if (event.data.expiresAt !== null) {
            s.addGrant.run(accountId, pool, `grant:${event.data.grantId}`, event.data.grantId, event.data.expiresAt, event.data.millicredits);
          }
          return;
        case 'CreditsReserved':
          s.openHold.run(accountId, pool, event.data.reservationId, event.data.expiresAt);
          return move(event.data.allocations, 0, 1);
        case 'CreditsCharged':
          s.closeHold.run(accountId, pool, event.data.reservationId);
          return move(event.data.allocations, -1, -1);
        case 'CreditsReleased':
        case 'ReservationExpired':
          s.closeHold.run(accountId, pool, event.data.reservationId);
          return move(event.data.allocations, 0, -1);
        case 'CreditsRefunded':
          return move(event.data.allocations, 1, 0);
        case 'CreditsExpired':
          return move([{ lotId: event.data.lotId, millicredits: event.data.millicredits }], -1, 0);
        default:
          return;
      }
    },
    drop(db) {
      db.exec(`DROP TABLE IF EXISTS ${holds}; DROP TABLE IF EXISTS ${grants}`);
      prepared.delete(db);
    },
  };
}

/** Open holds whose TTL ran out by `now`, earliest first. */
export function holdsDueBy(db: Database.Database, now: number, limit: number, prefix = 'wallet'): DueHold[] {
  return db
    .prepare<[number, number], DueHold>(
      `SELECT account_id AS accountId, pool, reservation_id AS reservationId, expires_at AS expiresAt
       FROM ${tablesOf(prefix).holds} WHERE expires_at <= ? ORDER BY expires_at, account_id, pool, reservation_id LIMIT ?`,
    )
    .all(now, limit);
}

/** Grants expired by `now` with unheld credits left, earliest first. */
export function grantsDueBy(db: Database.Database, now: number, limit: number, prefix = 'wallet'): DueGrant[] {
  return db
    .prepare<[number, number], DueGrant>(
      `SELECT account_id AS accountId, pool, grant_id AS grantId, expires_at AS expiresAt
       FROM ${tablesOf(prefix).grants} WHERE remaining_millicredits > held_millicredits AND expires_at <= ?
       ORDER BY expires_at, account_id, pool, grant_id LIMIT ?`,
    )
    .all(now, limit);
}

/** Both tables in key order (rebuild comparisons). */
export function readExpiryIndex(db: Database.Database, prefix = 'wallet'): { holds: unknown[]; grants: unknown[] } {
  const { holds, grants } = tablesOf(prefix);
  return {
    holds: db.prepare(`SELECT * FROM ${holds} ORDER BY account_id, pool, reservation_id`).all(),
    grants: db.prepare(`SELECT * FROM ${grants} ORDER BY account_id, pool, lot_id`).all(),
  };
}
