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
  /** More variables for one service only (a test's skewed clock). */
  readonly serviceEnv?: Readonly<Partial<Record<ServiceName, Readonly<Record<string, string>>>>>;
  /** Every output line, with the name of its instance (`wallet`, `wallet-2`...). */
  readonly onLine?: (instance: string, line: string) => void;
  readonly startTimeoutMillis?: number;
  /** Start a service again when it exits by itself, after a pause that doubles per quick exit (off by default: tests watch exits). */
  readonly restart?: RestartBackoff;
  /**
   * Processes of each scaled service (wallet, tasks, purchase, pricing; default 1). More
   * than one needs a store they share: EVENT_STORE=postgres and DATABASE_URL in `env`.
   */
  readonly instances?: number;
}

/** The services that run as several instances; the others (webhooks) keep state only one process holds. */
export const SCALED_SERVICES: readonly ServiceName[] = ['pricing', 'wallet', 'purchase', 'tasks'];

/** `wallet` for the first instance, `wallet-2` for the second...: its name in logs and its data folder. */
export const instanceName = (service: ServiceName, instance: number): string => (instance === 1 ? service : `${service}-${instance}`);

export interface RestartBackoff {
  readonly initialDelayMillis: number;
  readonly maxDelayMillis: number;
  /** A process that ran this long before it exited starts again after the initial pause (default 60 s). */
  readonly resetAfterMillis?: number;
}

interface Running {
  readonly child: ChildProcess;
  readonly exited: Promise<void>;
  readonly startedAt: number;
  /** Stopped or killed on purpose: not restarted. */
  intended: boolean;
}

/** The pause before restart number `attempt` (1, 2, ...). */
export const restartDelayMillis = (backoff: RestartBackoff, attempt: number): number =>
  Math.min(backoff.maxDelayMillis, backoff.initialDelayMillis * 2 ** Math.min(attempt - 1, 20));

/**
 * The distributed deployment on one machine: one child process per service instance (`tsx
 * apps/platform/src/main.ts` with SERVICE set), each with TRANSPORT=kafka and its own data folder.
 * A service can be killed (`kill -9`) and started again on the same folder. With `restart`,
 * a service that exits by itself is started again after a growing pause, and says so.
 */
export class ServiceProcesses {
  /** By instance name. */
  private readonly running = new Map<string, Running>();
  private readonly restarts = new Map<string, { attempt: number; timer: NodeJS.Timeout | null }>();
  private closed = false;

  constructor(private readonly options: ServiceProcessesOptions) {}

  async startAll(services: readonly ServiceName[] = START_ORDER): Promise<void> {
    for (const service of services) for (let instance = 1; instance <= this.instancesOf(service); instance++) await this.start(service, instance);
  }

  instancesOf(service: ServiceName): number {
    return SCALED_SERVICES.includes(service) ? (this.options.instances ?? 1) : 1;
  }

  pid(service: ServiceName, instance = 1): number | undefined {
    return this.running.get(instanceName(service, instance))?.child.pid;
  }

  /** Starts an instance of the service and resolves once it printed that it runs. */
  async start(service: ServiceName, instance = 1): Promise<void> {
    const name = instanceName(service, instance);
    if (this.running.has(name)) throw new Error(`${name} is already running`);
    const { root, dataDir, brokers } = this.options;
    const child = spawn(process.execPath, ['--import', 'tsx', join('apps', 'platform', 'src', 'main.ts')], {
      cwd: root,
      env: {
        ...process.env,
        ...this.options.env,
        ...this.options.serviceEnv?.[service],
        SERVICE: service,
        TRANSPORT: 'kafka',
        KAFKA_BROKERS: brokers.join(','),
        DATA_DIR: join(dataDir, name),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const running: Running = { child, exited, startedAt: performance.now(), intended: false };
    this.running.set(name, running);
    const ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${name} did not start within ${this.options.startTimeoutMillis ?? 120_000} ms`)), this.options.startTimeoutMillis ?? 120_000);
      const onLine = (line: string) => {
        this.options.onLine?.(name, line);
        if (line.startsWith(`${service}-service running:`)) {
          clearTimeout(timer);
          resolve();
        }
      };
      if (child.stdout) createInterface({ input: child.stdout }).on('line', onLine);
      if (child.stderr) createInterface({ input: child.stderr }).on('line', onLine);
      void exited.then(() => {
        clearTimeout(timer);
        reject(new Error(`${name} exited before it was running (code ${child.exitCode}, signal ${child.signalCode})`));
      });
    });
    ready.catch(() => undefined);
    await ready;
    void exited.then(() => this.exitedByItself(service, instance, running));
  }

  private exitedByItself(service: ServiceName, instance: number, running: Running): void {
    const name = instanceName(service, instance);
    if (running.intended || this.running.get(name) !== running) return;
    this.running.delete(name);
    const how = `exited (code ${running.child.exitCode}, signal ${running.child.signalCode})`;
    const backoff = this.options.restart;
    if (!backoff || this.closed) {
      this.options.onLine?.(name, `supervisor: ${name} ${how}`);
      return;
    }
    const ranMillis = performance.now() - running.startedAt;
    const previous = this.restarts.get(name);
    const attempt = previous && ranMillis < (backoff.resetAfterMillis ?? 60_000) ? previous.attempt + 1 : 1;
    this.restartLater(service, instance, attempt, `${how} after ${Math.round(ranMillis / 1000)} s`);
  }

  private restartLater(service: ServiceName, instance: number, attempt: number, why: string): void {
    const backoff = this.options.restart;
    if (!backoff || this.closed) return;
    const name = instanceName(service, instance);
    const delay = restartDelayMillis(backoff, attempt);
    this.options.onLine?.(name, `supervisor: ${name} ${why}; restart ${attempt} in ${delay} ms`);
    const restart = { attempt, timer: null as NodeJS.Timeout | null };
    this.restarts.set(name, restart);
    restart.timer = setTimeout(() => {
      restart.timer = null;
      if (this.closed || this.running.has(name)) return;
      this.start(service, instance).then(
        () => this.options.onLine?.(name, `supervisor: ${name} restarted (restart ${attempt})`),
        async (error: unknown) => {
          const failed = this.running.get(name);
          if (failed) {
            failed.intended = true;
            failed.child.kill('SIGKILL');
            await failed.exited;
            this.running.delete(name);
          }
          this.restartLater(service, instance, attempt + 1, `did not start again (${error instanceof Error ? error.message : String(error)})`);
        },
      );
    }, delay);
  }

  /** `kill -9`: no shutdown hooks, no flush; whatever was acknowledged must survive. */
  async kill(service: ServiceName, instance = 1): Promise<void> {
    const name = instanceName(service, instance);
    const running = this.running.get(name);
    if (!running) return;
    running.intended = true;
    running.child.kill('SIGKILL');
    await running.exited;
    this.running.delete(name);
  }

  /** SIGTERM, and SIGKILL after `graceMillis`. */
  async stop(service: ServiceName, instance = 1, graceMillis = 20_000): Promise<void> {
    await this.stopInstance(instanceName(service, instance), graceMillis);
  }

  private async stopInstance(name: string, graceMillis = 20_000): Promise<void> {
    const running = this.running.get(name);
    if (!running) return;
    running.intended = true;
    running.child.kill('SIGTERM');
    const timer = setTimeout(() => running.child.kill('SIGKILL'), graceMillis);
    await running.exited;
    clearTimeout(timer);
    this.running.delete(name);
  }

  /** In the reverse order of the start. */
  async stopAll(): Promise<void> {
    this.closed = true;
    for (const restart of this.restarts.values()) if (restart.timer) clearTimeout(restart.timer);
    for (const name of [...this.running.keys()].reverse()) await this.stopInstance(name);
  }
}
