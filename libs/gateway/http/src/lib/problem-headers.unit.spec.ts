import { typeUri } from '@billing/gateway-application';
import type { GatewayRequest } from './http-context';
import { CONCURRENCY_RETRY_AFTER_SECONDS, problemHeaders } from './problem-headers';

const request = (authorization?: string): GatewayRequest => ({ headers: authorization ? { authorization } : {} }) as GatewayRequest;
const problem = (type: string, status: number, members: Record<string, unknown> = {}) => ({ type: typeUri(type), title: type, status, detail: `a "${type}" \\ refusal`, ...members });

describe('problemHeaders: what a problem answer carries beside its body', () => {
  it('given a problem that says when to retry (503, rate limit), then Retry-After says it too', () => {
    expect(problemHeaders(problem('unavailable', 503, { retry_after: 2 }), request())).toEqual({ 'Retry-After': '2' });
    expect(problemHeaders(problem('rate-limited', 429, { retry_after: 17 }), request())).toEqual({ 'Retry-After': '17' });
  });

  it('given the concurrency limit, then Retry-After is the hint; given a refusal no retry cures, then nothing', () => {
    expect(problemHeaders(problem('concurrency-limit', 429, { limit: 6, running: 6 }), request())).toEqual({ 'Retry-After': String(CONCURRENCY_RETRY_AFTER_SECONDS) });
    expect(problemHeaders(problem('insufficient-credits', 402), request())).toEqual({});
  });

  it('given a 401, then the Bearer challenge, with invalid_token and a quoted-string-safe reason when a credential was sent', () => {
    expect(problemHeaders(problem('unauthorized', 401), request())).toEqual({ 'WWW-Authenticate': 'Bearer realm="billing"' });
    expect(problemHeaders(problem('unauthorized', 401), request('Bearer x'))).toEqual({
      'WWW-Authenticate': 'Bearer realm="billing", error="invalid_token", error_description="a  unauthorized    refusal"',
    });
  });
});
