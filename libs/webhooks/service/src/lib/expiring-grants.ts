import type Database from 'better-sqlite3';
import type { ExpiringGrant } from '@billing/webhooks-domain';

interface Row {
  event_id: string;
  account_id: string;
  pool: string;
  grant_id: string;
  millicredits: number;
  expires_at: number;
}

/**
 * The plan grants whose expiry `grant.expiring` announces, each with when its notice is
 * due and whether it went out: remembered in the batch that saw the grant, marked in the
 * transaction that queues the notice, so each grant is announced once.
 */
export class ExpiringGrants {
  constructor(private readonly db: Database.Database) {
    db.exec(`CREATE TABLE IF NOT EXISTS webhook_expiring_grants (
      event_id TEXT PRIMARY KEY,
      account_id TEXT NOT NULL,
      pool TEXT NOT NULL,
      grant_id TEXT NOT NULL,
      millicredits INTEGER NOT NULL,
      expires_at INTEGER NOT NULL,
      notice_at INTEGER NOT NULL,
      noticed INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX IF NOT EXISTS webhook_expiring_grants_due ON webhook_expiring_grants (notice_at) WHERE noticed = 0;`);
  }

  remember(grant: ExpiringGrant, noticeAt: number): void {
    this.db
      .prepare(`INSERT OR IGNORE INTO webhook_expiring_grants (event_id, account_id, pool, grant_id, millicredits, expires_at, notice_at) VALUES (?, ?, ?, ?, ?, ?, ?)`)
      .run(grant.eventId, grant.accountId, grant.pool, grant.grantId, grant.millicredits, grant.expiresAt, noticeAt);
  }

  /** The grants whose notice is due by `now` and not sent. */
  due(now: number): ExpiringGrant[] {
    const rows = this.db.prepare(`SELECT * FROM webhook_expiring_grants WHERE noticed = 0 AND notice_at <= ? ORDER BY notice_at, event_id`).all(now) as Row[];
    return rows.map((row) => ({ eventId: row.event_id, accountId: row.account_id, pool: row.pool, grantId: row.grant_id, millicredits: row.millicredits, expiresAt: row.expires_at }));
  }

  noticed(eventId: string): void {
    this.db.prepare(`UPDATE webhook_expiring_grants SET noticed = 1 WHERE event_id = ?`).run(eventId);
  }
}
