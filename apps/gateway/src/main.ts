import { tracing } from '@billing/service-host/tracing/register';
import { ConfigError, type GatewayConfig, loadGatewayConfig } from '@billing/platform-config';
import { startGateway } from './gateway-process';

const TITLE = 'gateway';

// One process of the distributed deployment: the gateway alone (REST on PORT, gRPC on
// GRPC_PORT) in front of the services over Kafka (TRANSPORT=kafka, KAFKA_BROKERS).
// A bad or missing variable stops it with a message naming it (exit code 2).
let config: GatewayConfig;
try {
  config = loadGatewayConfig(process.env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${TITLE}: ${error.message}\n`);
  process.exit(2);
}

startGateway(config).then(
  (gateway) => {
    process.stdout.write(`${[`${TITLE} running (pid ${process.pid})`, ...gateway.lines].join('\n')}\n`);
    let stopping = false;
    const stop = () => {
      if (stopping) return;
      stopping = true;
      void gateway
        .close()
        .then(() => tracing?.stop())
        .then(() => process.exit(0));
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  },
  (error: unknown) => {
    process.stderr.write(`${TITLE} could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
