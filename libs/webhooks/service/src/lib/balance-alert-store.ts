import type Database from 'better-sqlite3';
import type { BalanceAlert } from '@billing/webhooks-domain';

interface Row {
  pool: string;
  kind: BalanceAlert['kind'];
  threshold_millicredits: number;
  armed: number;
  crossings: number;
}

const alertOf = (row: Row): BalanceAlert => ({ kind: row.kind, thresholdMillicredits: row.threshold_millicredits, armed: row.armed === 1, crossings: row.crossings });

/**
 * Each pool's low-balance alerts and whether each is armed, in the webhooks service's
 * database: written in the same transaction as the deliveries a firing queues, so a
 * batch seen again fires nothing twice.
 */
export class BalanceAlertStore {
  constructor(private readonly db: Database.Database) {
    db.exec(`CREATE TABLE IF NOT EXISTS webhook_balance_alerts (
      account_id TEXT NOT NULL,
      pool TEXT NOT NULL,
      kind TEXT NOT NULL,
      threshold_millicredits INTEGER NOT NULL,
      armed INTEGER NOT NULL,
      crossings INTEGER NOT NULL,
      PRIMARY KEY (account_id, pool, kind, threshold_millicredits)
    );`);
  }

  of(accountId: string, pool: string): BalanceAlert[] {
    const rows = this.db.prepare(`SELECT * FROM webhook_balance_alerts WHERE account_id = ? AND pool = ? ORDER BY kind DESC, threshold_millicredits DESC`).all(accountId, pool) as Row[];
    return rows.map(alertOf);
  }

  /** The account's pools that have alerts, each with them. */
  byPool(accountId: string): Map<string, BalanceAlert[]> {
    const rows = this.db.prepare(`SELECT * FROM webhook_balance_alerts WHERE account_id = ? ORDER BY pool, kind DESC, threshold_millicredits DESC`).all(accountId) as Row[];
    const pools = new Map<string, BalanceAlert[]>();
    for (const row of rows) pools.set(row.pool, [...(pools.get(row.pool) ?? []), alertOf(row)]);
    return pools;
  }

  /** The pool's alerts become exactly these (the state of each one kept is the caller's to carry over). */
  replace(accountId: string, pool: string, alerts: readonly BalanceAlert[]): void {
    this.db.transaction(() => {
      this.db.prepare(`DELETE FROM webhook_balance_alerts WHERE account_id = ? AND pool = ?`).run(accountId, pool);
      this.save(accountId, pool, alerts);
    })();
  }

  save(accountId: string, pool: string, alerts: readonly BalanceAlert[]): void {
    const upsert = this.db.prepare(
      `INSERT INTO webhook_balance_alerts (account_id, pool, kind, threshold_millicredits, armed, crossings) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (account_id, pool, kind, threshold_millicredits) DO UPDATE SET armed = excluded.armed, crossings = excluded.crossings`,
    );
    for (const alert of alerts) upsert.run(accountId, pool, alert.kind, alert.thresholdMillicredits, alert.armed ? 1 : 0, alert.crossings);
  }
}
