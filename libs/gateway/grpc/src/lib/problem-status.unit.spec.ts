import { status } from '@grpc/grpc-js';
import { RpcError, RpcTimeoutError } from '@billing/service-host';
import { grpcCodeOf, grpcErrorOf } from './problem-status';
import { decodeRpcStatus, STATUS_DETAILS_KEY } from './rpc-status';

const statusOf = (error: ReturnType<typeof grpcErrorOf>) => {
  const [value] = error.metadata.get(STATUS_DETAILS_KEY);
  if (!Buffer.isBuffer(value)) throw new Error('no status details');
  return decodeRpcStatus(value);
};

const codeOf = (problem: { type: string; status: number }) => grpcErrorOf(new RpcError({ ...problem, title: problem.type }), 'r1').code;

describe('problems as gRPC statuses', () => {
  it.each([
    [{ type: 'validation', status: 400 }, status.INVALID_ARGUMENT],
    [{ type: 'unauthorized', status: 401 }, status.UNAUTHENTICATED],
    [{ type: 'insufficient-credits', status: 402 }, status.FAILED_PRECONDITION],
    [{ type: 'forbidden', status: 403 }, status.PERMISSION_DENIED],
    [{ type: 'not-found', status: 404 }, status.NOT_FOUND],
    [{ type: 'conflict', status: 409 }, status.ABORTED],
    [{ type: 'idempotency-key-reused', status: 422 }, status.INVALID_ARGUMENT],
    [{ type: 'concurrency-limit', status: 429 }, status.RESOURCE_EXHAUSTED],
    [{ type: 'rate-limited', status: 429 }, status.RESOURCE_EXHAUSTED],
  ])('%j is %s', (problem, code) => {
    expect(codeOf(problem)).toBe(code);
  });

  it('a service that did not answer is UNAVAILABLE; anything unexpected is INTERNAL and says nothing inside', () => {
    expect(grpcErrorOf(new RpcTimeoutError('tasks', 'getTask', 10), 'r1').code).toBe(status.UNAVAILABLE);
    const internal = grpcErrorOf(new Error('database is locked at /secret/path'), 'r1');
    expect(internal.code).toBe(status.INTERNAL);
    expect(internal.details).not.toContain('/secret/path');
    expect(grpcCodeOf({ type: 'x', status: 500 })).toBe(status.INTERNAL);
  });

  it('a validation problem is google.rpc.Status with ErrorInfo, BadRequest and RequestInfo carrying what REST says', () => {
    const error = grpcErrorOf(
      new RpcError({ type: 'validation', title: 'Invalid', status: 400, detail: 'durée ≥ 1 s', errors: [{ field: 'render.model', message: 'must name a model' }] }),
      'r1',
    );
    expect(statusOf(error)).toEqual({
      code: status.INVALID_ARGUMENT,
      message: 'durée ≥ 1 s',
      errorInfo: {
        reason: 'VALIDATION',
        domain: 'billing.local',
        metadata: { type: 'https://billing.local/problems/validation', title: 'Invalid', status: '400', request_id: 'r1' },
      },
      fieldViolations: [{ field: 'render.model', description: 'must name a model', reason: '' }],
      requestId: 'r1',
    });
  });

  it('a refusal’s own members (amounts in credits, names as REST spells them) travel in ErrorInfo’s metadata as text', () => {
    const error = grpcErrorOf(new RpcError({ type: 'insufficient-credits', title: 'Insufficient credits', status: 402, pool: 'api', available: 2500, required: 75_000 }), 'r2');
    const { errorInfo, fieldViolations } = statusOf(error);
    expect(errorInfo).toMatchObject({ reason: 'INSUFFICIENT_CREDITS', metadata: { pool: 'api', available: '2.5', required: '75', status: '402' } });
    expect(fieldViolations).toBeUndefined();
    expect(error.metadata.get('problem')).toEqual([]);
  });
});
