import { backoffDelay } from '@billing/messaging';
import type { StopFlag } from './stop-flag';

export interface Backoff {
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_BACKOFF: Backoff = { initialDelayMs: 50, maxDelayMs: 2_000 };

export class StoppedError extends Error {
  constructor() {
    super('stopped while retrying');
    this.name = 'StoppedError';
  }
}

/**
 * Retries `work` with growing pauses until it succeeds: a transient failure (a lock,
 * a broker away) is waited out, never skipped. Only a stop ends the attempts, by
 * throwing, so whatever was being handled stays uncommitted and is redelivered.
 */
export async function untilDone<T>(
  work: () => Promise<T> | T,
  options: { readonly backoff: Backoff; readonly stop: StopFlag; readonly onError: (error: unknown, attempt: number) => void },
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (options.stop.isRaised) throw new StoppedError();
      options.onError(error, attempt);
      await options.stop.pause(backoffDelay({ attempts: Infinity, ...options.backoff }, attempt));
      if (options.stop.isRaised) throw new StoppedError();
    }
  }
}
