import { resolve } from 'node:path';
import { openFrontDoor, runPlatform } from '@billing/platform-runtime';

/** The dashboard's Vite build (`npm start` builds it when stale). */
const DASHBOARD_DIR = resolve(__dirname, '../../dashboard/dist');

const TITLE = 'billing platform (embedded)';

// `npm start`: every service in this process, over the in-process bus, stores under DATA_DIR,
// and the gateway in front of them: REST on PORT (default 3000), gRPC on GRPC_PORT (default 50051).
runPlatform(TITLE, ['pricing', 'wallet', 'purchase', 'tasks'])
  .then(async (runtime) => {
    const door = await openFrontDoor(runtime, process.env, { dashboardDir: DASHBOARD_DIR });
    // On SIGTERM/SIGINT the runtime stops: the front door (REST, gRPC) closes first, then the services, then the bus.
    runtime.beforeStop(() => door.close());
    process.stdout.write(`${door.lines.join('\n')}\nstop with Ctrl-C\n`);
  })
  .catch((error: unknown) => {
    process.stderr.write(`${TITLE} could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
