import type { ProblemDocument } from '@billing/gateway-application';
import type { GatewayRequest } from './http-context';

/**
 * A concurrency-limit 429 is cured when one of the account's tasks ends, which nobody can
 * time: a hint to poll by (or send `queue: true` to wait for the slot instead).
 */
export const CONCURRENCY_RETRY_AFTER_SECONDS = 5;

/** The realm of the one challenge the document declares for both credentials: HTTP Bearer (RFC 6750). */
export const AUTH_REALM = 'billing';

/**
 * Headers a problem answer carries beside its body: `Retry-After` when a retry can cure it
 * (a 503, the rate limit, the concurrency limit), and the Bearer challenge on a 401.
 */
export function problemHeaders(problem: ProblemDocument, request: GatewayRequest): Record<string, string> {
  const retryAfter = problem['retry_after'];
  if (typeof retryAfter === 'number') return { 'Retry-After': String(retryAfter) };
  if (problem.status === 429 && problem.type.endsWith('/concurrency-limit')) return { 'Retry-After': String(CONCURRENCY_RETRY_AFTER_SECONDS) };
  if (problem.status === 401) return { 'WWW-Authenticate': bearerChallenge(problem.detail, request.headers.authorization !== undefined) };
  return {};
}

/** Without credentials, the bare challenge (RFC 6750 3.1); with bad ones, `invalid_token` and why. */
function bearerChallenge(detail: string, credentialsSent: boolean): string {
  const realm = `Bearer realm="${AUTH_REALM}"`;
  if (!credentialsSent) return realm;
  // A quoted-string of printable ASCII without quote or backslash.
  const description = detail.replace(/[^\x20-\x7e]|["\\]/g, ' ').slice(0, 200);
  return `${realm}, error="invalid_token", error_description="${description}"`;
}
