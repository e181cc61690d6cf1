export * from './lib/gateway-http';
export { ProblemFilter } from './lib/problem-filter';
export { REPLAYED_HEADER } from './lib/idempotent-post';
export { REQUEST_ID_HEADER, IDEMPOTENCY_HEADER, PROBLEM_CONTENT_TYPE } from './lib/http-context';
export { DASHBOARD_PATH } from './lib/dashboard-files';
export { DEFAULT_RATE_LIMITS, type RateLimitPolicy, type RateLimits } from './lib/rate-limits/rate-limiter';
export { DEFAULT_PUBLIC_URL } from './lib/openapi-document';
