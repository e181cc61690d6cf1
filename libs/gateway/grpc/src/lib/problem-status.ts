import { Metadata, type ServiceError, status } from '@grpc/grpc-js';
import { PROBLEM_TYPE_BASE, type ProblemDocument, problemDocumentOf, typeUri } from '@billing/gateway-application';
import { encodeRpcStatus, type FieldViolation, type RpcStatus, STATUS_DETAILS_KEY } from './rpc-status';

const PROBLEM_DOMAIN = new URL(PROBLEM_TYPE_BASE).host;

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

/**
 * Any failure as a gRPC error: its code, the problem's detail as the status message, and
 * the problem as a `google.rpc.Status` in the `grpc-status-details-bin` trailer, which any
 * gRPC client of any language decodes.
 */
export function grpcErrorOf(error: unknown, requestId: string): GrpcProblemError {
  const problem = { ...problemDocumentOf(error), request_id: requestId };
  const code = grpcCodeOf(problem);
  const metadata = new Metadata();
  metadata.set(STATUS_DETAILS_KEY, encodeRpcStatus(rpcStatusOf(problem, code)));
  return { name: 'BillingProblem', message: problem.detail, code, details: problem.detail, metadata, problem };
}

/**
 * The problem document REST would answer, as `google.rpc.Status` details: ErrorInfo's
 * reason is the problem type in UPPER_SNAKE_CASE (`insufficient-credits` is
 * INSUFFICIENT_CREDITS), its domain the types' host, and its metadata every member of the
 * document under its REST name, as text (`type`, `title`, `status`, `pool`, `available`...),
 * but `detail` (the status message) and `errors` (BadRequest's field violations, with the
 * same field names and messages); RequestInfo carries `request_id` too.
 */
export function rpcStatusOf(problem: ProblemDocument, code: status): RpcStatus {
  const { detail, errors, ...members } = problem;
  const metadata = Object.fromEntries(Object.entries(members).filter(([, value]) => value !== undefined && value !== null).map(([name, value]) => [name, textOf(value)]));
  const violations = Array.isArray(errors) ? errors.map(fieldViolationOf) : [];
  const requestId = typeof problem['request_id'] === 'string' ? problem['request_id'] : undefined;
  return {
    code,
    message: detail,
    errorInfo: { reason: reasonOf(problem.type), domain: domainOf(problem.type), metadata },
    ...(violations.length > 0 ? { fieldViolations: violations } : {}),
    ...(requestId ? { requestId } : {}),
  };
}

const textOf = (value: unknown): string => (typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value));

function fieldViolationOf(error: unknown): FieldViolation {
  const { field, message } = (typeof error === 'object' && error !== null ? error : {}) as { field?: unknown; message?: unknown };
  return { field: typeof field === 'string' ? field : '', description: typeof message === 'string' ? message : String(error) };
}

/** `https://billing.local/problems/insufficient-credits` is INSUFFICIENT_CREDITS. */
const reasonOf = (type: string): string => type.slice(type.lastIndexOf('/') + 1).toUpperCase().replace(/[^A-Z0-9]+/g, '_') || 'UNKNOWN';

function domainOf(type: string): string {
  try {
    return new URL(type).host || PROBLEM_DOMAIN;
  } catch {
    return PROBLEM_DOMAIN;
  }
}
