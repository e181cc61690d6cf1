import { type MessagePort, workerData } from 'node:worker_threads';
import { PortPeer, ThreadMessageBus } from '@billing/messaging';
import type { PlatformConfig, ServiceName } from '@billing/platform-config';
import { DirectoryBridge, RpcDirectory } from '@billing/service-host';
import { PlatformRuntime } from '../platform-runtime';

/** What the main thread hands a service thread (see `ServiceThread`). */
export interface ServiceThreadData {
  readonly config: PlatformConfig;
  readonly service: ServiceName;
  readonly busPort: MessagePort;
  readonly directoryPort: MessagePort;
  readonly controlPort: MessagePort;
}

/**
 * A service thread: one service (and its companion) under a PlatformRuntime of its own,
 * on the main thread's bus and directory through their bridges. It starts and stops when
 * the main thread asks, over the control port.
 */
function serve({ config, service, busPort, directoryPort, controlPort }: ServiceThreadData): void {
  let runtime: PlatformRuntime | null = null;
  let bridge: DirectoryBridge | null = null;
  const control = new PortPeer(controlPort, {
    start: async (): Promise<string[]> => {
      const bus = await ThreadMessageBus.connect(busPort);
      const directory = new RpcDirectory();
      bridge = new DirectoryBridge(directory, directoryPort);
      runtime = new PlatformRuntime({ config: { ...config, serviceThreads: [] }, services: [service], bus, directory });
      await runtime.start();
      return runtime.describeServices();
    },
    stop: async (): Promise<void> => {
      await runtime?.stop();
      bridge?.close();
      setImmediate(() => control.close());
    },
  });
}

serve(workerData as ServiceThreadData);
