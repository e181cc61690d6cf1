import type { Caller } from '@billing/gateway-application';
import { rateLimitHeaders } from './rate-limit-headers';
import { RateLimiter } from './rate-limiter';

const appUser: Caller = { accountId: 'acct-1', channel: 'app', role: 'user' };
const apiKey: Caller = { accountId: 'acct-1', channel: 'api', role: 'user', keyId: 'k1' };

describe('RateLimiter: fixed windows per API key and per app user', () => {
  let now = 1_000_000;
  const limiter = new RateLimiter({ apiKey: { limit: 2, windowSeconds: 10 }, appUser: { limit: 1, windowSeconds: 60 } }, () => now);

  it('given a budget, when it is spent, then refused until the window ends, each credential on its own policy', () => {
    expect(limiter.take(apiKey)).toMatchObject({ allowed: true, policyName: 'per-api-key', remaining: 1, resetSeconds: 10 });
    now += 4_500;
    expect(limiter.take(apiKey)).toMatchObject({ allowed: true, remaining: 0, resetSeconds: 6 });
    expect(limiter.take(apiKey)).toMatchObject({ allowed: false, remaining: 0, resetSeconds: 6 });
    // The app user of the same account has its own budget.
    expect(limiter.take(appUser)).toMatchObject({ allowed: true, policyName: 'per-app-user', remaining: 0 });
    now += 5_500;
    expect(limiter.take(apiKey)).toMatchObject({ allowed: true, remaining: 1, resetSeconds: 10 });
    expect(limiter.take(appUser)).toMatchObject({ allowed: false });
  });

  it('given an outcome, then the IETF header fields name the policy, its quota and what is left', () => {
    const outcome = new RateLimiter({ apiKey: { limit: 100, windowSeconds: 60 }, appUser: { limit: 5, windowSeconds: 1 } }, () => 0).take(apiKey);
    expect(rateLimitHeaders(outcome)).toEqual({ 'RateLimit-Policy': '"per-api-key";q=100;w=60', RateLimit: '"per-api-key";r=99;t=60' });
  });
});
