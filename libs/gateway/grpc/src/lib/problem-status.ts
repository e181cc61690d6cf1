import { Metadata, type ServiceError, status } from '@grpc/grpc-js';
import { RpcError, RpcTimeoutError } from '@billing/service-host';

/** The trailing metadata key that carries the RFC 9457 problem details as JSON. */
export const PROBLEM_METADATA_KEY = 'problem';

export type Problem = RpcError['problem'];

/**
 * A problem's HTTP status (and, where HTTP says too little, its type) as a gRPC code.
 * Insufficient credits is FAILED_PRECONDITION, not RESOURCE_EXHAUSTED: the account must
 * buy credits before the same call can succeed, and retry policies back off and retry on
 * RESOURCE_EXHAUSTED, which here is kept for what waiting does cure (the concurrency
 * limit, rate limits).
 */
export function grpcCodeOf(problem: Problem): status {
  if (problem.type === 'insufficient-credits') return status.FAILED_PRECONDITION;
  if (problem.type === 'concurrency-limit') return status.RESOURCE_EXHAUSTED;
  switch (problem.status) {
    case 400:
    case 422:
      return status.INVALID_ARGUMENT;
    case 401:
      return status.UNAUTHENTICATED;
    case 402:
      return status.FAILED_PRECONDITION;
    case 403:
      return status.PERMISSION_DENIED;
    case 404:
      return status.NOT_FOUND;
    case 409:
      return status.ABORTED;
    case 429:
      return status.RESOURCE_EXHAUSTED;
    case 503:
    case 504:
      return status.UNAVAILABLE;
    default:
      return status.INTERNAL;
  }
}

/** What any failure becomes on the wire: a known problem as it is, anything else without its internals. */
export function problemOf(error: unknown): Problem {
  if (error instanceof RpcError) return error.problem;
  if (error instanceof RpcTimeoutError) return { type: 'unavailable', title: 'Service unavailable', status: 503, detail: 'a service did not answer in time; retry' };
  return { type: 'internal', title: 'Internal error', status: 500, detail: 'the gateway could not complete the call' };
}

/** The gRPC error for a problem: its code, its detail as the status message, the problem as JSON in the trailers. */
export function grpcErrorOf(problem: Problem): Partial<ServiceError> & { code: status; details: string; metadata: Metadata } {
  const metadata = new Metadata();
  metadata.set(PROBLEM_METADATA_KEY, asciiJson(problem));
  return { name: 'BillingProblem', message: problem.detail ?? problem.title, code: grpcCodeOf(problem), details: problem.detail ?? problem.title, metadata };
}

/** Metadata values are printable ASCII: anything else is written as a JSON `\u` escape, so the JSON still parses to the same text. */
function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
