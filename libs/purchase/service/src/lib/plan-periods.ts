import type Database from 'better-sqlite3';
import { SUBSCRIPTION_CATEGORY, type GrantPeriod, type SubscriptionCommand, type SubscriptionEvent } from '@billing/contracts';
import type { Projection } from '@billing/event-store';
import { isSubscription, periodsDue, renewalDue, scheduledEndDue, type PlanPeriod, type Subscription } from '@billing/purchase-domain';
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
    // v2: rows say who bills the plan, so a deployment whose provider renews plans itself never scans them.
    name: 'purchase-plan-periods-v2',
    setup(db) {
      db.exec(`CREATE TABLE IF NOT EXISTS purchase_plan_periods_v2 (
        account_id TEXT PRIMARY KEY, next_period_start INTEGER NOT NULL, cancelled_at INTEGER, billed_by_provider INTEGER NOT NULL
      );
      CREATE INDEX IF NOT EXISTS purchase_plan_periods_v2_due ON purchase_plan_periods_v2 (next_period_start)`);
    },
    apply(db, recorded) {
      if (!recorded.streamName.startsWith(`${SUBSCRIPTION_CATEGORY}-`)) return;
      const event = { type: recorded.type, data: recorded.data } as SubscriptionEvent;
      switch (event.type) {
        case 'SubscriptionStarted':
          db.prepare(`INSERT INTO purchase_plan_periods_v2 (account_id, next_period_start, cancelled_at, billed_by_provider) VALUES (?, ?, NULL, ?)
            ON CONFLICT (account_id) DO UPDATE SET next_period_start = excluded.next_period_start, cancelled_at = NULL, billed_by_provider = excluded.billed_by_provider`).run(
            event.data.accountId,
            event.data.periodStart,
            event.data.orderId === undefined ? 0 : 1,
          );
          return;
        case 'PlanPeriodGranted':
          // The next period starts where this one ends.
          db.prepare('UPDATE purchase_plan_periods_v2 SET next_period_start = ? WHERE account_id = ?').run(event.data.periodEnd, event.data.accountId);
          return;
        case 'SubscriptionCancelled':
          // A contract plan still owes the periods started before; a plan billed by the provider owes nothing more.
          db.prepare('DELETE FROM purchase_plan_periods_v2 WHERE account_id = ? AND billed_by_provider = 1').run(event.data.accountId);
          db.prepare('UPDATE purchase_plan_periods_v2 SET cancelled_at = ? WHERE account_id = ?').run(event.data.at, event.data.accountId);
          return;
        default:
          return;
      }
    },
    drop(db) {
      db.exec('DROP TABLE IF EXISTS purchase_plan_periods_v2');
    },
  };
}

export function accountsWithPeriodDue(db: Database.Database, now: number, limit: number, withProviderBilled: boolean): string[] {
  return db
    .prepare<[number, number, number], { account_id: string }>(
      `SELECT account_id FROM purchase_plan_periods_v2
       WHERE next_period_start <= ? AND (cancelled_at IS NULL OR next_period_start < cancelled_at) AND billed_by_provider <= ?
       ORDER BY next_period_start, account_id LIMIT ?`,
    )
    .all(now, withProviderBilled ? 1 : 0, limit)
    .map((row) => row.account_id);
}

/** Bills a due period of a plan bought online and hands the provider's answer to the webhook path; the events appended. */
export type RenewPlan = (subscription: Subscription, period: PlanPeriod, now: number) => Promise<number>;

export interface PlanGrantJobOptions {
  readonly streams: PurchaseStreams;
  readonly db: Database.Database;
  readonly caughtUp: () => Promise<void>;
  readonly logger: Logger;
  readonly everyMillis: number;
  readonly pageSize?: number;
  /** Only where the platform bills renewals itself (the sandbox); a real provider renews on its own clock. */
  readonly renew?: RenewPlan;
}

/**
 * Grants every contract plan period whose start has passed, once: `GrantPeriod` per due
 * period (the subscription yields nothing for a period it already granted), and the
 * workflow turns each `PlanPeriodGranted` into the wallet grant that expires at the
 * period's end. With `renew`, a plan bought online is billed when its period starts, and
 * a plan cancelled at period end is ended then.
 */
export function planGrantJob(options: PlanGrantJobOptions): Job {
  const pageSize = options.pageSize ?? 200;
  return {
    name: 'grant-plan-periods',
    everyMillis: options.everyMillis,
    run: async (now) => {
      for (;;) {
        await options.caughtUp();
        const accounts = accountsWithPeriodDue(options.db, now, pageSize, options.renew !== undefined);
        let granted = 0;
        for (const accountId of accounts) {
          const { state } = await options.streams.subscription(accountId);
          if (scheduledEndDue(state, now) && isSubscription(state)) {
            const command: SubscriptionCommand = {
              type: 'CancelSubscription',
              data: { accountId, reason: 'cancelled_at_period_end' },
              metadata: { commandId: `end-at-period-end:${accountId}:${state.endsAt}`, now, correlationId: `plan:${accountId}` },
            };
            granted += await decideSubscription(options.streams, command, options.logger);
            continue;
          }
          const renewal = renewalDue(state, now);
          if (renewal && options.renew && isSubscription(state)) granted += await options.renew(state, renewal, now);
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
