import { resolve } from 'node:path';
import { KafkaMessageBus } from '@billing/messaging';
import { BusCommandSender, BusRpcClient, type CommandSender, type RpcClient, silentLogger } from '@billing/service-host';
import type { ServiceName } from '@billing/platform-config';
import { ServiceProcesses } from '../distributed/service-processes';
import { START_ORDER } from '../runtime/service-catalog';

export interface DistributedPlatform {
  readonly processes: ServiceProcesses;
  readonly rpc: RpcClient;
  readonly commands: CommandSender;
  readonly logs: string[];
  stop(): Promise<void>;
}

/**
 * One child process per service over the broker, each in `<dir>/<service>`, and a client
 * (RPC, commands) in this process. With `instances`, that many of each scaled service (their
 * shared store in `env`: EVENT_STORE=postgres, DATABASE_URL). `services` starts only those
 * (a test of one service).
 */
export async function startDistributed(
  dir: string,
  brokers: readonly string[],
  env: Record<string, string> = {},
  instances = 1,
  services: readonly ServiceName[] = START_ORDER,
): Promise<DistributedPlatform> {
  const logs: string[] = [];
  const processes = new ServiceProcesses({
    root: resolve(__dirname, '../../../..'),
    dataDir: dir,
    brokers,
    env: { LOG_LEVEL: 'warn', ...env },
    instances,
    onLine: (service, line) => logs.push(`[${service}] ${line}`),
  });
  const bus = new KafkaMessageBus({ brokers, clientId: 'platform-e2e' });
  const rpc = new BusRpcClient({ bus, caller: 'e2e', instanceId: `e2e-${process.pid}-${Date.now()}`, partitions: 6, logger: silentLogger, defaultTimeoutMillis: 30_000 });
  try {
    await processes.startAll(services);
  } catch (error) {
    await processes.stopAll();
    await bus.close();
    throw error;
  }
  return {
    processes,
    rpc,
    commands: new BusCommandSender(bus, 6),
    logs,
    stop: async () => {
      await rpc.close();
      await bus.close();
      await processes.stopAll();
    },
  };
}

/** The broker the Kafka tier runs against (its global setup sets KAFKA_BROKERS). */
export function kafkaBrokers(): string[] {
  const value = process.env['KAFKA_BROKERS'];
  if (!value) throw new Error('KAFKA_BROKERS is not set: run the kafka tier with `npm run test:kafka`');
  return value.split(',');
}

/** A provider that fails and answers partly at random; a short task timeout and hold TTL, so jobs a killed task service was waiting on end by timing out. */
export const FAULTY_PROVIDER = {
  SIMULATOR_FAILURE_RATE: '0.2',
  SIMULATOR_PARTIAL_RATE: '0.3',
  SIMULATOR_LATENCY_MAX_MS: '20',
  TASK_TIMEOUT_SECONDS: '5',
  RESERVATION_TTL_SECONDS: '15',
} as const;
