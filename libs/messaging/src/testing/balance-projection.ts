import Database from 'better-sqlite3';
import type { EventMessage } from '../lib/consumer/event-message';
import { applyInboxPragmas, SqliteInbox } from '../lib/consumer/inbox';
import { walletAccountIdOf } from '../lib/topics';
import type { WalletPayloads } from '../lib/wallet/wallet-topic';
import { EventHeader } from '../lib/headers';

/**
 * A consumer's effect for tests: purchased credits per account, plus a log of every
 * application so a double effect shows up even when totals would hide it.
 */
export class BalanceProjection {
  readonly db: Database.Database;
  readonly inbox: SqliteInbox;

  constructor(path = ':memory:') {
    this.db = new Database(path);
    applyInboxPragmas(this.db);
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS balances (account_id TEXT PRIMARY KEY, millicredits INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS applications (event_id TEXT NOT NULL, applied_at INTEGER NOT NULL);
    `);
    this.inbox = new SqliteInbox(this.db);
  }

  readonly apply = (event: EventMessage<WalletPayloads>, db: Database.Database): void => {
    db.prepare('INSERT INTO applications (event_id, applied_at) VALUES (?, ?)').run(event.eventId, Date.now());
    if (event.type !== 'CreditsPurchased') return;
    const account = walletAccountIdOf(event.message.headers[EventHeader.streamName] ?? '');
    db.prepare(
      `INSERT INTO balances (account_id, millicredits) VALUES (?, ?)
       ON CONFLICT (account_id) DO UPDATE SET millicredits = millicredits + excluded.millicredits`,
    ).run(account, event.data.millicredits);
  };

  balanceOf(accountId: string): number {
    return this.db.prepare<[string], { millicredits: number }>('SELECT millicredits FROM balances WHERE account_id = ?').get(accountId)?.millicredits ?? 0;
  }

  applications(): number {
    return this.db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM applications').get()?.n ?? 0;
  }

  distinctApplications(): number {
    return this.db.prepare<[], { n: number }>('SELECT COUNT(DISTINCT event_id) AS n FROM applications').get()?.n ?? 0;
  }

  close(): void {
    this.db.close();
  }
}
