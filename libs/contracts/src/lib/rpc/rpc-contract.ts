/** The services that answer requests and take commands: a call names one of them. */
export const SERVICES = {
  pricing: 'pricing',
  wallet: 'wallet',
  tasks: 'tasks',
  purchase: 'purchase',
  finance: 'finance',
  webhooks: 'webhooks',
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

/**
 * What the service that answers `Contracts` implements: one method per contract, named as
 * the contract's key, taking its request and answering its reply. A controller that
 * `implements Answering<typeof PricingRpc>` fails to compile when the two disagree.
 */
export type Answering<Contracts extends Record<string, RpcContract<unknown, unknown>>> = {
  [Name in keyof Contracts]: (request: RequestOf<Contracts[Name]>) => Promise<ReplyOf<Contracts[Name]>>;
};

/**
 * One command type a service decides, sent to its command topic keyed by account: the
 * pattern of the service's `@MessagePattern` for it. `Command` is the command's type.
 */
export interface CommandContract<Command> {
  readonly service: string;
  readonly command: string;
  /** Types only, never set at run time. */
  readonly types?: { readonly command: Command };
}

export const commandContract = <Command extends { readonly type: string }>(service: ServiceName, type: Command['type']): CommandContract<Command> => ({
  service,
  command: type,
});

/**
 * What the service that decides `Contracts` implements: one method per command type,
 * taking that command and where it goes, answering its outcome.
 */
export type Deciding<Contracts extends Record<string, CommandContract<unknown>>, Target, Outcome> = {
  [Name in keyof Contracts]: (command: NonNullable<Contracts[Name]['types']>['command'], target: Target) => Promise<Outcome>;
};
