import { REQUEST_LIMITS } from '@billing/contracts';
import { type BillingGateway, type ProblemDocument, problemDocumentOf, requestFingerprint, gatewayProblems, type StoredResponse } from '@billing/gateway-application';
import type { FastifyReply } from 'fastify';
import { callerOf, type GatewayRequest, IDEMPOTENCY_HEADER, PROBLEM_CONTENT_TYPE } from './http-context';
import { problemHeaders } from './problem-headers';

export const REPLAYED_HEADER = 'idempotent-replayed';

/** How a POST's answer is kept and replayed. */
export interface IdempotentPostOptions<T> {
  /** What is kept of a first answer (default: all of it; an API key's secret never is). */
  readonly kept?: (body: T) => unknown;
  /**
   * A replayed success shows its resource as it is now (a task charged since, an order
   * paid), read from what was kept: the status and the resource stay the first answer's.
   * Without it (a quote, an API key) the kept answer is replayed as it was.
   */
  readonly current?: (kept: T) => Promise<T>;
}

/**
 * A POST that honours (and answers itself, so its status is its own) `Idempotency-Key`:
 * without one it simply runs; with one, the first answer (success or refusal) is kept for
 * the key and the credential that sent it (the app user, or one API key). The same key
 * and body from that credential answer it again (a refusal as it was, a success with its
 * resource as it is now); the key with another body, or from another credential, is a 422.
 */
export async function idempotentPost<T>(
  gateway: BillingGateway,
  request: GatewayRequest,
  reply: FastifyReply,
  status: number,
  work: () => Promise<T>,
  options: IdempotentPostOptions<T> = {},
): Promise<void> {
  const key = request.headers[IDEMPOTENCY_HEADER];
  if (key === undefined) {
    const body = await work();
    await reply.status(status).send(body);
    return;
  }
  // Node reads a header's bytes as Latin-1: a non-ASCII byte shows here as a character above 0x7e.
  if (typeof key !== 'string' || !REQUEST_LIMITS.idempotencyKey.pattern.test(key)) {
    throw gatewayProblems.validation([{ header: 'Idempotency-Key', message: REQUEST_LIMITS.idempotencyKey.message }]);
  }
  const first: { response?: StoredResponse } = {};
  const path = request.url.split('?')[0] ?? request.url;
  const outcome = await gateway.idempotent(callerOf(request), key, requestFingerprint(request.method, path, request.body ?? null), async () => {
    try {
      const body = await work();
      first.response = { status, body };
      return { status, body: options.kept ? options.kept(body) : body };
    } catch (error) {
      const problem = problemDocumentOf(error, path);
      if (problem.status >= 500) throw error;
      return { status: problem.status, body: problem };
    }
  });
  // The first caller gets its own body (an API key with its secret); replays get what was kept, or its resource now.
  const answer: StoredResponse = outcome.replayed || !first.response ? await replayOf(outcome, options) : first.response;
  if (outcome.replayed) void reply.header(REPLAYED_HEADER, 'true');
  if (answer.status >= 400) void reply.header('content-type', PROBLEM_CONTENT_TYPE).headers(problemHeaders(answer.body as ProblemDocument, request));
  await reply.status(answer.status).send(answer.body);
}

/** What was kept is what `work` answered, read back from JSON: the cast lives here, once. */
async function replayOf<T>(kept: StoredResponse, options: IdempotentPostOptions<T>): Promise<StoredResponse> {
  if (!options.current || kept.status >= 400) return kept;
  return { status: kept.status, body: await options.current(kept.body as T) };
}
