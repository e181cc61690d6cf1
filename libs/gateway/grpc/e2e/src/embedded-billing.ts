import Database from 'better-sqlite3';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { type EventStore, openSqliteEventStore } from '@billing/event-store';
import { BillingGateway, type Caller, openGatewayState, gatewayStatePath } from '@billing/gateway-application';
import { BillingGrpcServer } from '@billing/gateway-grpc';
import { InProcessMessageBus } from '@billing/messaging';
import { createPricingService } from '@billing/pricing-service';
import { createPurchaseService } from '@billing/purchase-service';
import { BusRpcClient, JsonLogger, RpcDirectory, ServiceHost, type ServiceFactory } from '@billing/service-host';
import { createTasksService } from '@billing/tasks-service';
import { createWalletService } from '@billing/wallet-service';

const JWT_SECRET = 'grpc-e2e-secret-that-is-long-enough';

/**
 * The embedded platform as `npm start` composes it, in this process: pricing, wallet,
 * tasks and purchase under the real host on SQLite files in `dir`, one in-process bus,
 * the gateway facade and its gRPC server on a free loopback port.
 */
export class EmbeddedBilling {
  private readonly stops: (() => Promise<void>)[] = [];

  private constructor(
    /** Warnings and errors of every part, one JSON line each. */
    readonly logs: readonly string[],
    readonly dir: string,
    readonly bus: InProcessMessageBus,
    readonly gateway: BillingGateway,
    readonly grpc: BillingGrpcServer,
  ) {}

  static async start(dir: string): Promise<EmbeddedBilling> {
    const bus = new InProcessMessageBus({ path: join(dir, 'bus.db') });
    const directory = new RpcDirectory();
    const logs: string[] = [];
    const stops: (() => Promise<void>)[] = [async () => bus.close()];
    const logger = (name: string) => new JsonLogger(name, (line) => logs.push(line), 'warn');
    try {
      const startService = async (serviceName: string, factory: ServiceFactory) => {
        const store: EventStore = openSqliteEventStore({ path: join(dir, `${serviceName}.events.db`) });
        const db = new Database(join(dir, `${serviceName}.state.db`));
        db.pragma('journal_mode = WAL');
        stops.push(async () => {
          await store.close();
          db.close();
        });
        const host = await ServiceHost.start({ serviceName, factory, store, db, bus, logger: logger(serviceName), partitions: 4, directory });
        stops.push(() => host.stop());
      };
      await startService('pricing', createPricingService({ activePriceBookId: 'credits' }));
      await startService('wallet', createWalletService());
      await startService(
        'purchase',
        createPurchaseService({ environment: 'embedded', payments: { kind: 'sandbox', checkoutBaseUrl: 'http://127.0.0.1/checkout', webhookSecret: 'grpc-e2e-webhook-secret' } }),
      );
      await startService('tasks', createTasksService());

      const rpc = new BusRpcClient({ bus, instanceId: 'gateway-grpc-e2e', partitions: 4, logger: logger('gateway'), defaultTimeoutMillis: 15_000, directory });
      stops.push(() => rpc.close());
      const state = openGatewayState(gatewayStatePath(dir));
      stops.push(async () => void state.close());
      const gateway = new BillingGateway({ rpc, db: state, tokens: { jwtSecret: JWT_SECRET } });
      const grpc = await BillingGrpcServer.start({ gateway, bus, port: 0, host: '127.0.0.1', logger: logger('gateway-grpc') });
      stops.push(() => grpc.stop());
      const platform = new EmbeddedBilling(logs, dir, bus, gateway, grpc);
      platform.stops.push(...stops);
      return platform;
    } catch (error) {
      for (const stop of stops.reverse()) await stop();
      throw error;
    }
  }

  get grpcAddress(): string {
    return `127.0.0.1:${this.grpc.port}`;
  }

  /** A signed-in app user's token (channel app, so the App pool). */
  token(accountId: string): Promise<string> {
    return new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject(accountId).setIssuedAt().setExpirationTime('1h').sign(new TextEncoder().encode(JWT_SECRET));
  }

  /** An API key created by the account's app user, as the dashboard would (channel api, so the API pool). */
  apiKey(accountId: string): string {
    return this.gateway.createApiKey(appCaller(accountId), 'grpc e2e').key;
  }

  /** Buys a pack through the real purchase path: an order, then the sandbox's payment confirmation. */
  async buyPack(accountId: string, packId: string): Promise<void> {
    const caller = appCaller(accountId);
    const context = { requestId: `buy-${accountId}-${packId}` };
    const order = await this.gateway.placeOrder(caller, { kind: 'pack', packId }, context);
    await this.gateway.confirmSandboxPayment(caller, order.id, context);
  }

  async stop(): Promise<void> {
    for (const stop of this.stops.reverse()) await stop();
    this.stops.length = 0;
  }
}

const appCaller = (accountId: string): Caller => ({ accountId, channel: 'app', role: 'user' });
