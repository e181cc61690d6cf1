import { RpcError, type RpcMethod } from '../rpc';
import type { Logger, OutgoingCommand } from '../service';
import type { RpcReply } from '../wire/rpc-message';
import { validatePayload } from '../wire/validate-payload';
import { storageFaultOf, storageProblem } from './storage-watch';

export const problems = {
  validation: (errors: readonly { field: string; message: string }[]): RpcError =>
    new RpcError({ type: 'validation', title: 'The request is not valid', status: 400, detail: errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors }),
  unknownMethod: (service: string, method: string): RpcError =>
    new RpcError({ type: 'not-found', title: 'No such method', status: 404, detail: `${service} has no method ${method}` }),
};

/**
 * One path for a request, whether it came over the bus or was called in-process:
 * validate against the method's DTO (a request off the bus only: one from this process
 * is a typed value), handle, and turn every failure into problem details (a write the storage refused becomes `storage-unavailable`; any other unexpected
 * error `internal`, logged, its details kept inside). While `refusal` gives a problem
 * (the service's store cannot write), every request is answered with it.
 */
export async function dispatchRpc(
  service: string,
  methods: ReadonlyMap<string, RpcMethod>,
  method: string,
  request: unknown,
  logger: Logger,
  refusal: () => RpcError | null = () => null,
  from: 'bus' | 'process' = 'bus',
): Promise<RpcReply> {
  try {
    const refused = refusal();
    if (refused) throw refused;
    const target = methods.get(method);
    if (!target) throw problems.unknownMethod(service, method);
    if (from === 'process') return { ok: true, result: await target.handle(request) };
    const validated = validatePayload(target.dto, request);
    if (!validated.ok) throw problems.validation(validated.errors);
    return { ok: true, result: await target.handle(validated.value) };
  } catch (error) {
    if (error instanceof RpcError) return { ok: false, problem: error.problem };
    const fault = storageFaultOf(error);
    if (fault) {
      logger.error('rpc method could not write', { method, fault, error });
      return { ok: false, problem: storageProblem(service, fault).problem };
    }
    logger.error('rpc method failed', { method, error });
    return { ok: false, problem: { type: 'internal', title: 'Internal error', status: 500, detail: `${service}.${method} failed` } };
  }
}

/** Takes commands for a service of this process without the bus (see `LocalCommandEndpoint`). */
export interface CommandEndpoint {
  dispatch(commands: readonly OutgoingCommand[]): Promise<void>;
}

/** Answers a service's RPC methods without the bus. */
export interface RpcEndpoint {
  call(method: string, request: unknown): Promise<RpcReply>;
}

/**
 * The services running in this process. When caller and server share a process (the
 * embedded platform), the RPC client calls a method directly and the command sender
 * hands commands straight to the service's routes, typed values both, instead of a round
 * trip through the bus: the same semantics, less latency and no broker writes.
 */
export class RpcDirectory {
  private readonly rpc = new Map<string, RpcEndpoint>();
  private readonly commands = new Map<string, CommandEndpoint>();

  /** The service answers `methods` to callers of this process (typed values, not validated again); failures are logged with `logger`. */
  register(service: string, methods: readonly RpcMethod[], logger: Logger, refusal?: () => RpcError | null): void {
    const byName = new Map(methods.map((m) => [m.name, m]));
    this.rpc.set(service, { call: (method, request) => dispatchRpc(service, byName, method, request, logger, refusal, 'process') });
  }

  unregister(service: string): void {
    this.rpc.delete(service);
  }

  endpointOf(service: string): RpcEndpoint | undefined {
    return this.rpc.get(service);
  }

  registerCommands(service: string, endpoint: CommandEndpoint): void {
    this.commands.set(service, endpoint);
  }

  unregisterCommands(service: string): void {
    this.commands.delete(service);
  }

  commandEndpointOf(service: string): CommandEndpoint | undefined {
    return this.commands.get(service);
  }
}
