import type Database from 'better-sqlite3';
import { SUBSCRIPTION_CATEGORY, type GrantPeriod, type SubscriptionEvent } from '@billing/contracts';
import type { Projection } from '@billing/event-store';
import { periodsDue } from '@billing/purchase-domain';
import type { Job, Logger } from '@billing/service-host';
import type { PurchaseStreams } from './purchase-streams';
import { decideSubscription } from './purchase-workflow-reactor';

/**
 * When each account's next plan period starts: the index the grant job reads, so a tick
 * looks only at subscriptions with a period due. Follows every event of the store (the
 * checkpoint then reaches its head); only subscription events change it.
 */
export function planPeriodsProjection(): Projection {
  return {
    name: 'purchase-plan-periods',
    setup(db) {
      db.exec(`CREATE TABLE IF NOT EXISTS purchase_plan_periods (
        account_id TEXT PRIMARY KEY, next_period_start INTEGER NOT NULL, cancelled_at INTEGER
      );
      CREATE INDEX IF NOT EXISTS purchase_plan_periods_due ON purchase_plan_periods (next_period_start)`);
    },
    apply(db, recorded) {
      if (!recorded.streamName.startsWith(`${SUBSCRIPTION_CATEGORY}-`)) return;
      const event = { type: recorded.type, data: recorded.data } as SubscriptionEvent;
      switch (event.type) {
        case 'SubscriptionStarted':
          db.prepare(`INSERT INTO purchase_plan_periods (account_id, next_period_start, cancelled_at) VALUES (?, ?, NULL)
            ON CONFLICT (account_id) DO UPDATE SET next_period_start = excluded.next_period_start, cancelled_at = NULL`).run(event.data.accountId, event.data.periodStart);
          return;
        case 'PlanPeriodGranted':
          // The next period starts where this one ends.
          db.prepare('UPDATE purchase_plan_periods SET next_period_start = ? WHERE account_id = ?').run(event.data.periodEnd, event.data.accountId);
          return;
        case 'SubscriptionCancelled':
          db.prepare('UPDATE purchase_plan_periods SET cancelled_at = ? WHERE account_id = ?').run(event.data.at, event.data.accountId);
          return;
        default:
          return;
      }
    },
    drop(db) {
      db.exec('DROP TABLE IF EXISTS purchase_plan_periods');
    },
  };
}

export function accountsWithPeriodDue(db: Database.Database, now: number, limit: number): string[] {
  return db
    .prepare<[number, number], { account_id: string }>(
      `SELECT account_id FROM purchase_plan_periods
       WHERE next_period_start <= ? AND (cancelled_at IS NULL OR next_period_start < cancelled_at)
       ORDER BY next_period_start, account_id LIMIT ?`,
    )
    .all(now, limit)
    .map((row) => row.account_id);
}

export interface PlanGrantJobOptions {
  readonly streams: PurchaseStreams;
  readonly db: Database.Database;
  readonly caughtUp: () => Promise<void>;
  readonly logger: Logger;
  readonly everyMillis: number;
  readonly pageSize?: number;
}

/**
 * Grants every plan period whose start has passed, once: `GrantPeriod` per due period
 * (the subscription yields nothing for a period it already granted), and the workflow
 * turns each `PlanPeriodGranted` into the wallet grant that expires at the period's end.
 */
export function planGrantJob(options: PlanGrantJobOptions): Job {
  const pageSize = options.pageSize ?? 200;
  return {
    name: 'grant-plan-periods',
    everyMillis: options.everyMillis,
    run: async (now) => {
      for (;;) {
        await options.caughtUp();
        const accounts = accountsWithPeriodDue(options.db, now, pageSize);
        let granted = 0;
        for (const accountId of accounts) {
          const { state } = await options.streams.subscription(accountId);
          for (const period of periodsDue(state, now)) {
            const command: GrantPeriod = {
              type: 'GrantPeriod',
              data: { accountId, ...period },
              metadata: { commandId: `grant-period:${accountId}:${period.periodStart}`, now, correlationId: `plan:${accountId}` },
            };
            granted += await decideSubscription(options.streams, command, options.logger);
          }
        }
        if (granted > 0) options.logger.info('plan periods granted', { count: granted });
        if (accounts.length < pageSize || granted === 0) return;
      }
    },
  };
}
