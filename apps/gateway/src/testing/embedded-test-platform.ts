import Database from 'better-sqlite3';
import { join } from 'node:path';
import { BillingGateway, gatewayStatePath, openGatewayState } from '@billing/gateway-application';
import { type RunningGatewayHttp, startGatewayHttp } from '@billing/gateway-http';
import { openSqliteEventStore, type EventStore } from '@billing/event-store';
import { createFinanceService } from '@billing/finance-service';
import { InProcessMessageBus } from '@billing/messaging';
import type { PriceBook } from '@billing/pricing-domain';
import { createPricingService } from '@billing/pricing-service';
import { createPurchaseService } from '@billing/purchase-service';
import { BusRpcClient, JsonLogger, RpcDirectory, ServiceHost, type ServiceFactory } from '@billing/service-host';
import { createTasksService } from '@billing/tasks-service';
import { createWalletService } from '@billing/wallet-service';
import { SignJWT } from 'jose';

export interface EmbeddedTestPlatformOptions {
  readonly dir: string;
  readonly jwtSecret: string;
  /** The deployment's price book (default `credits`). */
  readonly priceBookId?: string;
  readonly books?: readonly PriceBook[];
  readonly rateLimit?: { readonly limit: number; readonly ttlMillis: number };
  readonly logRequests?: boolean;
}

export const SANDBOX_WEBHOOK_SECRET = 'sandbox-webhook-secret-for-tests';

/**
 * Every service under the real host over one in-process bus, each with its SQLite files in
 * `dir`, and the REST gateway in front on an ephemeral port: the embedded platform as a
 * client meets it, in this process.
 */
export class EmbeddedTestPlatform {
  readonly logs: string[] = [];
  private readonly hosts: { host: ServiceHost; store: EventStore; db: Database.Database }[] = [];
  private readonly bus: InProcessMessageBus;
  private readonly directory = new RpcDirectory();
  private rpc: BusRpcClient | null = null;
  private http: RunningGatewayHttp | null = null;
  private gatewayDb: Database.Database | null = null;

  private constructor(private readonly options: EmbeddedTestPlatformOptions) {
    this.bus = new InProcessMessageBus({ path: join(options.dir, 'bus.db') });
  }

  get url(): string {
    if (!this.http) throw new Error('not started');
    return this.http.url;
  }

  static async start(options: EmbeddedTestPlatformOptions): Promise<EmbeddedTestPlatform> {
    const platform = new EmbeddedTestPlatform(options);
    try {
      await platform.startAll();
    } catch (error) {
      await platform.stop();
      throw error;
    }
    return platform;
  }

  /** Another REST gateway on the same services (its own state file), e.g. with a tight rate limit. */
  async extraGateway(name: string, rateLimit: { limit: number; ttlMillis: number }): Promise<RunningGatewayHttp & { closeAll(): Promise<void> }> {
    const db = openGatewayState(join(this.options.dir, `${name}.state.db`));
    const gateway = new BillingGateway({ rpc: this.rpcClient(), db, tokens: { jwtSecret: this.options.jwtSecret } });
    const http = await startGatewayHttp({ gateway, logger: this.logger('gateway'), port: 0, rateLimit, logRequests: false });
    return { ...http, closeAll: async () => { await http.close(); db.close(); } };
  }

  async token(accountId: string, role?: 'finance'): Promise<string> {
    return new SignJWT(role ? { role } : {})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(accountId)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(this.options.jwtSecret));
  }

  async stop(): Promise<void> {
    await this.http?.close();
    this.http = null;
    await this.rpc?.close();
    for (const { host, store, db } of this.hosts.reverse()) {
      await host.stop();
      await store.close();
      db.close();
    }
    this.hosts.length = 0;
    this.gatewayDb?.close();
    await this.bus.close();
  }

  private async startAll(): Promise<void> {
    const priceBookId = this.options.priceBookId ?? 'credits';
    await this.startService('pricing', createPricingService({ activePriceBookId: priceBookId, ...(this.options.books ? { books: this.options.books } : {}) }));
    const walletStore = await this.startService('wallet', createWalletService({}));
    // Finance beside the wallet, reading its running store (as the platform runtime does).
    await this.startService('finance', createFinanceService({ walletStore, checkpointsDir: join(this.options.dir, 'checkpoints') }));
    await this.startService(
      'purchase',
      createPurchaseService({
        environment: 'embedded',
        priceBookId,
        payments: { kind: 'sandbox', checkoutBaseUrl: 'http://127.0.0.1/v1/sandbox/checkout', webhookSecret: SANDBOX_WEBHOOK_SECRET },
      }),
    );
    await this.startService('tasks', createTasksService({ priceBookId }));
    this.gatewayDb = openGatewayState(gatewayStatePath(this.options.dir));
    const gateway = new BillingGateway({ rpc: this.rpcClient(), db: this.gatewayDb, tokens: { jwtSecret: this.options.jwtSecret } });
    this.http = await startGatewayHttp({
      gateway,
      logger: this.logger('gateway'),
      port: 0,
      logRequests: this.options.logRequests ?? true,
      ...(this.options.rateLimit ? { rateLimit: this.options.rateLimit } : {}),
    });
  }

  private rpcClient(): BusRpcClient {
    this.rpc ??= new BusRpcClient({ bus: this.bus, instanceId: 'gateway-test', partitions: 2, logger: this.logger('gateway-rpc'), defaultTimeoutMillis: 10_000, directory: this.directory });
    return this.rpc;
  }

  private logger(service: string): JsonLogger {
    return new JsonLogger(service, (line) => this.logs.push(line));
  }

  private async startService(serviceName: string, factory: ServiceFactory): Promise<EventStore> {
    const store = openSqliteEventStore({ path: join(this.options.dir, `${serviceName}.events.db`) });
    const db = new Database(join(this.options.dir, `${serviceName}.state.db`));
    db.pragma('journal_mode = WAL');
    const host = await ServiceHost.start({
      serviceName,
      factory,
      store,
      db,
      bus: this.bus,
      logger: this.logger(serviceName),
      partitions: 2,
      directory: this.directory,
      instanceId: `${serviceName}-test`,
      backoff: { initialDelayMs: 5, maxDelayMs: 50 },
    });
    this.hosts.push({ host, store, db });
    return store;
  }
}
