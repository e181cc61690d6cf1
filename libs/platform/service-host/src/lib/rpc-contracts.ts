import type { RpcContract } from '@billing/contracts';
import type { RpcCallOptions, RpcClient, RpcMethod } from './rpc';

/** Calls a service's method by its contract: the request and the reply are the contract's. */
export function send<Request, Reply>(rpc: RpcClient, contract: RpcContract<Request, Reply>, request: NoInfer<Request>, options?: RpcCallOptions): Promise<Reply> {
  return rpc.call<Reply>(contract.service, contract.method, request, options);
}

/**
 * A service's handler of one method of its contract: it must answer the contract's reply.
 * The host validates the request against `dto` (which must be the contract's request)
 * before `handle` runs, so the cast lives here, once.
 */
export function rpcHandler<Request extends object, Reply>(
  contract: RpcContract<Request, Reply>,
  dto: new () => NoInfer<Request>,
  handle: (request: Request) => Promise<NoInfer<Reply>>,
): RpcMethod {
  return { name: contract.method, dto, handle: (request) => handle(request as Request) };
}
