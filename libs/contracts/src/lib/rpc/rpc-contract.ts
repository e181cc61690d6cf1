/** The services that answer requests and take commands: a call names one of them. */
export const SERVICES = {
  pricing: 'pricing',
  wallet: 'wallet',
  tasks: 'tasks',
  purchase: 'purchase',
  finance: 'finance',
} as const;

export type ServiceName = (typeof SERVICES)[keyof typeof SERVICES];

/**
 * One request/reply method of a service: `service` and `method` are its pattern (the
 * service's RPC topic and the method the request names, as on the wire); `Request` and
 * `Reply` are its two ends, checked by the compiler at the caller and at the handler.
 * The value holds the pattern only, so it can serve as a `@MessagePattern` as it is.
 */
export interface RpcContract<Request, Reply> {
  readonly service: string;
  readonly method: string;
  /** Types only, never set at run time. */
  readonly types?: { readonly request: Request; readonly reply: Reply };
}

export type RequestOf<C> = C extends RpcContract<infer Request, unknown> ? Request : never;
export type ReplyOf<C> = C extends RpcContract<unknown, infer Reply> ? Reply : never;

export const rpc = <Request, Reply>(service: ServiceName, method: string): RpcContract<Request, Reply> => ({ service, method });
