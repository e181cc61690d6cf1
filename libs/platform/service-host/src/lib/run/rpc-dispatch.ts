import { RpcError, type RpcMethod } from '../rpc';
import type { Logger, OutgoingCommand } from '../service';
import type { RpcReply } from '../wire/rpc-message';
import { validatePayload } from '../wire/validate-payload';

export const problems = {
  validation: (errors: readonly { field: string; message: string }[]): RpcError =>
    new RpcError({ type: 'validation', title: 'The request is not valid', status: 400, detail: errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors }),
  unknownMethod: (service: string, method: string): RpcError =>
    new RpcError({ type: 'not-found', title: 'No such method', status: 404, detail: `${service} has no method ${method}` }),
};

/**
 * One path for a request, whether it came over the bus or was called in-process:
 * validate against the method's DTO, handle, and turn every failure into problem
 * details (an unexpected error becomes `internal`, logged, its details kept inside).
 */
export async function dispatchRpc(
  service: string,
  methods: ReadonlyMap<string, RpcMethod>,
  method: string,
  request: unknown,
  logger: Logger,
): Promise<RpcReply> {
  try {
    const target = methods.get(method);
    if (!target) throw problems.unknownMethod(service, method);
    const validated = validatePayload(target.dto, request);
    if (!validated.ok) throw problems.validation(validated.errors);
    return { ok: true, result: await target.handle(validated.value) };
  } catch (error) {
    if (error instanceof RpcError) return { ok: false, problem: error.problem };
    logger.error('rpc method failed', { method, error });
    return { ok: false, problem: { type: 'internal', title: 'Internal error', status: 500, detail: `${service}.${method} failed` } };
  }
}

/** Takes commands for a service of this process without the bus (see `LocalCommandEndpoint`). */
export interface CommandEndpoint {
  dispatch(commands: readonly OutgoingCommand[]): Promise<void>;
}

/** Answers a service's RPC methods without the bus: in this thread, or in another thread of the process. */
export interface RpcEndpoint {
  call(method: string, request: unknown): Promise<RpcReply>;
}

/** A change to what a directory's own services offer (what other threads of the process may be told). */
export interface DirectoryChange {
  readonly service: string;
  readonly kind: 'rpc' | 'commands';
  readonly present: boolean;
}

interface Entry<E> {
  readonly endpoint: E;
  /** Offered by another thread of the process (through a bridge), not by this one. */
  readonly remote: boolean;
}

/**
 * The services running in this process. When caller and server share a process (the
 * embedded platform), the RPC client calls a method directly, still validating, and the
 * command sender hands commands straight to the service's routes, instead of a round
 * trip through the bus: the same semantics, less latency and no broker writes. A
 * service in another thread of the process is reached the same way through a
 * `DirectoryBridge`, which registers it here as remote.
 */
export class RpcDirectory {
  private readonly rpc = new Map<string, Entry<RpcEndpoint>>();
  private readonly commands = new Map<string, Entry<CommandEndpoint>>();
  private readonly watchers = new Set<(change: DirectoryChange) => void>();

  /** This thread's service answers `methods`, validated like a request off the bus; failures are logged with `logger`. */
  register(service: string, methods: readonly RpcMethod[], logger: Logger): void {
    const byName = new Map(methods.map((m) => [m.name, m]));
    this.set(this.rpc, service, { endpoint: { call: (method, request) => dispatchRpc(service, byName, method, request, logger) }, remote: false }, 'rpc');
  }

  unregister(service: string): void {
    this.remove(this.rpc, service, 'rpc');
  }

  endpointOf(service: string): RpcEndpoint | undefined {
    return this.rpc.get(service)?.endpoint;
  }

  registerCommands(service: string, endpoint: CommandEndpoint): void {
    this.set(this.commands, service, { endpoint, remote: false }, 'commands');
  }

  unregisterCommands(service: string): void {
    this.remove(this.commands, service, 'commands');
  }

  commandEndpointOf(service: string): CommandEndpoint | undefined {
    return this.commands.get(service)?.endpoint;
  }

  /** A service of another thread, reached through a bridge; never reported to watchers (it is not this thread's to offer). */
  registerRemote(service: string, kind: DirectoryChange['kind'], endpoint: RpcEndpoint | CommandEndpoint): void {
    if (kind === 'rpc') this.rpc.set(service, { endpoint: endpoint as RpcEndpoint, remote: true });
    else this.commands.set(service, { endpoint: endpoint as CommandEndpoint, remote: true });
  }

  /** Removes a remote registration (its thread is gone); a service of this thread under that name stays. */
  unregisterRemote(service: string, kind: DirectoryChange['kind']): void {
    const entries: Map<string, Entry<unknown>> = kind === 'rpc' ? this.rpc : this.commands;
    if (entries.get(service)?.remote) entries.delete(service);
  }

  /** Reports this thread's services now, then each change to them; returns how to stop. */
  watch(watcher: (change: DirectoryChange) => void): () => void {
    for (const [service, entry] of this.rpc) if (!entry.remote) watcher({ service, kind: 'rpc', present: true });
    for (const [service, entry] of this.commands) if (!entry.remote) watcher({ service, kind: 'commands', present: true });
    this.watchers.add(watcher);
    return () => this.watchers.delete(watcher);
  }

  private set<E>(entries: Map<string, Entry<E>>, service: string, entry: Entry<E>, kind: DirectoryChange['kind']): void {
    entries.set(service, entry);
    for (const w of this.watchers) w({ service, kind, present: true });
  }

  private remove<E>(entries: Map<string, Entry<E>>, service: string, kind: DirectoryChange['kind']): void {
    if (!entries.get(service) || entries.get(service)?.remote) return;
    entries.delete(service);
    for (const w of this.watchers) w({ service, kind, present: false });
  }
}
