import { join } from 'node:path';
import { MessageChannel, Worker } from 'node:worker_threads';
import { type MessageBus, PortPeer, serveBusOverPort } from '@billing/messaging';
import type { PlatformConfig, ServiceName } from '@billing/platform-config';
import { DirectoryBridge, type Logger, type RpcDirectory } from '@billing/service-host';
import type { ServiceThreadData } from './service-thread.worker';

export interface ServiceThreadOptions {
  readonly service: ServiceName;
  readonly config: PlatformConfig;
  /** The main thread's bus and directory, which the thread's service joins. */
  readonly bus: MessageBus;
  readonly directory: RpcDirectory;
  readonly logger: Logger;
  /** Before a thread that ended on its own is started again (default 1 s). */
  readonly restartDelayMillis?: number;
}

// The thread loads the TypeScript sources as the main thread does (tsx), whatever loaded those.
const ENTRY = join(__dirname, 'service-thread.worker.ts');
const BOOT = `require(require('node:worker_threads').workerData.tsx); require(require('node:worker_threads').workerData.entry);`;

interface Incarnation {
  readonly worker: Worker;
  readonly control: PortPeer;
  readonly bus: { close(): Promise<void> };
  readonly bridge: DirectoryBridge;
  readonly exited: Promise<number>;
  /** Its services answered the start request. */
  started: boolean;
}

/**
 * One service of the embedded platform in a worker thread of its own, so the platform
 * uses a second core. Its store and state database are its own files, as on the main
 * thread; it reaches the bus and the other services through the main thread (bus bridge,
 * directory bridge). A thread that ends on its own (an uncaught error) is logged and
 * started again, like a supervised process: what it had not finished is delivered again
 * (at-least-once, idempotent handlers), nothing acknowledged is lost.
 */
export class ServiceThread {
  private current: Incarnation | null = null;
  private lines: string[] = [];
  private stopping = false;
  private restartTimer: NodeJS.Timeout | null = null;

  private constructor(private readonly options: ServiceThreadOptions) {}

  static async start(options: ServiceThreadOptions): Promise<ServiceThread> {
    const thread = new ServiceThread(options);
    try {
      await thread.launch();
    } catch (error) {
      thread.stopping = true;
      throw error;
    }
    return thread;
  }

  get name(): ServiceName {
    return this.options.service;
  }

  /** What runs in the thread and where its files are, one line per service. */
  describe(): string[] {
    return this.lines;
  }

  /** Its services are up (not stopped, not between an abrupt end and the next start). */
  get isRunning(): boolean {
    return this.current?.started === true;
  }

  /** Ends the thread at once, its services unstopped, as an uncaught error would (tests); it starts again after the pause. */
  async kill(): Promise<void> {
    await this.current?.worker.terminate();
  }

  /** Stops the thread's services (their last batches finish, stores close), then the thread. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    const current = this.current;
    this.current = null;
    if (!current) return;
    try {
      await current.control.request('stop', null);
    } finally {
      await Promise.race([current.exited, new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
      await current.worker.terminate();
      current.bridge.close();
      await current.bus.close();
    }
  }

  private async launch(): Promise<void> {
    const { service, config, bus, directory, logger } = this.options;
    const busChannel = new MessageChannel();
    const directoryChannel = new MessageChannel();
    const controlChannel = new MessageChannel();
    const data: ServiceThreadData & { entry: string; tsx: string } = {
      config,
      service,
      busPort: busChannel.port2,
      directoryPort: directoryChannel.port2,
      controlPort: controlChannel.port2,
      entry: ENTRY,
      tsx: require.resolve('tsx/cjs'),
    };
    const worker = new Worker(BOOT, { eval: true, name: `billing-${service}`, workerData: data, transferList: [busChannel.port2, directoryChannel.port2, controlChannel.port2] });
    const control = new PortPeer(controlChannel.port1, {});
    const incarnation: Incarnation = {
      worker,
      control,
      bus: serveBusOverPort(bus, busChannel.port1),
      bridge: new DirectoryBridge(directory, directoryChannel.port1),
      exited: new Promise((resolve) => worker.once('exit', resolve)),
      started: false,
    };
    worker.on('error', (error) => logger.error('service thread failed', { service, error }));
    void incarnation.exited.then((code) => this.ended(incarnation, code));
    this.current = incarnation;
    try {
      const started = control.request<string[]>('start', null);
      const lines = await Promise.race([started, incarnation.exited.then((code) => Promise.reject(new Error(`The ${service} thread ended while starting (exit code ${code})`)))]);
      this.lines = lines.map((line) => `${line} (own thread)`);
      incarnation.started = true;
    } catch (error) {
      await worker.terminate(); // its exit starts it again after the pause, unless the first start failed
      throw error;
    }
  }

  /** A thread that ended without being asked: its bridges close, and after a pause it starts again. */
  private ended(incarnation: Incarnation, code: number): void {
    incarnation.control.end(`the ${this.options.service} thread exited with code ${code}`);
    incarnation.bridge.close();
    void incarnation.bus.close();
    if (this.stopping || this.current !== incarnation) return;
    this.current = null;
    const { service, logger } = this.options;
    logger.error('service thread ended; starting it again', { service, exitCode: code });
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      if (this.stopping) return;
      this.launch().catch((error: unknown) => logger.error('service thread did not start again', { service, error }));
    }, this.options.restartDelayMillis ?? 1_000);
  }
}
