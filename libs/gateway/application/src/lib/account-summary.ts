/** The caller's plan as the dashboard shows it: what it allows and how many tasks may run at once. */
export interface AccountPlanView {
  readonly id: string;
  readonly name: string;
  /** `subscription` when bought, `default` when the price book's default applies. */
  readonly source: string;
  readonly entitlements: readonly string[];
  readonly concurrency_limit: number;
  readonly priority: boolean;
}

export interface AccountView {
  readonly account_id: string;
  /** How this request was authenticated: `app` (a signed-in user) or `api` (an API key). */
  readonly channel: string;
  readonly plan: AccountPlanView;
  /** Tasks holding a concurrency slot now (reserved, dispatched or running). */
  readonly running_tasks: number;
  /** Tasks waiting for a slot. */
  readonly queued_tasks: number;
}

/** The statuses of a task that holds one of the account's concurrency slots. */
export const SLOT_HOLDING_STATUSES = ['reserved', 'dispatched', 'running'] as const;
