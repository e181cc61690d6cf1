import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { ServiceName } from '@billing/platform-config';
import { START_ORDER } from '../runtime/service-catalog';

export interface ServiceProcessesOptions {
  /** The repository root: where `apps/` and `node_modules/` are. */
  readonly root: string;
  /** Each service gets `<dataDir>/<service>` as its DATA_DIR. */
  readonly dataDir: string;
  readonly brokers: readonly string[];
  /** More variables for every service (simulator settings, log level...). */
  readonly env?: Readonly<Record<string, string>>;
  /** Every output line, prefixed with its service's name. */
  readonly onLine?: (service: ServiceName, line: string) => void;
  readonly startTimeoutMillis?: number;
}

interface Running {
  readonly child: ChildProcess;
  readonly exited: Promise<void>;
}

/**
 * The distributed deployment on one machine: one child process per service (`tsx
 * apps/platform/src/main.ts` with SERVICE set), each with TRANSPORT=kafka and its own data folder.
 * A service can be killed (`kill -9`) and started again on the same folder.
 */
export class ServiceProcesses {
  private readonly running = new Map<ServiceName, Running>();

  constructor(private readonly options: ServiceProcessesOptions) {}

  async startAll(services: readonly ServiceName[] = START_ORDER): Promise<void> {
    for (const service of services) await this.start(service);
  }

  pid(service: ServiceName): number | undefined {
    return this.running.get(service)?.child.pid;
  }

  /** Starts the service and resolves once it printed that it runs. */
  async start(service: ServiceName): Promise<void> {
    if (this.running.has(service)) throw new Error(`${service} is already running`);
    const { root, dataDir, brokers } = this.options;
    const child = spawn(process.execPath, ['--import', 'tsx', join('apps', 'platform', 'src', 'main.ts')], {
      cwd: root,
      env: {
        ...process.env,
        ...this.options.env,
        SERVICE: service,
        TRANSPORT: 'kafka',
        KAFKA_BROKERS: brokers.join(','),
        DATA_DIR: join(dataDir, service),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    this.running.set(service, { child, exited });
    const ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${service} did not start within ${this.options.startTimeoutMillis ?? 120_000} ms`)), this.options.startTimeoutMillis ?? 120_000);
      const onLine = (line: string) => {
        this.options.onLine?.(service, line);
        if (line.startsWith(`${service}-service running:`)) {
          clearTimeout(timer);
          resolve();
        }
      };
      if (child.stdout) createInterface({ input: child.stdout }).on('line', onLine);
      if (child.stderr) createInterface({ input: child.stderr }).on('line', onLine);
      void exited.then(() => {
        clearTimeout(timer);
        reject(new Error(`${service} exited before it was running (code ${child.exitCode}, signal ${child.signalCode})`));
      });
    });
    ready.catch(() => undefined);
    await ready;
  }

  /** `kill -9`: no shutdown hooks, no flush; whatever was acknowledged must survive. */
  async kill(service: ServiceName): Promise<void> {
    const running = this.running.get(service);
    if (!running) return;
    running.child.kill('SIGKILL');
    await running.exited;
    this.running.delete(service);
  }

  /** SIGTERM, and SIGKILL after `graceMillis`. */
  async stop(service: ServiceName, graceMillis = 20_000): Promise<void> {
    const running = this.running.get(service);
    if (!running) return;
    running.child.kill('SIGTERM');
    const timer = setTimeout(() => running.child.kill('SIGKILL'), graceMillis);
    await running.exited;
    clearTimeout(timer);
    this.running.delete(service);
  }

  /** In the reverse order of the start. */
  async stopAll(): Promise<void> {
    for (const service of [...this.running.keys()].reverse()) await this.stop(service);
  }
}
