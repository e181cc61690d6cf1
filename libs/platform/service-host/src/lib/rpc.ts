/**
 * Request/reply between services over the bus (the gateway asks pricing for a quote,
 * tasks for a task). Requests go to `billing.<service>.rpc.v1` keyed by `key` (the
 * account id where there is one); replies come back on the caller's reply topic.
 */
export interface RpcClient {
  call<Response>(service: string, method: string, request: unknown, options?: RpcCallOptions): Promise<Response>;
}

export interface RpcCallOptions {
  readonly key?: string;
  readonly timeoutMillis?: number;
  /** Travels with the request (the `correlation-id` header): the gateway passes its request id. */
  readonly correlationId?: string;
}

export interface RpcMethod {
  readonly name: string;
  /** class-validator DTO for the request; an invalid request is answered with a `validation` RpcError. */
  readonly dto: new () => object;
  readonly handle: (request: unknown) => Promise<unknown>;
}

/**
 * An error that crosses the wire as RFC 9457 problem details, so the gateway answers
 * with it as it is. `type` is stable (e.g. `insufficient-credits`); extra members carry
 * the details a client needs (pool, available, required, limit, running...).
 */
export class RpcError extends Error {
  constructor(
    readonly problem: {
      readonly type: string;
      readonly title: string;
      readonly status: number;
      readonly detail?: string;
      readonly [member: string]: unknown;
    },
  ) {
    super(problem.detail ?? problem.title);
    this.name = 'RpcError';
  }
}

export class RpcTimeoutError extends Error {
  constructor(service: string, method: string, timeoutMillis: number) {
    super(`No reply from ${service}.${method} within ${timeoutMillis} ms`);
    this.name = 'RpcTimeoutError';
  }
}
