import { tracing } from '@billing/service-host/tracing/register';
import { resolve } from 'node:path';
import { openFrontDoor } from './runtime/front-door';
import { runPlatform } from './runtime/run-platform';
import { START_ORDER } from './runtime/service-catalog';

/** The dashboard's Vite build (`npm start` builds it when stale). */
const DASHBOARD_DIR = resolve(__dirname, '../../dashboard/dist');

const service = process.env['SERVICE'];
if (service) {
  // One process of the distributed deployment (the Dockerfile, `npm run start:distributed`):
  // the service SERVICE names alone, over Kafka (TRANSPORT=kafka); an unknown name exits 2.
  exitIfNotStarted(
    `${service}-service`,
    runPlatform(`${service}-service`, 'from-env').then((runtime) => runtime.beforeStop(async () => tracing?.stop())),
  );
} else {
  // `npm start`: every service in this process, over the in-process bus, stores under
  // DATA_DIR, and the gateway in front of them: REST on PORT (default 3000), gRPC on GRPC_PORT (default 50051).
  const title = 'billing platform (embedded)';
  exitIfNotStarted(
    title,
    runPlatform(title, START_ORDER).then(async (runtime) => {
      const door = await openFrontDoor(runtime, process.env, { dashboardDir: DASHBOARD_DIR });
      // On SIGTERM/SIGINT the runtime stops: the front door (REST, gRPC) closes first, then the services, then the bus.
      runtime.beforeStop(() => door.close());
      runtime.beforeStop(async () => tracing?.stop());
      process.stdout.write(`${door.lines.join('\n')}\nstop with Ctrl-C\n`);
    }),
  );
}

function exitIfNotStarted(title: string, starting: Promise<unknown>): void {
  starting.catch((error: unknown) => {
    process.stderr.write(`${title} could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
