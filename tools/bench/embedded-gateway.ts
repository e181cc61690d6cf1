import Database from 'better-sqlite3';
import { join } from 'node:path';
import { openSqliteEventStore, type EventStore } from '@billing/event-store';
import { createFinanceService } from '@billing/finance-service';
import { BillingGateway, gatewayStatePath, openGatewayState } from '@billing/gateway-application';
import { startGatewayHttp } from '@billing/gateway-http';
import { InProcessMessageBus } from '@billing/messaging';
import { createPricingService } from '@billing/pricing-service';
import { createPurchaseService } from '@billing/purchase-service';
import { BusRpcClient, type Logger, RpcDirectory, ServiceHost, type ServiceFactory } from '@billing/service-host';
import { createTasksService } from '@billing/tasks-service';
import { createWalletService } from '@billing/wallet-service';

export interface EmbeddedGatewayOptions {
  readonly dir: string;
  readonly jwtSecret: string;
  readonly logger: Logger;
  readonly port?: number;
  readonly logRequests?: boolean;
  readonly rateLimit?: { readonly limit: number; readonly ttlMillis: number };
}

export interface EmbeddedGateway {
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * Every service and the REST gateway in this process over an in-process bus, each store
 * a SQLite file in `dir`: what the benchmark and the fuzzer run against.
 */
export async function startEmbeddedGateway(options: EmbeddedGatewayOptions): Promise<EmbeddedGateway> {
  const { dir, logger } = options;
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const part of stops.reverse()) await part();
  };
  try {
    const bus = new InProcessMessageBus({ path: join(dir, 'bus.db') });
    stops.push(() => bus.close());
    const directory = new RpcDirectory();
    const start = async (serviceName: string, factory: ServiceFactory): Promise<EventStore> => {
      const store: EventStore = openSqliteEventStore({ path: join(dir, `${serviceName}.events.db`) });
      const db = new Database(join(dir, `${serviceName}.state.db`));
      db.pragma('journal_mode = WAL');
      const host = await ServiceHost.start({ serviceName, factory, store, db, bus, logger, partitions: 4, directory });
      stops.push(async () => {
        await host.stop();
        await store.close();
        db.close();
      });
      return store;
    };
    await start('pricing', createPricingService({}));
    const walletStore = await start('wallet', createWalletService({}));
    await start('finance', createFinanceService({ walletStore, checkpointsDir: join(dir, 'checkpoints') }));
    await start('purchase', createPurchaseService({ environment: 'embedded', payments: { kind: 'sandbox', checkoutBaseUrl: 'http://127.0.0.1/checkout', webhookSecret: 'embedded-sandbox' } }));
    await start('tasks', createTasksService({}));
    const rpc = new BusRpcClient({ bus, instanceId: 'gateway-embedded', partitions: 4, logger, defaultTimeoutMillis: 15_000, directory });
    stops.push(() => rpc.close());
    const db = openGatewayState(gatewayStatePath(dir));
    stops.push(async () => {
      db.close();
    });
    const gateway = new BillingGateway({ rpc, db, tokens: { jwtSecret: options.jwtSecret } });
    const http = await startGatewayHttp({
      gateway,
      logger,
      port: options.port ?? 0,
      logRequests: options.logRequests ?? false,
      ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}),
    });
    stops.push(() => http.close());
    return { url: http.url, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
