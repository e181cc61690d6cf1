import { type CatalogReply, DEFAULT_CONCURRENCY_LIMIT, type Entitlement } from '@billing/contracts';
import type { ReactorEvent } from '@billing/service-host';
import type Database from 'better-sqlite3';
import type { PricingClient } from '../pricing/pricing-client';
import type { SubscriptionPayloads } from '@billing/messaging';

/** What an account's plan allows the task service to do. */
export interface AccountPlan {
  readonly planId: string;
  readonly concurrencyLimit: number;
  readonly priority: boolean;
  readonly entitlements: readonly Entitlement[];
}

interface PlanRow {
  readonly plan_id: string;
  readonly concurrency_limit: number | null;
  readonly priority: number | null;
  readonly entitlements: string | null;
}

const SCHEMA = `CREATE TABLE IF NOT EXISTS account_plans (
  account_id TEXT PRIMARY KEY,
  plan_id TEXT NOT NULL,
  concurrency_limit INTEGER,
  priority INTEGER,
  entitlements TEXT
)`;

/**
 * Each account's plan, from the purchase service's subscription events. An account
 * without one is on the default plan of the book in force. Upserts by account are
 * idempotent and arrive in order (the topic is keyed by account), so a redelivery is harmless.
 */
export class AccountPlans {
  private readonly select: Database.Statement<[string], PlanRow>;
  private readonly upsert: Database.Statement<[string, string, number | null, number | null, string | null]>;
  private readonly remove: Database.Statement<[string]>;

  constructor(
    private readonly db: Database.Database,
    private readonly pricing: PricingClient,
  ) {
    db.exec(SCHEMA);
    this.select = db.prepare('SELECT plan_id, concurrency_limit, priority, entitlements FROM account_plans WHERE account_id = ?');
    this.upsert = db.prepare(`INSERT INTO account_plans (account_id, plan_id, concurrency_limit, priority, entitlements) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (account_id) DO UPDATE SET plan_id = excluded.plan_id, concurrency_limit = excluded.concurrency_limit,
        priority = excluded.priority, entitlements = excluded.entitlements`);
    this.remove = db.prepare('DELETE FROM account_plans WHERE account_id = ?');
  }

  /** Applies subscription events (the bus reactor's handler). */
  async follow(events: readonly ReactorEvent[]): Promise<void> {
    this.db.transaction(() => {
      for (const event of events) this.apply(event);
    })();
  }

  async planOf(accountId: string): Promise<AccountPlan> {
    const row = this.select.get(accountId);
    if (row && row.concurrency_limit !== null && row.priority !== null && row.entitlements !== null) {
      return { planId: row.plan_id, concurrencyLimit: row.concurrency_limit, priority: row.priority === 1, entitlements: JSON.parse(row.entitlements) as Entitlement[] };
    }
    const catalog = await this.pricing.catalog();
    return planFromCatalog(catalog, row?.plan_id ?? catalog.defaultPlanId);
  }

  private apply(event: ReactorEvent): void {
    switch (event.type) {
      case 'SubscriptionStarted':
      case 'PlanPeriodGranted':
      case 'PlanUpgraded': {
        const data = event.data as SubscriptionPayloads['SubscriptionStarted'] | SubscriptionPayloads['PlanPeriodGranted'] | SubscriptionPayloads['PlanUpgraded'];
        const terms = data.concurrencyLimit !== undefined && data.priority !== undefined && data.entitlements !== undefined;
        this.upsert.run(
          data.accountId,
          data.planId,
          terms ? (data.concurrencyLimit ?? null) : null,
          terms ? Number(data.priority) : null,
          terms ? JSON.stringify(data.entitlements) : null,
        );
        return;
      }
      case 'SubscriptionCancelled': {
        const data = event.data as SubscriptionPayloads['SubscriptionCancelled'];
        const row = this.select.get(data.accountId);
        // Only the plan being cancelled goes: a newer plan already recorded stays.
        if (row?.plan_id === data.planId) this.remove.run(data.accountId);
        return;
      }
      default:
        return;
    }
  }
}

/** A plan the book no longer sells keeps the seed's limits and no extras. */
function planFromCatalog(catalog: CatalogReply, planId: string): AccountPlan {
  const plan = catalog.plans.find((candidate) => candidate.id === planId);
  if (!plan) return { planId, concurrencyLimit: DEFAULT_CONCURRENCY_LIMIT, priority: false, entitlements: [] };
  return { planId: plan.id, concurrencyLimit: plan.concurrencyLimit, priority: plan.priority, entitlements: plan.entitlements };
}
