/*
 * The embedded platform as a process of its own, for the kill -9 test: every service on
 * DATA_DIR (the rest of the configuration from the environment), then the accounts of
 * WORKLOAD (JSON: accounts, funding in millicredits, tasks, seed, prefix) funded and its tasks created. Prints
 * `started` once the platform runs and `created <n>` as tasks are acknowledged. It may be
 * killed at any moment: the next run on the same files carries on, since funding and
 * creating a task again are no-ops (same command id, same task id).
 */
import { loadPlatformConfig } from '@billing/platform-config';
import { PlatformRuntime } from '../runtime/platform-runtime';
import { START_ORDER } from '../runtime/service-catalog';
import { awaitFunding } from './embedded';
import type { EmbeddedWorkload } from './embedded-kill';
import { createTasks, fundAccounts, planTasks } from './saga-workload';

// Never outlive the test: stop when the parent goes away, or after two minutes at most.
setTimeout(() => process.exit(3), 120_000).unref();
setInterval(() => process.ppid === 1 && process.exit(4), 500).unref();
process.stdout.on('error', () => process.exit(2));

async function main(): Promise<void> {
  const workload = JSON.parse(process.env['WORKLOAD'] ?? '') as EmbeddedWorkload;
  const runtime = new PlatformRuntime({ config: loadPlatformConfig(process.env), services: START_ORDER, logSink: () => undefined });
  await runtime.start();
  process.stdout.write('started\n');
  await fundAccounts(runtime.commands, workload.accounts, () => workload.funding, Date.now());
  await awaitFunding(runtime.rpc, workload.accounts);
  let created = 0;
  await createTasks(runtime.rpc, planTasks(workload), 16, () => process.stdout.write(`created ${++created}\n`), true);
  process.stdout.write('all created\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`embedded workload failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
