import { PeerGoneError, type PortLike, PortPeer } from '@billing/messaging';
import type { OutgoingCommand } from '../service';
import type { RpcReply } from '../wire/rpc-message';
import type { CommandEndpoint, DirectoryChange, RpcDirectory, RpcEndpoint } from './rpc-dispatch';

interface RpcRequest {
  readonly service: string;
  readonly method: string;
  /** JSON, as on the bus: what crosses is exactly what a remote caller could send. */
  readonly request: string | undefined;
}

interface CommandsRequest {
  readonly service: string;
  readonly commands: readonly OutgoingCommand[];
}

const unavailable = (service: string): RpcReply => ({
  ok: false,
  problem: { type: 'unavailable', title: 'The service is not running', status: 503, detail: `${service} is not offered by this thread` },
});

/**
 * Joins the directories of two threads of one process (the embedded platform with a
 * service in a worker thread): each side tells the other which of its own services take
 * RPC calls and commands, and each registers the other's as remote endpoints. A call
 * then crosses as one message each way instead of a round trip through the bus. Requests
 * and replies cross as JSON, as they would over the bus; commands are plain data and are
 * encoded and validated by the receiving service's consumer, as for any local dispatch.
 * When the other thread is gone, its services leave this directory, and calls fall back
 * to the bus (commands wait in their topic until the service is back).
 */
export class DirectoryBridge {
  private readonly peer: PortPeer;
  /** What this side registered for the other thread's services, by `<kind>:<service>`. */
  private readonly imported = new Map<string, Pick<DirectoryChange, 'service' | 'kind'>>();
  private readonly unwatch: () => void;

  constructor(
    private readonly directory: RpcDirectory,
    port: PortLike,
  ) {
    this.peer = new PortPeer(port, {
      offered: (change: DirectoryChange) => this.imports(change),
      rpc: async ({ service, method, request }: RpcRequest): Promise<string> => {
        const endpoint = directory.endpointOf(service);
        const reply = endpoint ? await endpoint.call(method, request === undefined ? undefined : JSON.parse(request)) : unavailable(service);
        return JSON.stringify(reply);
      },
      commands: async ({ service, commands }: CommandsRequest): Promise<void> => {
        const endpoint = directory.commandEndpointOf(service);
        if (!endpoint) throw new Error(`${service} takes no commands in this thread`);
        await endpoint.dispatch(commands);
      },
    });
    this.unwatch = directory.watch((change) => this.peer.notify('offered', change));
    this.peer.onGone(() => this.dropImported());
  }

  close(): void {
    this.unwatch();
    this.peer.close();
    this.dropImported();
  }

  private imports({ service, kind, present }: DirectoryChange): void {
    const key = `${kind}:${service}`;
    if (!present) {
      this.directory.unregisterRemote(service, kind);
      this.imported.delete(key);
      return;
    }
    const peer = this.peer;
    const endpoint: RpcEndpoint | CommandEndpoint =
      kind === 'rpc'
        ? {
            call: async (method, request) => {
              const asked: RpcRequest = { service, method, request: request === undefined ? undefined : JSON.stringify(request) };
              const answer = await peer.request<string>('rpc', asked).catch((error: unknown) => {
                if (error instanceof PeerGoneError) return JSON.stringify(unavailable(service));
                throw error;
              });
              return JSON.parse(answer) as RpcReply;
            },
          }
        : { dispatch: (commands) => peer.request<void>('commands', { service, commands } satisfies CommandsRequest) };
    this.directory.registerRemote(service, kind, endpoint);
    this.imported.set(key, { service, kind });
  }

  private dropImported(): void {
    for (const { service, kind } of this.imported.values()) this.directory.unregisterRemote(service, kind);
    this.imported.clear();
  }
}
