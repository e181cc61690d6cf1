// The gateway's public REST shapes this dashboard reads (see /openapi.json).
// Credits are numbers with at most three decimals; money is integer cents with a currency.

export interface Money {
  readonly amount_cents: number;
  readonly currency: string;
}

export interface Balance {
  readonly pool: string;
  readonly balance: number;
  readonly held: number;
  readonly available: number;
}

export interface Balances {
  readonly account_id: string;
  readonly balances: readonly Balance[];
}

export interface Account {
  readonly account_id: string;
  readonly channel: string;
  readonly plan: {
    readonly id: string;
    readonly name: string;
    readonly source: string;
    readonly entitlements: readonly string[];
    readonly concurrency_limit: number;
    readonly priority: boolean;
  };
  readonly running_tasks: number;
  readonly queued_tasks: number;
}

export interface Pack {
  readonly id: string;
  readonly pool: string;
  readonly credits: number;
  readonly price: Money;
}

export interface Catalog {
  readonly price_book: string;
  readonly version: string;
  readonly currency: string;
  readonly unit: string;
  readonly pools: readonly { readonly id: string; readonly channels: readonly string[] }[];
  readonly plans: readonly { readonly id: string; readonly name: string; readonly entitlements: readonly string[]; readonly concurrency_limit: number }[];
  readonly default_plan: string;
  readonly packs: readonly Pack[];
}

export interface Order {
  readonly id: string;
  readonly status: string;
  readonly item: { readonly kind: string; readonly pack_id: string | null; readonly plan_id: string | null; readonly pool: string; readonly credits: number };
  readonly amount: Money;
  readonly placed_at: string;
  readonly payment_id: string | null;
  readonly checkout_url: string | null;
}

export interface ApiKey {
  readonly id: string;
  readonly name: string;
  readonly prefix: string;
  readonly created_at: string;
  readonly last_used_at: string | null;
  readonly revoked_at: string | null;
}

export interface CreatedApiKey extends ApiKey {
  readonly key: string | null;
}

export interface Factor {
  readonly name: string;
  readonly value: string;
  readonly description: string;
}

export interface Quote {
  readonly quote_id: string;
  readonly credits: number;
  readonly unit: string;
  readonly pool: string | null;
  readonly breakdown: readonly Factor[];
  readonly items: readonly { readonly credits: number; readonly breakdown: readonly Factor[] }[];
  readonly price_book: string;
  readonly version: string;
  readonly expires_at: string;
}

export interface Task {
  readonly id: string;
  readonly status: string;
  readonly channel: string;
  readonly pool: string;
  readonly credits_reserved: number;
  readonly credits_cost: number | null;
  readonly quote: {
    readonly quote_id: string;
    readonly credits: number;
    readonly breakdown: readonly Factor[];
    readonly model: string;
    readonly mode: string;
    readonly duration_seconds: number;
    readonly batch_size: number | null;
  };
  readonly end_reason: string | null;
  /** Seconds of output delivered; null until delivered. */
  readonly delivered_duration_seconds: number | null;
  /** `full`, or `pro_rata` for a shorter output charged for its length; null until delivered. */
  readonly charge_basis: string | null;
  readonly preview: boolean;
  readonly adopted: boolean;
  readonly created_at: string;
}

export interface TaskPage {
  readonly tasks: readonly Task[];
  readonly next: string | null;
}

export interface LedgerEntry {
  readonly position: number;
  readonly pool: string;
  readonly at: string;
  readonly type: string;
  readonly credits: number;
  readonly balance_change: number;
  readonly held_change: number;
  readonly balance: number;
  readonly held: number;
  readonly available: number;
  readonly task_id: string | null;
  readonly purchase_id: string | null;
  readonly reason: string | null;
}

export interface LedgerPage {
  readonly entries: readonly LedgerEntry[];
  readonly next: number | null;
}

export interface UsageRow {
  readonly day: string;
  readonly pool: string;
  readonly model: string;
  readonly mode: string;
  readonly credits: number;
  readonly tasks: number;
}

export interface Usage {
  readonly from: string;
  readonly to: string;
  readonly pool: string | null;
  readonly rows: readonly UsageRow[];
  readonly total_credits: number;
}

export interface Utilisation {
  readonly adopted_credits: number;
  readonly charged_credits: number;
  readonly percentage: string | null;
}

/** RFC 9457 problem details, as every error of the gateway is. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly [member: string]: unknown;
}
