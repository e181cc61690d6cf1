import { runPlatform, type ServicesToRun } from './run-platform';

/** What an app's `main.ts` does: run, and on a failure to start say why and exit 1. */
export function mainOf(title: string, services: ServicesToRun, after?: () => void): void {
  runPlatform(title, services).then(
    () => after?.(),
    (error: unknown) => {
      process.stderr.write(`${title} could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}
