import {
  BillingGateway,
  logInvitation,
  ensureJwtSecret,
  type OrganisationMigration,
  startOrganisationMigration,
  gatewayEventsPath,
  gatewayStatePath,
  jwtSecretPath,
  openGatewayState,
  type TokenVerification,
} from '@billing/gateway-application';
import { BillingGrpcServer, grpcPortFrom } from '@billing/gateway-grpc';
import { type RunningGatewayHttp, startGatewayHttp } from '@billing/gateway-http';
import { loadGatewayHttpConfig } from '@billing/platform-config';
import type { Logger } from '@billing/service-host';
import { type EventStore, openSqliteEventStore } from '@billing/event-store';
import type { PlatformRuntime } from './platform-runtime';

export interface FrontDoorOptions {
  /** The dashboard's Vite build, served at /dashboard (DASHBOARD_DIR overrides). */
  readonly dashboardDir?: string;
  /** Default: the runtime's (JSON lines on stdout at LOG_LEVEL). */
  readonly logger?: Logger;
  readonly logRequests?: boolean;
  /** Another front door's organisation events, for a second replica on the same DATA_DIR (one writer per event store). */
  readonly organisationEvents?: EventStore;
}

export interface FrontDoor {
  readonly http: RunningGatewayHttp;
  readonly grpc: BillingGrpcServer;
  readonly lines: readonly string[];
  readonly organisationEvents: EventStore;
  close(): Promise<void>;
}

/**
 * The gateway in front of the embedded platform: REST on PORT (default 3000) and gRPC
 * (`billing.v1`) on GRPC_PORT (default 50051; 0 picks a free port), one facade calling the
 * services in-process, gRPC's task updates followed on the runtime's bus. PUBLIC_URL and the
 * rate limits (RATE_LIMIT_API_KEY, RATE_LIMIT_APP_USER) as `loadGatewayHttpConfig` reads them. App users' tokens are checked with JWT_SECRET or JWT_JWKS_URL; with
 * neither, a secret is generated once into DATA_DIR/jwt-secret (0600) for `billing token`.
 */
export async function openFrontDoor(runtime: PlatformRuntime, env: NodeJS.ProcessEnv, options: FrontDoorOptions = {}): Promise<FrontDoor> {
  const port = portOf(env['PORT']);
  const grpcPort = grpcPortFrom(env);
  const host = env['HOST'] ?? '0.0.0.0';
  const edge = loadGatewayHttpConfig(env);
  const tokens: TokenVerification = env['JWT_JWKS_URL']
    ? { jwksUrl: env['JWT_JWKS_URL'] }
    : { jwtSecret: env['JWT_SECRET'] && env['JWT_SECRET'].length > 0 ? env['JWT_SECRET'] : ensureJwtSecret(runtime.dataDir) };
  const db = openGatewayState(gatewayStatePath(runtime.dataDir));
  const organisationEvents = options.organisationEvents ?? openSqliteEventStore({ path: gatewayEventsPath(runtime.dataDir) });
  const logger = options.logger ?? runtime.logger('gateway');
  const gateway = new BillingGateway({ rpc: runtime.rpc, db, tokens, organisationEvents, onInvitation: logInvitation(logger) });
  const closeState = async (): Promise<void> => {
    if (!options.organisationEvents) await organisationEvents.close();
    db.close();
  };
  let http: RunningGatewayHttp;
  let migration: OrganisationMigration | undefined;
  try {
    // The wallet is in this runtime: the first attempt is awaited, so verify is clean once the door opens.
    migration = startOrganisationMigration(gateway, logger);
    await migration.firstAttempt;
    const dashboardDir = env['DASHBOARD_DIR'] || options.dashboardDir;
    http = await startGatewayHttp({
      gateway,
      logger,
      port,
      host,
      ...(dashboardDir ? { dashboardDir } : {}),
      rateLimits: edge.rateLimits,
      metricsRegistry: runtime.metrics.registry,
      ...(edge.publicUrl ? { publicUrl: edge.publicUrl } : {}),
      ...(options.logRequests === undefined ? {} : { logRequests: options.logRequests }),
    });
  } catch (error) {
    migration?.stop();
    await closeState();
    throw error;
  }
  let grpc: BillingGrpcServer;
  try {
    grpc = await BillingGrpcServer.start({ gateway, bus: runtime.messageBus, port: grpcPort, host, logger });
  } catch (error) {
    migration.stop();
    await http.close();
    await closeState();
    throw error;
  }
  const url = host === '0.0.0.0' || host === '::' ? `http://localhost:${http.port}` : http.url;
  const ownSecret = !env['JWT_JWKS_URL'] && !env['JWT_SECRET'];
  const lines = [
    `gateway: ${url}  (REST under ${url}/v1)`,
    `docs:    ${url}/docs  (OpenAPI at ${url}/openapi.json)`,
    `grpc: localhost:${grpc.port} (billing.v1)`,
    `dashboard: ${url}/dashboard  (sign in with a token from the command below)`,
    ownSecret
      ? `token:   npm run -s billing -- token --account <id> [--role finance]${env['DATA_DIR'] ? ` (with DATA_DIR=${env['DATA_DIR']})` : ''}; secret in ${jwtSecretPath(runtime.dataDir)}`
      : 'token:   signed by your identity provider (JWT_SECRET / JWT_JWKS_URL are set)',
    `try:     curl -H "Authorization: Bearer $TOKEN" ${url}/v1/balances`,
  ];
  return {
    http,
    grpc,
    lines,
    organisationEvents,
    // Before the runtime's bus closes: gRPC follows task updates on it.
    close: async () => {
      migration.stop();
      await migration.done;
      await http.close();
      await grpc.stop();
      await closeState();
    },
  };
}

function portOf(text: string | undefined): number {
  if (text === undefined || text === '') return 3000;
  const port = Number(text);
  if (!/^\d{1,5}$/.test(text) || port > 65_535) throw new RangeError(`PORT must be a whole number from 0 to 65535, got "${text}"`);
  return port;
}
