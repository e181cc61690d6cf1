import Database from 'better-sqlite3';
import { EventStoreDBClient } from '@eventstore/db-client';
import { mkdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { createEventStoreDbStore, type EventStore, openPostgresEventStore, openSqliteEventStore, PostgresProcessorLeases } from '@billing/event-store';
import { dataDirectoryProblem, openStorageFile } from '@billing/sqlite';
import { KafkaMessageBus, type MessageBus, StoreBus } from '@billing/messaging';
import type { PlatformConfig, ServiceName } from '@billing/platform-config';
import {
  BusCommandSender,
  BusRpcClient,
  type Clock,
  type CommandSender,
  createLogger,
  type LogSink,
  newInstanceId,
  type PinoLogger,
  PlatformMetrics,
  type RpcClient,
  RpcDirectory,
  serveMetrics,
  ServiceHost,
  systemClock,
} from '@billing/service-host';
import { financeBeside, type HostedName, type NamedService, servicesFor, START_ORDER } from './service-catalog';
import { startRetryingOnKafka } from './start-retrying';

export interface PlatformRuntimeOptions {
  readonly config: PlatformConfig;
  readonly services: readonly ServiceName[];
  /** Factories to run instead of the catalog's (tests swap in a provider); default: built from `config`. */
  readonly factories?: readonly NamedService[];
  /** A clock of the caller's (tests). */
  readonly clock?: Clock;
  /** Where log lines go (default stdout). */
  readonly logSink?: LogSink;
  readonly maxBatchSize?: number;
  /** Wraps the bus this runtime opens (the AsyncAPI test records every topic the platform asks for). */
  readonly wrapBus?: (bus: MessageBus) => MessageBus;
  /** The process's metrics registry (default: one of its own). */
  readonly metrics?: PlatformMetrics;
}

export interface RunningService {
  readonly name: HostedName;
  readonly host: ServiceHost;
  readonly store: EventStore;
  readonly db: Database.Database;
  /** Where its store and state live. */
  readonly storeLocation: string;
  readonly stateLocation: string;
  /** More to say about it in `describe()`. */
  readonly note?: string;
}

/**
 * The services of one process under their hosts, over one bus. Embedded: all four on one
 * thread, RPC and commands between them called directly, and each service's events read
 * straight from its store by those who react to them (`StoreBus`). Distributed: one
 * service over Kafka. Each service has its own store (`<service>.events.db` or
 * EventStoreDB) and its own state database (`<service>.state.db`). Wherever the wallet
 * runs, finance runs beside it, reading the wallet's store (see `financeBeside`).
 */
export class PlatformRuntime {
  private readonly running: RunningService[] = [];
  /** Stops what was started, last first. */
  private readonly stops: (() => Promise<void>)[] = [];
  private readonly directory = new RpcDirectory();
  private bus: MessageBus | null = null;
  private client: { rpc: BusRpcClient; commands: CommandSender } | null = null;
  private started = false;
  private readonly beforeStopHooks: (() => Promise<void>)[] = [];

  /** Business and runtime metrics of every service here: the gateway's `/metrics`, or this process's METRICS_PORT. */
  readonly metrics: PlatformMetrics;
  /** Where `/metrics` is served, with METRICS_PORT. */
  metricsPort: number | null = null;

  constructor(private readonly options: PlatformRuntimeOptions) {
    this.metrics = options.metrics ?? new PlatformMetrics();
  }

  get services(): readonly RunningService[] {
    return this.running;
  }

  service(name: HostedName): RunningService {
    const found = this.running.find((s) => s.name === name);
    if (found) return found;
    throw new Error(`${name} is not running in this process`);
  }

  /** Calls any service of the platform: directly when it runs in this process, else over the bus. */
  get rpc(): RpcClient {
    return this.clients().rpc;
  }

  /** Sends commands to any service of the platform, as `rpc` calls it. */
  get commands(): CommandSender {
    return this.clients().commands;
  }

  get dataDir(): string {
    return resolve(this.options.config.dataDir);
  }

  get messageBus(): MessageBus {
    if (!this.bus) throw new Error('The platform is not started');
    return this.bus;
  }

  async start(): Promise<void> {
    if (this.started) return;
    // Missing, a file in the way, read-only or full: said with the directory, before any file is opened.
    try {
      mkdirSync(this.dataDir, { recursive: true });
    } catch {
      // Described below.
    }
    const problem = dataDirectoryProblem(this.dataDir);
    if (problem) throw new Error(`the data directory (DATA_DIR) cannot be used: ${problem}`);
    this.started = true;
    const { config } = this.options;
    const bus = this.openBus();
    this.bus = bus;
    const unfollow = this.metrics.followConsumers(async () => ((await bus.consumerLag?.()) ?? []).map(({ group, topic, messages }) => [{ group, topic }, messages] as const));
    this.stops.push(async () => unfollow());
    try {
      if (config.metricsPort !== undefined) {
        const server = await serveMetrics(this.metrics, config.metricsPort);
        this.metricsPort = server.port;
        this.stops.push(() => server.close());
      }
      for (const { name, factory } of this.options.factories ?? servicesFor(this.options.services, config)) {
        await this.startService(name, factory);
        if (name === 'wallet') {
          const companion = financeBeside(this.service('wallet').store, config, this.dataDir);
          const key = config.auditVerifyKeyPem ? 'verifying key from AUDIT_VERIFY_KEY[_FILE]' : 'no verifying key';
          await this.startService(companion.name, companion.factory, `reads the wallet's store; checkpoints in ${join(this.dataDir, 'checkpoints')} (${key})`);
        }
      }
    } catch (error) {
      await this.stop();
      throw error;
    }
  }

  /** Work to finish before any service stops, e.g. a gateway in front of them closing (last added, first run). */
  beforeStop(hook: () => Promise<void>): void {
    this.beforeStopHooks.push(hook);
  }

  /** The before-stop hooks, then hosts in the reverse order of their start, then their stores and databases, then the bus. */
  async stop(): Promise<void> {
    // Each list last first: a failure is logged and the rest still stop.
    for (const list of [this.beforeStopHooks, this.stops]) {
      while (list.length > 0) {
        try {
          await list.pop()?.();
        } catch (error) {
          this.logger('platform').error('stopping failed', { error });
        }
      }
    }
    await this.client?.rpc.close();
    this.client = null;
    await this.bus?.close();
    this.bus = null;
  }

  /** What runs and where, one line each, for people reading the console. */
  describe(): string[] {
    const { config } = this.options;
    const transport = config.transport === 'kafka' ? `Kafka at ${config.kafkaBrokers.join(', ')}` : `in-process: events read from each service's store (consumer positions in ${join(this.dataDir, 'consumers.db')})`;
    return [
      `transport: ${transport}`,
      ...this.describeServices(),
      ...(this.metricsPort === null ? [] : [`metrics: http://localhost:${this.metricsPort}/metrics`]),
      `price books: ${resolve(config.priceBooksDir)} (active ${config.priceBook}); payments: ${config.payment.provider}; generation: ${config.generation.provider}`,
    ];
  }

  /** One line per service this runtime started, in start order, with where its store and state live. */
  describeServices(): string[] {
    const line = (s: RunningService): string => `${s.name.padEnd(8)} store ${s.storeLocation}, state ${s.stateLocation}${s.note ? `; ${s.note}` : ''}`;
    return [...START_ORDER, 'finance'].flatMap((name) => this.running.filter((s) => s.name === name).map(line));
  }

  /** A logger writing where this runtime's services write, at its LOG_LEVEL. */
  logger(name: string, fields?: Record<string, unknown>): PinoLogger {
    const { config, logSink } = this.options;
    return createLogger(name, { level: config.logLevel, pretty: config.logPretty, ...(logSink ? { sink: logSink } : {}), ...(fields ? { fields } : {}) });
  }

  private clients(): { rpc: BusRpcClient; commands: CommandSender } {
    const bus = this.messageBus;
    const { config } = this.options;
    this.client ??= {
      rpc: new BusRpcClient({
        bus,
        caller: 'platform',
        instanceId: newInstanceId('platform'),
        partitions: config.kafkaPartitions,
        logger: this.logger('platform'),
        defaultTimeoutMillis: config.rpcTimeoutMillis,
        directory: this.directory,
      }),
      commands: new BusCommandSender(bus, config.kafkaPartitions, this.directory),
    };
    return this.client;
  }

  private openBus(): MessageBus {
    const bus = this.openTransport();
    return this.options.wrapBus ? this.options.wrapBus(bus) : bus;
  }

  private openTransport(): MessageBus {
    const { config } = this.options;
    if (config.transport === 'kafka') {
      return new KafkaMessageBus({ brokers: config.kafkaBrokers, clientId: `billing-${this.options.services.join('-')}`, sessionTimeoutMillis: config.kafkaSessionTimeoutMillis });
    }
    const path = join(this.dataDir, 'consumers.db');
    return openStorageFile(path, () => new StoreBus({ path }));
  }

  private async openStore(name: HostedName): Promise<{ store: EventStore; location: string }> {
    const { config } = this.options;
    const clock = this.options.clock;
    if (config.eventStore === 'postgres' && config.databaseUrl) {
      // A schema per service: its instances share it, and each service's log stays its own.
      const store = await openPostgresEventStore({ connectionString: config.databaseUrl, schema: name, ...(clock ? { clock: () => clock.now() } : {}) });
      return { store, location: `${redactPassword(config.databaseUrl)} (schema ${name})` };
    }
    if (config.eventStore === 'eventstoredb' && config.eventStoreDbUrl) {
      const client = EventStoreDBClient.connectionString(config.eventStoreDbUrl);
      return { store: createEventStoreDbStore({ client, ...(clock ? { clock: () => clock.now() } : {}) }), location: config.eventStoreDbUrl };
    }
    const path = join(this.dataDir, `${name}.events.db`);
    return { store: openStorageFile(path, () => openSqliteEventStore({ path, ...(clock ? { clock: () => clock.now() } : {}) })), location: path };
  }

  /** On PostgreSQL, instances of a service share its processors: each runs in one of them, from a shared checkpoint. */
  private async openLeases(name: HostedName): Promise<PostgresProcessorLeases | undefined> {
    const { config } = this.options;
    if (config.eventStore !== 'postgres' || !config.databaseUrl) return undefined;
    return PostgresProcessorLeases.open({ connectionString: config.databaseUrl, schema: name });
  }

  private async startService(name: HostedName, factory: NamedService['factory'], note?: string): Promise<void> {
    const { config } = this.options;
    const { store, location } = await this.openStore(name);
    const leases = await this.openLeases(name).catch(async (error: unknown) => {
      await store.close();
      throw error;
    });
    const statePath = join(this.dataDir, `${name}.state.db`);
    const db = openStorageFile(statePath, () => new Database(statePath));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');
    const logger = this.logger(name, { instance: hostname() });
    try {
      const host = await startRetryingOnKafka(logger, () => ServiceHost.start({
        serviceName: name,
        factory,
        store,
        db,
        bus: this.messageBus,
        logger,
        partitions: config.kafkaPartitions,
        clock: this.options.clock ?? systemClock,
        directory: this.directory,
        rpcTimeoutMillis: config.rpcTimeoutMillis,
        metrics: this.metrics,
        ...(this.options.maxBatchSize ? { maxBatchSize: this.options.maxBatchSize } : {}),
        ...(leases ? { leases } : {}),
      }));
      const running: RunningService = { name, host, store, db, storeLocation: location, stateLocation: statePath, ...(note ? { note } : {}) };
      this.running.push(running);
      this.stops.push(async () => {
        this.running.splice(this.running.indexOf(running), 1);
        await host.stop();
        await leases?.close();
        await store.close();
        db.close();
      });
    } catch (error) {
      await leases?.close();
      await store.close();
      db.close();
      throw error;
    }
  }
}

function redactPassword(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}
