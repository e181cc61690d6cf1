import { status } from '@grpc/grpc-js';
import { RpcError, RpcTimeoutError } from '@billing/service-host';
import { grpcCodeOf, grpcErrorOf, PROBLEM_METADATA_KEY } from './problem-status';

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

  it('the trailer carries the problem as ASCII JSON that parses back to the same text', () => {
    const error = grpcErrorOf(new RpcError({ type: 'validation', title: 'Invalid', status: 400, detail: 'durée ≥ 1 s', errors: [{ field: 'render.model', message: 'must name a model' }] }), 'r1');
    const [value] = error.metadata.get(PROBLEM_METADATA_KEY);
    expect(typeof value).toBe('string');
    expect(String(value)).toMatch(/^[\x20-\x7e]*$/);
    expect(JSON.parse(String(value))).toMatchObject({ detail: 'durée ≥ 1 s', status: 400, request_id: 'r1', errors: [{ field: 'render.model' }] });
  });
});
