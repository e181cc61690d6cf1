import { runPlatform } from '@billing/platform-runtime';
import { openFrontDoor } from './front-door';

const TITLE = 'billing platform (embedded)';

// `npm start`: every service in this process, over the in-process bus, stores under DATA_DIR,
// and the gateway in front of them on PORT (default 3000).
runPlatform(TITLE, ['pricing', 'wallet', 'purchase', 'tasks'])
  .then(async (runtime) => {
    const door = await openFrontDoor(runtime, process.env);
    process.stdout.write(`${door.lines.join('\n')}\nstop with Ctrl-C\n`);
    for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => void door.close());
  })
  .catch((error: unknown) => {
    process.stderr.write(`${TITLE} could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
