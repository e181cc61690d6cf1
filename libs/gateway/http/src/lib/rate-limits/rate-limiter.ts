import type { Caller } from '@billing/gateway-application';

/** At most `limit` requests in each window of `windowSeconds`. */
export interface RateLimitPolicy {
  readonly limit: number;
  readonly windowSeconds: number;
}

/** One budget per API key and one per app user, each across every authenticated route. */
export interface RateLimits {
  readonly apiKey: RateLimitPolicy;
  readonly appUser: RateLimitPolicy;
}

/** Generous: the limit is there to stop a runaway client, not to meter a normal one. */
export const DEFAULT_RATE_LIMITS: RateLimits = {
  apiKey: { limit: 100_000, windowSeconds: 60 },
  appUser: { limit: 100_000, windowSeconds: 60 },
};

/** Policy names as `RateLimit` and `RateLimit-Policy` show them. */
export type RateLimitPolicyName = 'per-api-key' | 'per-app-user';

/** What one request took from its caller's budget. */
export interface RateLimitOutcome {
  readonly allowed: boolean;
  readonly policyName: RateLimitPolicyName;
  readonly policy: RateLimitPolicy;
  readonly remaining: number;
  /** Seconds until the window ends and the budget is whole again (at least 1). */
  readonly resetSeconds: number;
}

interface Window {
  readonly endsAtMillis: number;
  used: number;
}

/** Above this many callers, windows that have ended are dropped before a new one opens. */
const PRUNE_ABOVE = 10_000;

/** Fixed windows per caller, in this process's memory (each gateway replica counts its own). */
export class RateLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly limits: RateLimits,
    private readonly now: () => number = Date.now,
  ) {}

  take(caller: Caller): RateLimitOutcome {
    const [policyName, policy, key] = caller.keyId
      ? (['per-api-key', this.limits.apiKey, `key:${caller.keyId}`] as const)
      : (['per-app-user', this.limits.appUser, `user:${caller.accountId}`] as const);
    const now = this.now();
    const window = this.windowOf(key, policy, now);
    const allowed = window.used < policy.limit;
    if (allowed) window.used += 1;
    const resetSeconds = Math.max(1, Math.ceil((window.endsAtMillis - now) / 1000));
    return { allowed, policyName, policy, remaining: Math.max(0, policy.limit - window.used), resetSeconds };
  }

  private windowOf(key: string, policy: RateLimitPolicy, now: number): Window {
    const current = this.windows.get(key);
    if (current && current.endsAtMillis > now) return current;
    if (!current && this.windows.size >= PRUNE_ABOVE) this.dropEnded(now);
    const fresh = { endsAtMillis: now + policy.windowSeconds * 1000, used: 0 };
    this.windows.set(key, fresh);
    return fresh;
  }

  private dropEnded(now: number): void {
    for (const [key, window] of this.windows) if (window.endsAtMillis <= now) this.windows.delete(key);
  }
}
