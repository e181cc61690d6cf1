import type { RpcContract } from '@billing/contracts';
import type { RpcCallOptions, RpcClient } from './rpc';

/** Calls a service's method by its contract: the request and the reply are the contract's. */
export function send<Request, Reply>(rpc: RpcClient, contract: RpcContract<Request, Reply>, request: NoInfer<Request>, options?: RpcCallOptions): Promise<Reply> {
  return rpc.call<Reply>(contract.service, contract.method, request, options);
}
