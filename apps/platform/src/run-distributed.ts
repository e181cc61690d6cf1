/**
 * `npm run start:distributed [-- --instances N]`: the distributed deployment on this
 * machine. Starts the local Kafka broker (`tools/kafka/broker.sh start`) unless
 * KAFKA_BROKERS names one, then one process per service over Kafka, each with its own
 * store under DATA_DIR/<service>, and the gateway (REST on PORT, default 3000; gRPC on GRPC_PORT). Without JWT_SECRET or
 * JWT_JWKS_URL, a secret is generated into DATA_DIR/jwt-secret, so
 * `DATA_DIR=<that dir> npm run billing -- token --account <id>` signs tokens it accepts.
 * Output is prefixed with each process's name; Ctrl-C or SIGTERM stops them all (the
 * broker keeps running: `tools/kafka/broker.sh stop`). A process that exits by itself is
 * started again after a pause that doubles while it keeps exiting (1 s up to 30 s), and
 * the supervisor says so.
 *
 * With `--instances N` (N > 1) or EVENT_STORE=postgres, every service keeps its events in
 * PostgreSQL (DATABASE_URL, or the local one `tools/postgres/postgres.sh start` starts),
 * and wallet, tasks, purchase and pricing run N processes each (`wallet`, `wallet-2`...):
 * Kafka's consumer groups split their partitions, keyed by account.
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { ensureJwtSecret } from '@billing/gateway-application';
import { GatewayProcess, type GatewayProcessOptions } from './distributed/gateway-process';
import { instanceName, type RestartBackoff, restartDelayMillis, ServiceProcesses } from './distributed/service-processes';
import { START_ORDER } from './runtime/service-catalog';

const RESTART: RestartBackoff = { initialDelayMillis: 1_000, maxDelayMillis: 30_000 };

async function main(): Promise<void> {
  const root = resolve(__dirname, '../../..');
  const dataDir = resolve(process.env['DATA_DIR'] ?? './data/distributed');
  let brokers = process.env['KAFKA_BROKERS'];
  if (!brokers) {
    process.stdout.write('starting the local Kafka broker (tools/kafka/broker.sh start)...\n');
    brokers = execFileSync('bash', [resolve(root, 'tools/kafka/broker.sh'), 'start'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
  }
  const instances = instancesArgument(process.argv.slice(2));
  const storeEnv = sharedStoreEnv(root, instances);
  const processes = new ServiceProcesses({
    root,
    dataDir,
    brokers: brokers.split(','),
    // Each service process serves its own /metrics on a free port, printed at its start.
    // With several instances, a killed one's partitions go to the others after the broker's shortest session time-out.
    env: { ...storeEnv, METRICS_PORT: '0', ...(instances > 1 && !process.env['KAFKA_SESSION_TIMEOUT_MS'] ? { KAFKA_SESSION_TIMEOUT_MS: '6000' } : {}) },
    instances,
    onLine: (service, line) => process.stdout.write(`[${service.padEnd(10)}] ${line}\n`),
    restart: RESTART,
  });
  let gateway: GatewayProcess | null = null;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`${signal}: stopping the gateway and every service...\n`);
    await gateway?.stop();
    await processes.stopAll();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  const ownSecret = !process.env['JWT_SECRET'] && !process.env['JWT_JWKS_URL'];
  try {
    await processes.startAll();
    const gatewayOptions: GatewayProcessOptions = {
      root,
      dataDir,
      brokers: brokers.split(','),
      env: ownSecret ? { JWT_SECRET: ensureJwtSecret(dataDir) } : {},
      onLine: (line) => process.stdout.write(`[gateway   ] ${line}\n`),
    };
    gateway = await GatewayProcess.start(gatewayOptions);
    void superviseGateway(gateway, gatewayOptions, (started) => (gateway = started), () => stopping);
  } catch (error) {
    await gateway?.stop();
    await processes.stopAll();
    throw error;
  }
  process.stdout.write(
    [
      `distributed platform running over Kafka at ${brokers}`,
      ...START_ORDER.map((s) => `  ${s.padEnd(8)} data in ${Array.from({ length: processes.instancesOf(s) }, (_, i) => resolve(dataDir, instanceName(s, i + 1))).join(', ')}`),
      ...(storeEnv['DATABASE_URL'] ? [`  events   PostgreSQL at ${storeEnv['DATABASE_URL']}, a schema per service`] : []),
      `  gateway  ${gateway.url} (docs ${gateway.url}/docs), gRPC ${gateway.grpcAddress}`,
      ownSecret ? `  token    DATA_DIR=${dataDir} npm run -s billing -- token --account <id>` : '  token    signed by your identity provider (JWT_SECRET / JWT_JWKS_URL)',
      `Ctrl-C stops the services (the broker keeps running: tools/kafka/broker.sh stop${storeEnv['DATABASE_URL'] && !process.env['DATABASE_URL'] ? '; PostgreSQL too: tools/postgres/postgres.sh stop' : ''})`,
    ].join('\n') + '\n',
  );
}

/** Starts the gateway again whenever it exits by itself, with the services' backoff. */
async function superviseGateway(first: GatewayProcess, options: GatewayProcessOptions, started: (gateway: GatewayProcess) => void, stopping: () => boolean): Promise<void> {
  let current = first;
  let attempt = 0;
  for (;;) {
    const since = performance.now();
    const how = await current.ended();
    if (stopping()) return;
    attempt = performance.now() - since < 60_000 ? attempt + 1 : 1;
    for (;;) {
      const delay = restartDelayMillis(RESTART, attempt);
      process.stdout.write(`[gateway   ] supervisor: gateway ${how}; restart ${attempt} in ${delay} ms\n`);
      await new Promise((resolve) => setTimeout(resolve, delay));
      if (stopping()) return;
      try {
        current = await GatewayProcess.start(options);
        started(current);
        process.stdout.write(`[gateway   ] supervisor: gateway restarted (restart ${attempt})\n`);
        break;
      } catch (error) {
        attempt++;
        process.stdout.write(`[gateway   ] supervisor: gateway did not start again: ${error instanceof Error ? error.message : String(error)}\n`);
      }
    }
  }
}

/** `--instances N` (or `--instances=N`): processes per scaled service, default 1. */
function instancesArgument(args: readonly string[]): number {
  const at = args.findIndex((arg) => arg === '--instances' || arg.startsWith('--instances='));
  if (at < 0) return 1;
  const arg = args[at] ?? '';
  const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : args[at + 1];
  const instances = Number(value);
  if (!Number.isInteger(instances) || instances < 1 || instances > 16) throw new Error(`--instances takes a whole number from 1 to 16, got ${value ?? 'nothing'}`);
  return instances;
}

/** Several instances share one store: PostgreSQL, DATABASE_URL's or the local one the project's script starts. */
function sharedStoreEnv(root: string, instances: number): Record<string, string> {
  const postgres = instances > 1 || process.env['EVENT_STORE'] === 'postgres';
  if (!postgres) return {};
  let url = process.env['DATABASE_URL'];
  if (!url) {
    process.stdout.write('starting the local PostgreSQL (tools/postgres/postgres.sh start)...\n');
    url = execFileSync('bash', [resolve(root, 'tools/postgres/postgres.sh'), 'start'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
  }
  return { EVENT_STORE: 'postgres', DATABASE_URL: url };
}

main().catch((error: unknown) => {
  process.stderr.write(`start:distributed failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
