import { signAppToken } from '@billing/gateway-application';
import { type FrontDoor, openFrontDoor } from '../runtime/front-door';
import type { PlatformRuntime } from '../runtime/platform-runtime';
import { frontDoorTestEnvironment, startEmbedded } from './embedded';
import { createLogger, type PinoLogger, type RpcClient } from '@billing/service-host';

export interface EmbeddedTestPlatformOptions {
  readonly dir: string;
  /** JWT_SECRET: the front door verifies app users' tokens with it, `token()` signs with it. */
  readonly jwtSecret: string;
  /** PRICE_BOOK: the deployment's price book (default `credits`). */
  readonly priceBookId?: string;
  /** Log every request (default true). */
  readonly logRequests?: boolean;
  /** More variables for the platform and its front door (a slow simulator, a PUBLIC_URL...). */
  readonly variables?: Readonly<Record<string, string>>;
}

/**
 * What `npm start` runs, in this process: the platform runtime (every service under its host,
 * the in-process bus, SQLite files in `dir`) configured by `loadPlatformConfig`, and its front
 * door (REST and gRPC) on free loopback ports. The services log errors only; the gateway logs
 * its requests. Both go to `logs`.
 */
export class EmbeddedTestPlatform {
  private constructor(
    /** Every log line, one JSON object each. */
    readonly logs: string[],
    private readonly options: EmbeddedTestPlatformOptions,
    private readonly runtime: PlatformRuntime,
    private readonly door: FrontDoor,
  ) {}

  get url(): string {
    return this.door.http.url;
  }

  /** The front door's gRPC address (loopback). */
  get grpcAddress(): string {
    return `127.0.0.1:${this.door.grpc.port}`;
  }

  static async start(options: EmbeddedTestPlatformOptions): Promise<EmbeddedTestPlatform> {
    const logs: string[] = [];
    const runtime = await startEmbedded(options.dir, environment(options), logs);
    try {
      const door = await openFrontDoor(runtime, environment(options), { logger: gatewayLogger('gateway', logs), logRequests: options.logRequests ?? true });
      // As `npm start` does: on stop the front door closes first, then the services, then the bus.
      runtime.beforeStop(() => door.close());
      return new EmbeddedTestPlatform(logs, options, runtime, door);
    } catch (error) {
      await runtime.stop();
      throw error;
    }
  }

  /**
   * Another front door on the same runtime, with more variables (a tight RATE_LIMIT_APP_USER,
   * a PUBLIC_URL): a second gateway replica (its own REST and gRPC ports and limiter, the
   * same gateway state as the first).
   */
  async extraGateway(name: string, variables: Readonly<Record<string, string>>): Promise<{ readonly url: string; closeAll(): Promise<void> }> {
    const door = await openFrontDoor(
      this.runtime,
      { ...environment(this.options), ...variables },
      { logger: gatewayLogger(name, this.logs), logRequests: false, organisationEvents: this.door.organisationEvents },
    );
    return { url: door.http.url, closeAll: () => door.close() };
  }

  /** An app user's token, signed as `billing token` signs it (role finance when asked; `organisationId`: acting in one the user joined). */
  token(accountId: string, role?: 'finance', organisationId?: string): Promise<string> {
    return signAppToken(this.options.jwtSecret, accountId, { ...(role ? { role } : {}), ...(organisationId ? { organisationId } : {}), now: Date.now(), ttlSeconds: 3600 });
  }

  /** The services' RPC, for a test's setup that no public operation offers (how many charges the sandbox declines). */
  get rpc(): RpcClient {
    return this.runtime.rpc;
  }

  /** The front door, then the services and the bus. */
  async stop(): Promise<void> {
    await this.runtime.stop();
  }
}

/** The variables `npm start` would be given: stores in `dir`, free loopback ports, the simulator without latency or failures. */
function environment(options: EmbeddedTestPlatformOptions): Record<string, string> {
  return { ...frontDoorTestEnvironment(options.dir, options.jwtSecret, options.priceBookId), ...options.variables };
}

/** The gateway's request lines are at info: kept, while the services log errors only (LOG_LEVEL). */
const gatewayLogger = (name: string, logs: string[]): PinoLogger => createLogger(name, { sink: (line) => logs.push(line) });
