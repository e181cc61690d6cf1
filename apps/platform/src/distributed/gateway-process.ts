import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface GatewayProcessOptions {
  /** The repository root: where `apps/` and `node_modules/` are. */
  readonly root: string;
  /** The gateway gets `<dataDir>/gateway` as its DATA_DIR (its state: API keys, idempotency). */
  readonly dataDir: string;
  readonly brokers: readonly string[];
  /** More variables: JWT_SECRET or JWT_JWKS_URL (one is required), PORT, GRPC_PORT, LOG_LEVEL... */
  readonly env?: Readonly<Record<string, string>>;
  /** Every output line. */
  readonly onLine?: (line: string) => void;
  readonly startTimeoutMillis?: number;
}

/**
 * The distributed gateway as a child process (`node --import tsx apps/gateway/src/main.ts`)
 * over the broker, in its own process group: `stop` and `kill` signal the whole group.
 * Resolves once it printed where REST and gRPC listen.
 */
export class GatewayProcess {
  private constructor(
    private readonly child: ChildProcess,
    private readonly exited: Promise<void>,
    /** `http://localhost:<port>` */
    readonly url: string,
    /** `localhost:<port>` */
    readonly grpcAddress: string,
  ) {}

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Resolves with how the process ended, whatever ended it. */
  async ended(): Promise<string> {
    await this.exited;
    return `exited (code ${this.child.exitCode}, signal ${this.child.signalCode})`;
  }

  static async start(options: GatewayProcessOptions): Promise<GatewayProcess> {
    const timeoutMillis = options.startTimeoutMillis ?? 120_000;
    const child = spawn(process.execPath, ['--import', 'tsx', join('apps', 'gateway', 'src', 'main.ts')], {
      cwd: options.root,
      env: {
        ...process.env,
        ...options.env,
        // The gateway is no service: a SERVICE left in the environment must not name one.
        SERVICE: '',
        TRANSPORT: 'kafka',
        KAFKA_BROKERS: options.brokers.join(','),
        DATA_DIR: join(options.dataDir, 'gateway'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    let url: string | undefined;
    let grpcAddress: string | undefined;
    const ready = new Promise<GatewayProcess>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the gateway did not start within ${timeoutMillis} ms`)), timeoutMillis);
      const onLine = (line: string) => {
        options.onLine?.(line);
        url ??= /^gateway: (http:\/\/\S+)/.exec(line)?.[1];
        grpcAddress ??= /^grpc: (\S+:\d+) \(billing\.v1\)/.exec(line)?.[1];
        if (url !== undefined && grpcAddress !== undefined) {
          clearTimeout(timer);
          resolve(new GatewayProcess(child, exited, url, grpcAddress));
        }
      };
      if (child.stdout) createInterface({ input: child.stdout }).on('line', onLine);
      if (child.stderr) createInterface({ input: child.stderr }).on('line', onLine);
      void exited.then(() => {
        clearTimeout(timer);
        reject(new Error(`the gateway exited before it was running (code ${child.exitCode}, signal ${child.signalCode})`));
      });
    });
    try {
      return await ready;
    } catch (error) {
      signalGroup(child, 'SIGKILL');
      await exited;
      throw error;
    }
  }

  /** SIGTERM to the process group, and SIGKILL after `graceMillis`. */
  async stop(graceMillis = 20_000): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    signalGroup(this.child, 'SIGTERM');
    const timer = setTimeout(() => signalGroup(this.child, 'SIGKILL'), graceMillis);
    await this.exited;
    clearTimeout(timer);
  }

  /** `kill -9` of the process group. */
  async kill(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    signalGroup(this.child, 'SIGKILL');
    await this.exited;
  }
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is gone already.
  }
}
