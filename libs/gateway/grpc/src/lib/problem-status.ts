import { Metadata, type ServiceError, status } from '@grpc/grpc-js';
import { type ProblemDocument, problemDocumentOf, typeUri } from '@billing/gateway-application';

/** The trailing metadata key that carries the RFC 9457 problem details as JSON (the same document REST answers with). */
export const PROBLEM_METADATA_KEY = 'problem';

const INSUFFICIENT_CREDITS = typeUri('insufficient-credits');
const CONCURRENCY_LIMIT = typeUri('concurrency-limit');

/**
 * A problem's HTTP status (and, where HTTP says too little, its type) as a gRPC code.
 * Insufficient credits is FAILED_PRECONDITION, not RESOURCE_EXHAUSTED: the account must
 * buy credits before the same call can succeed, while retry policies back off and retry
 * on RESOURCE_EXHAUSTED, which here is kept for what waiting does cure (the concurrency
 * limit, rate limits).
 */
export function grpcCodeOf(problem: Pick<ProblemDocument, 'type' | 'status'>): status {
  if (problem.type === INSUFFICIENT_CREDITS) return status.FAILED_PRECONDITION;
  if (problem.type === CONCURRENCY_LIMIT) return status.RESOURCE_EXHAUSTED;
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

export type GrpcProblemError = Partial<ServiceError> & { readonly code: status; readonly details: string; readonly metadata: Metadata; readonly problem: ProblemDocument };

/** Any failure as a gRPC error: its code, the problem's detail as the status message, the problem as JSON in the trailers. */
export function grpcErrorOf(error: unknown, requestId: string): GrpcProblemError {
  const problem = { ...problemDocumentOf(error), request_id: requestId };
  const metadata = new Metadata();
  metadata.set(PROBLEM_METADATA_KEY, asciiJson(problem));
  return { name: 'BillingProblem', message: problem.detail, code: grpcCodeOf(problem), details: problem.detail, metadata, problem };
}

/** Metadata values are printable ASCII: anything else is written as a JSON `\u` escape, so the JSON still parses to the same text. */
function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
