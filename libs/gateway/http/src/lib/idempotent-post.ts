import { REQUEST_LIMITS } from '@billing/contracts';
import { type BillingGateway, problemDocumentOf, requestFingerprint, gatewayProblems, type StoredResponse } from '@billing/gateway-application';
import type { FastifyReply } from 'fastify';
import { callerOf, type GatewayRequest, IDEMPOTENCY_HEADER, PROBLEM_CONTENT_TYPE } from './http-context';

export const REPLAYED_HEADER = 'idempotent-replayed';

/**
 * A POST that honours (and answers itself, so its status is its own) `Idempotency-Key`: without one it simply runs; with one, the first
 * answer (success or refusal) is kept and replayed for the same key and body, and the same
 * key with another body is a 422. `stored` may change what is kept (an API key's secret is never stored).
 */
export async function idempotentPost(
  gateway: BillingGateway,
  request: GatewayRequest,
  reply: FastifyReply,
  status: number,
  work: () => Promise<unknown>,
  stored: (body: unknown) => unknown = (body) => body,
): Promise<void> {
  const key = request.headers[IDEMPOTENCY_HEADER];
  if (key === undefined) {
    const body = await work();
    await reply.status(status).send(body);
    return;
  }
  // Node reads a header's bytes as Latin-1: a non-ASCII byte shows here as a character above 0x7e.
  if (typeof key !== 'string' || !REQUEST_LIMITS.idempotencyKey.pattern.test(key)) {
    throw gatewayProblems.validation([{ field: 'Idempotency-Key', message: REQUEST_LIMITS.idempotencyKey.message }]);
  }
  const first: { response?: StoredResponse } = {};
  const path = request.url.split('?')[0] ?? request.url;
  const outcome = await gateway.idempotent(callerOf(request), key, requestFingerprint(request.method, path, request.body ?? null), async () => {
    try {
      const body = await work();
      first.response = { status, body };
      return { status, body: stored(body) };
    } catch (error) {
      const problem = problemDocumentOf(error, path);
      if (problem.status >= 500) throw error;
      return { status: problem.status, body: problem };
    }
  });
  // The first caller gets its own body (an API key with its secret); replays get what was kept.
  const answer: StoredResponse = outcome.replayed || !first.response ? outcome : first.response;
  if (outcome.replayed) void reply.header(REPLAYED_HEADER, 'true');
  if (answer.status >= 400) void reply.header('content-type', PROBLEM_CONTENT_TYPE);
  await reply.status(answer.status).send(answer.body);
}
