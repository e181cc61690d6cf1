import type { RpcMethod } from '@billing/service-host';

/**
 * An RPC method whose handler sees the request as its DTO type. The host validates the
 * request against `dto` before calling `handle`, so the cast lives here, once.
 */
export function rpcMethod<Request extends object>(name: string, dto: new () => Request, handle: (request: Request) => Promise<unknown>): RpcMethod {
  return { name, dto, handle: (request) => handle(request as Request) };
}
