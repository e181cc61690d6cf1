import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

/*
 * Finds a Kafka broker for the kafka test tier, the benchmark and local runs, in this
 * order: KAFKA_BROKERS; testcontainers' Kafka module when a Docker engine answers;
 * otherwise tools/kafka/broker.sh on free ports with a fresh data dir. Only relative and
 * node imports here: Jest loads it as a global setup, outside its module mapping.
 */

export type BrokerSource = 'env' | 'testcontainers' | 'script';

export interface FoundBroker {
  readonly brokers: readonly string[];
  readonly source: BrokerSource;
  /** What the caller must pass to broker.sh to stop and start this very broker (script only). */
  readonly scriptEnv?: Readonly<Record<string, string>>;
  /** Stops and removes what was started here (nothing for `env`). */
  release(): Promise<void>;
}

const run = promisify(execFile);
export const REPO_ROOT = resolve(__dirname, '../../../../..');
export const BROKER_SCRIPT = join(REPO_ROOT, 'tools/kafka/broker.sh');

export async function findBroker(log: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): Promise<FoundBroker> {
  const fromEnv = process.env['KAFKA_BROKERS'];
  if (fromEnv) {
    log(`kafka: using KAFKA_BROKERS=${fromEnv}`);
    return { brokers: fromEnv.split(',').map((b) => b.trim()), source: 'env', release: async () => undefined };
  }
  if (dockerAnswers()) {
    log('kafka: Docker engine found, starting a broker with testcontainers');
    return startContainer();
  }
  log('kafka: no KAFKA_BROKERS and no Docker engine; starting tools/kafka/broker.sh');
  return startScript(log);
}

const dockerAnswers = (): boolean => {
  try {
    execFileSync('docker', ['info'], { stdio: 'ignore', timeout: 10_000 });
    return true;
  } catch {
    return false;
  }
};

async function startContainer(): Promise<FoundBroker> {
  const { KafkaContainer } = await import('@testcontainers/kafka');
  const container = await new KafkaContainer('confluentinc/cp-kafka:7.9.1').withKraft().start();
  return {
    brokers: [`${container.getHost()}:${container.getMappedPort(9093)}`],
    source: 'testcontainers',
    release: async () => void (await container.stop()),
  };
}

async function startScript(log: (line: string) => void): Promise<FoundBroker> {
  const port = await freePortPair();
  const dataDir = mkdtempSync(join(tmpdir(), 'billing-kafka-test-'));
  const scriptEnv = { KAFKA_PORT: String(port), KAFKA_CONTROLLER_PORT: String(port + 1), KAFKA_DATA_DIR: dataDir };
  const started = Date.now();
  const { stdout } = await run('bash', [BROKER_SCRIPT, 'start'], { env: { ...process.env, ...scriptEnv }, maxBuffer: 16 * 1024 * 1024 });
  const address = stdout.trim().split('\n').pop() ?? '';
  log(`kafka: broker.sh started ${address} in ${Date.now() - started} ms (data ${dataDir})`);
  return {
    brokers: [address],
    source: 'script',
    scriptEnv,
    release: async () => {
      await run('bash', [BROKER_SCRIPT, 'stop'], { env: { ...process.env, ...scriptEnv } });
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Runs broker.sh with the env of the broker the harness started (the restart test's lever). */
export async function brokerScript(command: 'start' | 'stop' | 'status', scriptEnv: Readonly<Record<string, string>>): Promise<string> {
  const { stdout } = await run('bash', [BROKER_SCRIPT, command], { env: { ...process.env, ...scriptEnv } });
  return stdout.trim();
}

/** Two consecutive free ports: the client listener and the controller listener. */
async function freePortPair(): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = await freePort(0);
    if (port < 65_535 && (await isFree(port + 1))) return port;
  }
  throw new Error('No two consecutive free ports found');
}

const freePort = (port: number): Promise<number> =>
  new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });

const isFree = (port: number): Promise<boolean> => freePort(port).then(() => true, () => false);
