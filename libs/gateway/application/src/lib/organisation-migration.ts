import type { Logger } from '@billing/service-host';

/** What runs the migration: `BillingGateway.migrateAccountsToOrganisations`. */
export interface MigratesAccounts {
  migrateAccountsToOrganisations(): Promise<number>;
}

export interface OrganisationMigration {
  /** true once the first attempt migrated every account; false when it failed (the next attempts go on in the background). */
  readonly firstAttempt: Promise<boolean>;
  /** Resolves once an attempt succeeded, or once stopped. */
  readonly done: Promise<void>;
  stop(): void;
}

/**
 * The migration of accounts to organisations at the gateway's start, tried again every
 * `retryMillis` until the wallet answers (distributed, it may start after the gateway). A
 * request meanwhile is not held up: an account not migrated yet is founded on its user's
 * first request, and founding twice appends nothing.
 */
export function startOrganisationMigration(gateway: MigratesAccounts, logger: Logger, options: { readonly retryMillis?: number } = {}): OrganisationMigration {
  const retryMillis = options.retryMillis ?? 5_000;
  let stopped = false;
  let wake: (() => void) | null = null;
  const attempt = async (): Promise<boolean> => {
    try {
      const founded = await gateway.migrateAccountsToOrganisations();
      if (founded > 0) logger.info('accounts became organisations', { founded });
      return true;
    } catch (error) {
      if (!stopped) logger.warn('accounts not migrated to organisations yet; trying again', { error, retryMillis });
      return false;
    }
  };
  const firstAttempt = attempt();
  const done = firstAttempt.then(async (migrated) => {
    while (!migrated && !stopped) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, retryMillis);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = null;
      if (!stopped) migrated = await attempt();
    }
  });
  return {
    firstAttempt,
    done,
    stop: () => {
      stopped = true;
      wake?.();
    },
  };
}
