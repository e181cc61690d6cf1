import { type Caller, ORGANISATION_HEADER, type RequestContext } from '@billing/gateway-application';
import type { FastifyRequest } from 'fastify';

/** A request as the gateway's handlers see it: its caller once authenticated, its raw body for webhooks. */
export type GatewayRequest = FastifyRequest & { caller?: Caller; rawBody?: Buffer };

export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const REQUEST_ID_HEADER = 'x-request-id';
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export function requestContextOf(request: GatewayRequest): RequestContext {
  const key = request.headers[IDEMPOTENCY_HEADER];
  const organisationId = request.headers[ORGANISATION_HEADER];
  return {
    requestId: request.id,
    ...(typeof key === 'string' && key.length > 0 ? { idempotencyKey: key } : {}),
    ...(typeof organisationId === 'string' ? { organisationId } : {}),
  };
}

/** The authenticated caller (the guard put it there; a route without one is public). */
export function callerOf(request: GatewayRequest): Caller {
  if (!request.caller) throw new Error(`route ${request.url} reached without a caller`);
  return request.caller;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The client's X-Request-Id when it is a sane token, else a new one. */
export const requestIdFrom = (header: string | string[] | undefined, fresh: () => string): string =>
  typeof header === 'string' && REQUEST_ID.test(header) ? header : fresh();
