import { sleep } from '../sleep';

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  readonly attempts: number;
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
}

/** About 6 s of retries in all: long enough for a lock or a broker blip, short enough to surface a bug. */
export const DEFAULT_RETRY: RetryPolicy = { attempts: 8, initialDelayMs: 50, maxDelayMs: 2_000 };

export class RetriesExhaustedError extends Error {
  constructor(
    readonly attempts: number,
    readonly lastError: unknown,
  ) {
    super(`Gave up after ${attempts} attempts: ${lastError instanceof Error ? lastError.message : String(lastError)}`);
    this.name = 'RetriesExhaustedError';
  }
}

export const backoffDelay = (policy: RetryPolicy, attempt: number): number =>
  Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** (attempt - 1));

/** Runs `work` until it succeeds or the policy's attempts are spent, doubling the wait each time. */
export async function withRetry<T>(policy: RetryPolicy, work: (attempt: number) => T | Promise<T>): Promise<T> {
  let lastError: unknown;
  for (let attempt = 1; attempt <= policy.attempts; attempt++) {
    try {
      return await work(attempt);
    } catch (error) {
      lastError = error;
      if (attempt < policy.attempts) await sleep(backoffDelay(policy, attempt));
    }
  }
  throw new RetriesExhaustedError(policy.attempts, lastError);
}
