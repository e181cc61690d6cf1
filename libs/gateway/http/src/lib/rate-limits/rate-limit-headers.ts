import type { RateLimitOutcome } from './rate-limiter';

/*
 * The IETF's RateLimit header fields (draft-ietf-httpapi-ratelimit-headers), both
 * Structured Field lists with one item, the policy's name:
 *   RateLimit-Policy: "per-api-key";q=100;w=60   (quota q per window of w seconds)
 *   RateLimit:        "per-api-key";r=42;t=17    (r remaining, t seconds until the quota is whole)
 */
export const RATE_LIMIT_HEADER = 'RateLimit';
export const RATE_LIMIT_POLICY_HEADER = 'RateLimit-Policy';

export function rateLimitHeaders(outcome: RateLimitOutcome): Record<string, string> {
  const name = `"${outcome.policyName}"`;
  return {
    [RATE_LIMIT_POLICY_HEADER]: `${name};q=${outcome.policy.limit};w=${outcome.policy.windowSeconds}`,
    [RATE_LIMIT_HEADER]: `${name};r=${outcome.remaining};t=${outcome.resetSeconds}`,
  };
}
