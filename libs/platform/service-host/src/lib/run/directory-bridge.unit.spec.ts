import { IsInt, IsString, Min } from 'class-validator';
import { MessageChannel } from 'node:worker_threads';
import { InProcessMessageBus } from '@billing/messaging';
import { RpcError } from '../rpc';
import { silentLogger } from '../logger';
import type { OutgoingCommand } from '../service';
import { DirectoryBridge } from './directory-bridge';
import { BusRpcClient } from './rpc-client';
import { RpcDirectory } from './rpc-dispatch';

class EchoRequest {
  @IsString() text!: string;
  @IsInt() @Min(1) times!: number;
}

/** Port messages arrive on a later turn: waits (at most 5 s) until `check` holds. */
async function until(check: () => boolean): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('the other side did not tell in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Two directories joined over a real MessageChannel, as the main thread and a service thread are. */
function joined() {
  const main = new RpcDirectory();
  const thread = new RpcDirectory();
  const { port1, port2 } = new MessageChannel();
  const mainSide = new DirectoryBridge(main, port1);
  const threadSide = new DirectoryBridge(thread, port2);
  return { main, thread, mainSide, threadSide, threadPort: port2 };
}

describe('DirectoryBridge', () => {
  const received: OutgoingCommand[][] = [];
  const echo = { name: 'echo', dto: EchoRequest, handle: async (r: unknown) => ({ said: (r as EchoRequest).text.repeat((r as EchoRequest).times), at: new Date(0) }) };

  it("given a service registered in the other thread, then a call reaches it validated, and its reply crosses as JSON, as over the bus", async () => {
    const { main, thread, mainSide, threadSide } = joined();
    thread.register('echoes', [echo], silentLogger);
    await until(() => main.endpointOf('echoes') !== undefined);
    const bus = new InProcessMessageBus();
    const client = new BusRpcClient({ bus, instanceId: 'test', partitions: 1, logger: silentLogger, defaultTimeoutMillis: 2_000, directory: main });
    try {
      await expect(client.call('echoes', 'echo', { text: 'ab', times: 2 })).resolves.toEqual({ said: 'abab', at: '1970-01-01T00:00:00.000Z' });
      const refused = await client.call('echoes', 'echo', { text: 'ab', times: 0 }).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(RpcError);
      expect((refused as RpcError).problem).toMatchObject({ type: 'validation', status: 400 });
    } finally {
      mainSide.close();
      threadSide.close();
      await client.close();
      await bus.close();
    }
  });

  it('given commands for a service of the other thread, then its endpoint takes them, and the send resolves once it did', async () => {
    const { main, thread, mainSide, threadSide } = joined();
    thread.registerCommands('wallet', { dispatch: async (commands) => void received.push([...commands]) });
    await until(() => main.commandEndpointOf('wallet') !== undefined);
    const command: OutgoingCommand = { accountId: 'acc', streamName: 'wallet-acc', command: { type: 'Grant', data: { amount: 5 }, metadata: { commandId: 'c1', now: 1 } } };
    await main.commandEndpointOf('wallet')?.dispatch([command]);
    expect(received).toEqual([[command]]);
    mainSide.close();
    threadSide.close();
  });

  it('given the other thread goes away, then its services leave this directory, and a call in flight is answered unavailable', async () => {
    const { main, thread, mainSide, threadPort } = joined();
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    thread.register('slow', [{ name: 'wait', dto: EchoRequest, handle: () => (entered(), new Promise(() => undefined)) }], silentLogger);
    thread.registerCommands('slow', { dispatch: async () => undefined });
    await until(() => main.endpointOf('slow') !== undefined && main.commandEndpointOf('slow') !== undefined);
    const call = main.endpointOf('slow')?.call('wait', { text: 'x', times: 1 });
    await inside;
    threadPort.close();
    await expect(call).resolves.toMatchObject({ ok: false, problem: { type: 'unavailable', status: 503 } });
    await until(() => main.endpointOf('slow') === undefined);
    expect(main.commandEndpointOf('slow')).toBeUndefined();
    mainSide.close();
  });

  it('given a service that stops in the other thread, then it leaves this directory, and one of this thread under the same name stays', async () => {
    const { main, thread, mainSide, threadSide } = joined();
    thread.register('echoes', [echo], silentLogger);
    await until(() => main.endpointOf('echoes') !== undefined);
    thread.unregister('echoes');
    await until(() => main.endpointOf('echoes') === undefined);
    // What main offers reaches the thread, and is not sent back as a remote of main's own.
    main.register('own', [echo], silentLogger);
    await until(() => thread.endpointOf('own') !== undefined);
    await expect(thread.endpointOf('own')?.call('echo', { text: 'z', times: 1 })).resolves.toMatchObject({ ok: true, result: { said: 'z' } });
    main.unregisterRemote('own', 'rpc');
    expect(main.endpointOf('own')).toBeDefined();
    mainSide.close();
    threadSide.close();
  });
});
