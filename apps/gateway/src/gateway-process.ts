import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { BillingGateway, logInvitation, gatewayEventsPath, gatewayStatePath, openGatewayState, startOrganisationMigration } from '@billing/gateway-application';
import { openSqliteEventStore } from '@billing/event-store';
import { BillingGrpcServer } from '@billing/gateway-grpc';
import { type RunningGatewayHttp, startGatewayHttp } from '@billing/gateway-http';
import { KafkaMessageBus } from '@billing/messaging';
import type { GatewayConfig } from '@billing/platform-config';
import { BusRpcClient, createLogger, type LogSink } from '@billing/service-host';

/** The dashboard's Vite build (`npm run build:dashboard`), served at /dashboard when present. */
const DASHBOARD_DIR = resolve(__dirname, '../../dashboard/dist');

export interface RunningGateway {
  readonly http: RunningGatewayHttp;
  readonly grpc: BillingGrpcServer;
  /** What runs and where, for people reading the console. */
  readonly lines: readonly string[];
  close(): Promise<void>;
}

/**
 * The gateway alone, in front of the distributed services: an RPC client to them over
 * Kafka (its own reply topic), REST on PORT and gRPC on GRPC_PORT over one facade, its
 * state (API keys, idempotency) in DATA_DIR/gateway.state.db, organisations as events in
 * DATA_DIR/gateway.events.db, app users' tokens verified with JWT_SECRET or JWT_JWKS_URL.
 * Every figure of credits and money is a service's.
 */
export async function startGateway(config: GatewayConfig, options: { readonly logSink?: LogSink; readonly dashboardDir?: string } = {}): Promise<RunningGateway> {
  const { platform } = config;
  const dataDir = resolve(platform.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const logger = createLogger('gateway', { level: platform.logLevel, pretty: platform.logPretty, fields: { instance: hostname() }, ...(options.logSink ? { sink: options.logSink } : {}) });
  const closers: (() => Promise<void>)[] = [];
  const close = async () => {
    while (closers.length > 0) {
      const closer = closers.pop();
      try {
        await closer?.();
      } catch (error) {
        logger.error('stopping failed', { error });
      }
    }
  };
  try {
    const bus = new KafkaMessageBus({ brokers: platform.kafkaBrokers, clientId: 'billing-gateway' });
    closers.push(() => bus.close());
    const rpc = new BusRpcClient({
      bus,
      caller: 'gateway',
      instanceId: `gateway-${randomUUID().slice(0, 8)}`,
      partitions: platform.kafkaPartitions,
      logger,
      defaultTimeoutMillis: platform.rpcTimeoutMillis,
    });
    closers.push(() => rpc.close());
    const db = openGatewayState(gatewayStatePath(dataDir));
    closers.push(async () => {
      db.close();
    });
    const organisationEvents = openSqliteEventStore({ path: gatewayEventsPath(dataDir) });
    closers.push(() => organisationEvents.close());
    const gateway = new BillingGateway({ rpc, db, tokens: config.tokens, organisationEvents, onInvitation: logInvitation(logger) });
    // In the background: the wallet may not answer yet when the gateway starts.
    const migration = startOrganisationMigration(gateway, logger);
    closers.push(async () => {
      migration.stop();
      await migration.done;
    });
    const http = await startGatewayHttp({
      gateway,
      logger,
      port: config.port,
      host: config.host,
      dashboardDir: options.dashboardDir ?? DASHBOARD_DIR,
      rateLimits: config.http.rateLimits,
      ...(config.http.publicUrl ? { publicUrl: config.http.publicUrl } : {}),
    });
    closers.push(() => http.close());
    const grpc = await BillingGrpcServer.start({ gateway, bus, port: config.grpcPort, host: config.host, logger });
    closers.push(() => grpc.stop());
    const url = config.host === '0.0.0.0' || config.host === '::' ? `http://localhost:${http.port}` : http.url;
    const lines = [
      `transport: Kafka at ${platform.kafkaBrokers.join(', ')}`,
      `state:   ${gatewayStatePath(dataDir)}`,
      `gateway: ${url}  (REST under ${url}/v1)`,
      `docs:    ${url}/docs  (OpenAPI at ${url}/openapi.json)`,
      `grpc: localhost:${grpc.port} (billing.v1)`,
      `token:   app users' tokens verified with ${'jwksUrl' in config.tokens ? `the JWKS at ${config.tokens.jwksUrl}` : 'JWT_SECRET'}`,
    ];
    return { http, grpc, lines, close };
  } catch (error) {
    await close();
    throw error;
  }
}
