import { SERVICES } from '@billing/contracts';
import type { Logger } from '@billing/service-host';
import {
  type DeliveryErrorHandler,
  type GenerationProvider,
  GenerationSimulator,
  type GenerationSimulatorOptions,
  HttpGenerationProvider,
  type HttpGenerationProviderOptions,
} from '@billing/generation-provider';

/** Which generation provider the service dispatches to. */
export type GenerationProviderChoice =
  | { readonly kind: 'simulator'; readonly options?: GenerationSimulatorOptions }
  | { readonly kind: 'http'; readonly options: HttpGenerationProviderOptions }
  /** One the caller built (and closes). */
  | { readonly kind: 'instance'; readonly provider: GenerationProvider };

export interface TasksServiceOptions {
  /** Default: the simulator with zero latency and no failures. */
  readonly provider?: GenerationProviderChoice;
  /** The price book tasks are quoted from; the pricing service's active book when absent. */
  readonly priceBookId?: string;
  /** How long the wallet holds a task's credits before the hold lapses (default 30 min). */
  readonly reservationTtlMillis?: number;
  /** A task requested, reserved or at the provider longer than this is timed out (default 10 min). */
  readonly taskTimeoutMillis?: number;
  /** The process's monotonic clock in milliseconds, which times tasks out (default `performance.now`; tests move it by hand). */
  readonly monotonic?: () => number;
  /** How often the time-out sweep runs (default 1 s). */
  readonly timeoutSweepEveryMillis?: number;
  /** How long `createTask` waits for the wallet's answer to a reservation before leaving it to the saga and answering `requested` (default 5 s). */
  readonly createWaitMillis?: number;
  /** How long a catalog answer (default plans) is reused (default 10 s). */
  readonly catalogCacheMillis?: number;
  /** Partitions of the task topic (default 8). */
  readonly partitions?: number;
  readonly walletService?: string;
  readonly pricingService?: string;
}

export type ResolvedTasksOptions = Required<Omit<TasksServiceOptions, 'priceBookId' | 'provider'>> &
  Pick<TasksServiceOptions, 'priceBookId'> & { readonly provider: GenerationProviderChoice };

export function resolveTasksOptions(options: TasksServiceOptions): ResolvedTasksOptions {
  const resolved: ResolvedTasksOptions = {
    provider: options.provider ?? { kind: 'simulator' },
    priceBookId: options.priceBookId,
    reservationTtlMillis: options.reservationTtlMillis ?? 30 * 60_000,
    taskTimeoutMillis: options.taskTimeoutMillis ?? 10 * 60_000,
    monotonic: options.monotonic ?? (() => performance.now()),
    timeoutSweepEveryMillis: options.timeoutSweepEveryMillis ?? 1_000,
    createWaitMillis: options.createWaitMillis ?? 5_000,
    catalogCacheMillis: options.catalogCacheMillis ?? 10_000,
    partitions: options.partitions ?? 8,
    walletService: options.walletService ?? SERVICES.wallet,
    pricingService: options.pricingService ?? SERVICES.pricing,
  };
  for (const name of ['reservationTtlMillis', 'taskTimeoutMillis', 'timeoutSweepEveryMillis', 'createWaitMillis', 'partitions'] as const) {
    const value = resolved[name];
    if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`tasks service: ${name} must be a whole number from 1, got ${value}`);
  }
  if (!Number.isSafeInteger(resolved.catalogCacheMillis) || resolved.catalogCacheMillis < 0) {
    throw new RangeError(`tasks service: catalogCacheMillis must be a whole number from 0, got ${resolved.catalogCacheMillis}`);
  }
  // A hold must outlive the task it pays for, or a slow success finds its credits gone.
  if (resolved.reservationTtlMillis <= resolved.taskTimeoutMillis) {
    throw new RangeError(
      `tasks service: reservationTtlMillis (${resolved.reservationTtlMillis}) must be longer than taskTimeoutMillis (${resolved.taskTimeoutMillis})`,
    );
  }
  return resolved;
}

/** The provider to dispatch to, and whether the service owns (and so closes) it; an outcome not yet recorded is logged with `logger`. */
export function providerOf(choice: GenerationProviderChoice, logger: Logger): { readonly provider: GenerationProvider; readonly owned: boolean } {
  const onDeliveryError: DeliveryErrorHandler = (error, outcome) =>
    logger.warn('a generation outcome was not recorded; it is delivered again', { taskId: outcome.taskId, providerJobId: outcome.providerJobId, error: String(error) });
  switch (choice.kind) {
    case 'simulator':
      return { provider: new GenerationSimulator({ onDeliveryError, ...choice.options }), owned: true };
    case 'http':
      return { provider: new HttpGenerationProvider({ onDeliveryError, ...choice.options }), owned: true };
    case 'instance':
      return { provider: choice.provider, owned: false };
  }
}
