import type { EpochMillis } from '@billing/contracts';

/**
 * The waits before each retry of a delivery, after the first attempt: the schedule the
 * Standard Webhooks spec suggests (5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h), about 27.6 h
 * in all. It is data: a deployment (or a test) passes its own.
 */
export const DEFAULT_RETRY_SCHEDULE_MILLIS: readonly number[] = [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000];

/** Each wait is spread by up to this share either way, so endpoints that failed together are not retried together. */
export const JITTER_SHARE = 0.1;

/** What follows a failed attempt: another one at `at`, or none (the schedule is spent). */
export type AfterFailure = { readonly kind: 'retry'; readonly at: EpochMillis } | { readonly kind: 'exhausted' };

/**
 * `attempts` failed attempts so far (the one that just failed included); `jitter` is a
 * number in [0, 1) the caller draws, so the rule stays a function of its inputs.
 */
export function afterFailure(schedule: readonly number[], attempts: number, failedAt: EpochMillis, jitter: number): AfterFailure {
  const wait = schedule[attempts - 1];
  if (wait === undefined) return { kind: 'exhausted' };
  return { kind: 'retry', at: failedAt + Math.round(wait * (1 + JITTER_SHARE * (2 * jitter - 1))) };
}
