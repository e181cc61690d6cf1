import { RpcError, RpcTimeoutError } from '@billing/service-host';
import { problemDocumentOf, UNAVAILABLE_RETRY_AFTER_SECONDS } from './problem-document';

describe('problemDocumentOf for a service that is away', () => {
  it('given a call that timed out, then it is a 503 that says when to try again', () => {
    expect(problemDocumentOf(new RpcTimeoutError('pricing', 'catalog', 15_000), '/v1/catalog')).toMatchObject({
      status: 503,
      type: 'https://billing.local/problems/unavailable',
      retry_after: UNAVAILABLE_RETRY_AFTER_SECONDS,
      instance: '/v1/catalog',
    });
  });

  it('given an `unavailable` problem from the call client, then it keeps its detail and gains retry_after', () => {
    const problem = problemDocumentOf(new RpcError({ type: 'unavailable', title: 'Service unavailable', status: 503, detail: 'pricing.catalog could not be asked' }));
    expect(problem).toMatchObject({ status: 503, detail: 'pricing.catalog could not be asked', retry_after: UNAVAILABLE_RETRY_AFTER_SECONDS });
  });

  it('given a 503 that names its own wait, then that wait is kept', () => {
    expect(problemDocumentOf(new RpcError({ type: 'storage', title: 'Storage full', status: 503, retryAfter: 30 }))).toMatchObject({ retry_after: 30 });
  });
});
