import { ClientProxy, type ReadPacket, type WritePacket } from '@nestjs/microservices';
import type { RpcCallOptions, RpcClient } from '../rpc';
import type { CommandSender, OutgoingCommand } from '../service';

/**
 * The NestJS client of the billing services. `send(TasksRpc.getTask, request)` asks a
 * service by its contract's pattern and `emit({ service: 'wallet' }, commands)` sends
 * commands, both over the platform's own delivery: directly to a service of this process,
 * else through the bus. `call` is the same request without an observable, with options
 * (key, time budget, correlation id); the typed `send(client, contract, request)` uses it.
 */
export class BillingClient extends ClientProxy implements RpcClient {
  constructor(
    private readonly rpc: RpcClient,
    private readonly commands: CommandSender,
  ) {
    super();
  }

  call<Response>(service: string, method: string, request: unknown, options?: RpcCallOptions): Promise<Response> {
    return this.rpc.call<Response>(service, method, request, options);
  }

  connect(): Promise<void> {
    return Promise.resolve();
  }

  /** The platform's delivery is closed by its owner, not by a client. */
  close(): Promise<void> {
    return Promise.resolve();
  }

  unwrap<T>(): T {
    return this.rpc as T;
  }

  protected publish(packet: ReadPacket, callback: (packet: WritePacket) => void): () => void {
    const { service, method } = packet.pattern as { service: string; method: string };
    this.rpc.call(service, method, packet.data).then(
      (response: unknown) => callback({ response, isDisposed: true }),
      (err: unknown) => callback({ err, isDisposed: true }),
    );
    return () => undefined;
  }

  protected dispatchEvent<T>(packet: ReadPacket): Promise<T> {
    const { service } = packet.pattern as { service: string };
    return this.commands.send(service, packet.data as readonly OutgoingCommand[]) as Promise<T>;
  }
}
