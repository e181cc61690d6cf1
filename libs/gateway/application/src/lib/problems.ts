import { RpcError } from '@billing/service-host';

/** A bad input named as the client sent it: a body or query field, or a header (`Idempotency-Key`). */
export type InputError = { readonly field: string; readonly message: string } | { readonly header: string; readonly message: string };

/**
 * The gateway's own refusals, carried like the services' (RpcError with RFC 9457
 * members and a short stable `type`), so REST and gRPC answer both the same way.
 */
export const gatewayProblems = {
  unauthorized: (detail: string): RpcError => new RpcError({ type: 'unauthorized', title: 'Not authenticated', status: 401, detail }),
  forbidden: (detail: string, members: Record<string, unknown> = {}): RpcError =>
    new RpcError({ type: 'forbidden', title: 'Forbidden', status: 403, detail, ...members }),
  missingEntitlement: (entitlement: string, planId: string): RpcError =>
    new RpcError({
      type: 'forbidden',
      title: 'The plan lacks an entitlement',
      status: 403,
      detail: `plan ${planId} does not include ${entitlement}`,
      entitlement,
      plan_id: planId,
    }),
  notFound: (what: string, id: string): RpcError => new RpcError({ type: 'not-found', title: `${what} not found`, status: 404, detail: `no ${what.toLowerCase()} ${id}` }),
  validation: (errors: readonly InputError[]): RpcError =>
    new RpcError({
      type: 'validation',
      title: 'The request is not valid',
      status: 400,
      detail: errors.map((e) => ('header' in e ? `${e.header}: ${e.message}` : e.field ? `${e.field}: ${e.message}` : e.message)).join('; '),
      errors,
    }),
  idempotencyMismatch: (key: string): RpcError =>
    new RpcError({
      type: 'idempotency-key-reused',
      title: 'Idempotency-Key reused with another request',
      status: 422,
      detail: `Idempotency-Key ${key} was first used with a different request; use a new key for a new request`,
    }),
  idempotencyKeyOfAnotherCredential: (key: string): RpcError =>
    new RpcError({
      type: 'idempotency-key-reused',
      title: 'Idempotency-Key reused by another credential',
      status: 422,
      detail: `Idempotency-Key ${key} was first used by another credential of this account (the app or another API key); each credential uses its own keys`,
    }),
  unavailable: (detail: string): RpcError => new RpcError({ type: 'unavailable', title: 'Service unavailable', status: 503, detail }),
};
