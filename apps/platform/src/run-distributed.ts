/**
 * `npm run start:distributed`: the distributed deployment on this machine. Starts the
 * local Kafka broker (`tools/kafka/broker.sh start`) unless KAFKA_BROKERS names one, then
 * one process per service over Kafka, each with its own store under DATA_DIR/<service>,
 * and the gateway (REST on PORT, default 3000; gRPC on GRPC_PORT). Without JWT_SECRET or
 * JWT_JWKS_URL, a secret is generated into DATA_DIR/jwt-secret, so
 * `DATA_DIR=<that dir> npm run billing -- token --account <id>` signs tokens it accepts.
 * Output is prefixed with each process's name; Ctrl-C or SIGTERM stops them all (the
 * broker keeps running: `tools/kafka/broker.sh stop`). A process that exits by itself is
 * started again after a pause that doubles while it keeps exiting (1 s up to 30 s), and
 * the supervisor says so.
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { ensureJwtSecret } from '@billing/gateway-application';
import { GatewayProcess, type GatewayProcessOptions } from './distributed/gateway-process';
import { type RestartBackoff, restartDelayMillis, ServiceProcesses } from './distributed/service-processes';
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
  const processes = new ServiceProcesses({
    root,
    dataDir,
    brokers: brokers.split(','),
    onLine: (service, line) => process.stdout.write(`[${service.padEnd(8)}] ${line}\n`),
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
      onLine: (line) => process.stdout.write(`[gateway ] ${line}\n`),
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
      ...START_ORDER.map((s) => `  ${s.padEnd(8)} data in ${resolve(dataDir, s)}`),
      `  gateway  ${gateway.url} (docs ${gateway.url}/docs), gRPC ${gateway.grpcAddress}`,
      ownSecret ? `  token    DATA_DIR=${dataDir} npm run -s billing -- token --account <id>` : '  token    signed by your identity provider (JWT_SECRET / JWT_JWKS_URL)',
      'Ctrl-C stops the services (the broker keeps running: tools/kafka/broker.sh stop)',
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
      process.stdout.write(`[gateway ] supervisor: gateway ${how}; restart ${attempt} in ${delay} ms\n`);
      await new Promise((resolve) => setTimeout(resolve, delay));
      if (stopping()) return;
      try {
        current = await GatewayProcess.start(options);
        started(current);
        process.stdout.write(`[gateway ] supervisor: gateway restarted (restart ${attempt})\n`);
        break;
      } catch (error) {
        attempt++;
        process.stdout.write(`[gateway ] supervisor: gateway did not start again: ${error instanceof Error ? error.message : String(error)}\n`);
      }
    }
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`start:distributed failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
