/** When a refused call is sent again: on 429 and 503 only, a bounded number of times. */
export interface RetryPolicy {
  /** Retries after the first attempt (default 3; 0 never retries). */
  readonly retries: number;
  /** The first backoff; each retry doubles it (default 200 ms). */
  readonly baseDelayMillis: number;
  /** No wait is longer, Retry-After included (default 30 s): past it the error is thrown instead. */
  readonly maxDelayMillis: number;
}

export const DEFAULT_RETRY: RetryPolicy = { retries: 3, baseDelayMillis: 200, maxDelayMillis: 30_000 };

/** Statuses a retry can cure: the rate limit or the concurrency limit (429), a busy or restarting service (503). */
export const isRetryable = (status: number): boolean => status === 429 || status === 503;

/**
 * The wait before retry number `attempt` (0 for the first): what Retry-After asks when it is
 * given, else full-jitter exponential backoff (a random wait up to base x 2^attempt), so
 * clients refused together do not come back together. Null when the wait would exceed the
 * policy's maximum.
 */
export function retryDelayMillis(policy: RetryPolicy, attempt: number, retryAfter: string | null, random: () => number, now: number): number | null {
  const asked = retryAfterMillis(retryAfter, now);
  const delay = asked ?? Math.round(random() * policy.baseDelayMillis * 2 ** attempt);
  return delay > policy.maxDelayMillis ? null : delay;
}

/** Retry-After as delay-seconds or an HTTP date (RFC 9110 section 10.2.3), in milliseconds from `now`. */
export function retryAfterMillis(value: string | null, now: number): number | null {
  if (value === null || value.trim() === '') return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}
