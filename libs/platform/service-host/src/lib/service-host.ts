import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { type EventStore, eventsBehind } from '@billing/event-store';
import { deadLetterTopicFor, type MessageBus, OutboxRelay, SqliteCheckpointStore, type TopicSpec } from '@billing/messaging';
import type { INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { BillingClient } from './nest/billing-client';
import { BillingTransport, HandlerErrorsAsThrown } from './nest/billing-transport';
import { systemClock } from './clock';
import { BusReactorRunner } from './run/bus-reactor';
import { CommandConsumer } from './run/command-consumer';
import { FaultCounts } from './run/fault-counts';
import { BusCommandSender } from './run/command-sender';
import { JobRunner } from './run/job-runner';
import { LedPart, type ProcessorLeases, type Stoppable } from './run/led-part';
import { BusRpcClient, newInstanceId } from './run/rpc-client';
import type { RpcDirectory } from './run/rpc-dispatch';
import { RpcServer } from './run/rpc-server';
import { StorageWatch } from './run/storage-watch';
import { StoreReactorRunner } from './run/store-reactor';
import { type Backoff, DEFAULT_BACKOFF } from './run/until-done';
import type { Clock, Logger, ServiceContext, ServiceDefinition, ServiceFactory } from './service';
import { commandTopicFor, rpcTopicFor } from './topics';
import { observedStore } from './metrics/observed-store';
import type { PlatformMetrics } from './metrics/platform-metrics';

export interface ServiceHostOptions {
  readonly serviceName: string;
  readonly factory: ServiceFactory;
  readonly store: EventStore;
  readonly db: Database.Database;
  readonly bus: MessageBus;
  readonly logger: Logger;
  /** Partitions of every topic the host creates (relay routes keep their own). */
  readonly partitions: number;
  readonly clock?: Clock;
  readonly newId?: () => string;
  /** Unique per process: names its consumer group on the service's RPC reply topic. */
  readonly instanceId?: string;
  /** Services of this process, called directly by the RPC client (the embedded platform). */
  readonly directory?: RpcDirectory;
  /** With a directory: hand this service's commands from this process straight to its routes (default true). */
  readonly localCommands?: boolean;
  readonly rpcTimeoutMillis?: number;
  readonly backoff?: Backoff;
  /** Most messages or events per handler call (commands, reactors, relay). */
  readonly maxBatchSize?: number;
  /** The process's metrics: the service's appended events, its dead letters, its relay's and reactors' lag. */
  readonly metrics?: PlatformMetrics;
  /**
   * With several instances on one shared store: the relay, each store reactor and the jobs
   * run in one instance at a time, from checkpoints the instances share (default: all run
   * here, checkpoints in `db`).
   */
  readonly leases?: ProcessorLeases;
}

/**
 * Runs one service definition: its relay (store -> bus), command consumer, RPC server,
 * reactors and jobs, in that order, and stops them in the reverse order. The same host
 * runs a service embedded (in-process bus, RPC called directly) or alone over Kafka.
 */
export class ServiceHost {
  private readonly started: Stoppable[] = [];
  private jobRunner: JobRunner | null = null;
  private running: ServiceDefinition | null = null;
  private readonly storeReactors = new Map<string, StoreReactorRunner>();

  private constructor(
    private readonly options: ServiceHostOptions,
    readonly context: ServiceContext,
    private readonly rpcClient: BusRpcClient,
    private readonly storage: StorageWatch,
    /** What this service's consumers dead-lettered and dropped. */
    readonly faults: FaultCounts,
  ) {}

  static async start(options: ServiceHostOptions): Promise<ServiceHost> {
    const clock = options.clock ?? systemClock;
    const faults = new FaultCounts();
    const uncounts = options.metrics ? [options.metrics.countDeadLetters(() => faults.deadLettersByTopic()), options.metrics.countHandled(() => faults.handledByConsumer())] : [];
    const rpc = new BusRpcClient({
      bus: options.bus,
      caller: options.serviceName,
      faults,
      instanceId: options.instanceId ?? newInstanceId(options.serviceName),
      partitions: options.partitions,
      logger: options.logger,
      defaultTimeoutMillis: options.rpcTimeoutMillis ?? 15_000,
      ...(options.directory ? { directory: options.directory } : {}),
    });
    // The service writes through the watch: a store that cannot write makes it unready until it can.
    const written = options.metrics ? observedStore(options.store, options.serviceName, options.metrics) : options.store;
    const storage = StorageWatch.of(written, options.logger);
    const commands = new BusCommandSender(options.bus, options.partitions, options.directory);
    const context: ServiceContext = {
      serviceName: options.serviceName,
      store: storage.store,
      db: options.db,
      bus: options.bus,
      commands,
      rpc: new BillingClient(rpc, commands),
      clock,
      newId: options.newId ?? randomUUID,
      logger: options.logger,
      ...(options.leases ? { sharedStore: true } : {}),
    };
    const host = new ServiceHost(options, context, rpc, storage, faults);
    if (uncounts.length > 0) host.started.push({ name: 'dead-letter and handled metrics', stop: async () => uncounts.forEach((uncount) => uncount()) });
    try {
      const service = await options.factory(context);
      // Nest finds the service's handlers; the transport hands them to this host, which delivers to them.
      await quietNest();
      const controllers = (): object[] => (service.module.controllers ?? []).map((type) => app.get<object>(type, { strict: false }));
      const app: INestMicroservice = await NestFactory.createMicroservice(service.module, {
        strategy: new BillingTransport((handlers) => host.run({ ...service, ...handlers }), controllers),
        logger: false,
        abortOnError: false,
      });
      host.started.push({ name: 'nest application', stop: () => app.close() });
      app.useGlobalFilters(new HandlerErrorsAsThrown());
      await app.listen();
    } catch (error) {
      await host.stop();
      throw error;
    }
    return host;
  }

  /** What the host runs: the handlers the transport found in the service's module, and its relay routes and jobs. */
  get definition(): ServiceDefinition {
    if (!this.running) throw new Error(`${this.options.serviceName} is not running`);
    return this.running;
  }

  /** Runs a job once now, outside its schedule (never overlapping a scheduled run). */
  runJob(name: string): Promise<void> {
    if (!this.jobRunner) return Promise.reject(new Error('No jobs are running'));
    return this.jobRunner.runNow(name);
  }

  /** Position of the last event a store reactor handled. */
  storeReactorCheckpoint(name: string): number | undefined {
    return this.storeReactors.get(name)?.checkpoint;
  }

  async stop(): Promise<void> {
    while (this.started.length > 0) {
      const part = this.started.pop();
      if (!part) break;
      try {
        await part.stop();
      } catch (error) {
        this.options.logger.error('stop failed', { part: part.name, error });
      }
    }
  }

  private async run(definition: ServiceDefinition): Promise<void> {
    const { serviceName, bus, db, logger } = this.options;
    const { store } = this.context;
    if (definition.name !== serviceName) throw new Error(`The factory for ${serviceName} built a service named ${definition.name}`);
    this.running = definition;
    const backoff = this.options.backoff ?? DEFAULT_BACKOFF;
    const batch = this.options.maxBatchSize;
    if (definition.close) this.started.push({ name: 'service', stop: definition.close });
    this.started.push({ name: 'rpc client', stop: () => this.rpcClient.close() });
    this.started.push({ name: 'storage watch', stop: async () => this.storage.stop() });

    await bus.ensureTopics(this.topicsToCreate(definition));
    const checkpoints = this.options.leases ?? new SqliteCheckpointStore(db);

    // Embedded, consumers read the store itself; distributed, a relay publishes it to the bus.
    if (bus.storeLog) bus.storeLog.addStore(this.options.store, definition.publishes);
    else if (definition.publishes.length > 0) {
      await this.runLed(`${serviceName}-relay`, async () => {
        const relay = new OutboxRelay({
          name: `${serviceName}-relay`,
          store,
          bus,
          checkpoints,
          routes: definition.publishes,
          ...(batch ? { maxBatchSize: batch } : {}),
          backoff,
          onPublishError: (error, attempt) => logger.error('relay publish failed', { attempt, error }),
        });
        await relay.start();
        const published = { streamPrefixes: definition.publishes.map((route) => `${route.category}-`) };
        const unfollow = this.options.metrics?.followRelay(serviceName, () => eventsBehind(store, relay.checkpoint, published));
        return {
          name: 'relay',
          stop: async () => {
            unfollow?.();
            await relay.stop();
          },
        };
      });
    }

    const methods = definition.rpc ?? [];
    if (methods.length > 0) {
      const refusal = () => this.storage.refusal(serviceName);
      this.options.directory?.register(serviceName, methods, logger, refusal);
      this.started.push({ name: 'rpc directory', stop: async () => this.options.directory?.unregister(serviceName) });
      const server = new RpcServer(serviceName, methods, bus, logger, backoff, refusal, this.faults);
      await server.start();
      this.started.push({ name: 'rpc server', stop: () => server.stop() });
    }

    if ((definition.commands ?? []).length > 0) {
      const consumer = new CommandConsumer({ service: serviceName, bus, routes: definition.commands ?? [], logger, backoff, faults: this.faults, ...(batch ? { maxBatchSize: batch } : {}) });
      await consumer.start();
      this.started.push({ name: 'command consumer', stop: () => consumer.stop() });
      if (this.options.directory && this.options.localCommands !== false) {
        this.options.directory.registerCommands(serviceName, consumer);
        this.started.push({ name: 'command directory', stop: async () => this.options.directory?.unregisterCommands(serviceName) });
      }
    }

    for (const reactor of definition.reactors ?? []) {
      if (reactor.source.kind === 'store') {
        const source = reactor.source;
        await this.runLed(`reactor:${reactor.name}`, async () => {
          const runner = new StoreReactorRunner({ ...reactor, source }, store, checkpoints, logger, backoff, batch);
          await runner.start();
          this.storeReactors.set(reactor.name, runner);
          const unfollow = this.options.metrics?.followLag({ labels: { group: reactor.name, topic: `${serviceName} store` }, behind: () => eventsBehind(store, runner.checkpoint, source.filter) });
          return {
            name: `reactor ${reactor.name}`,
            stop: async () => {
              unfollow?.();
              await runner.stop();
            },
          };
        });
      } else {
        const runner = new BusReactorRunner(serviceName, { ...reactor, source: reactor.source }, bus, logger, backoff, batch, this.faults);
        await runner.start();
        this.started.push({ name: `reactor ${reactor.name}`, stop: () => runner.stop() });
      }
    }

    const jobs = definition.jobs ?? [];
    if (jobs.length > 0) {
      await this.runLed('jobs', async () => {
        const runner = new JobRunner(jobs, this.context.clock, logger);
        runner.start();
        this.jobRunner = runner;
        return {
          name: 'jobs',
          stop: async () => {
            this.jobRunner = null;
            await runner.stop();
          },
        };
      });
    }
    logger.info('service started', {
      commands: (definition.commands ?? []).map((c) => c.type),
      rpc: methods.map((m) => m.name),
      reactors: (definition.reactors ?? []).map((r) => r.name),
      jobs: jobs.map((j) => j.name),
      publishes: definition.publishes.map((r) => r.topic),
    });
  }

  /** Starts the part here, or, with leases, whenever this instance holds the part's lease. */
  private async runLed(name: string, start: () => Promise<Stoppable>): Promise<void> {
    const { leases, logger } = this.options;
    if (!leases) {
      this.started.push(await start());
      return;
    }
    const led = new LedPart(name, leases, start, logger);
    led.start();
    this.started.push(led);
  }

  /** The command and RPC topics with their dead-letter topics, and every topic a reactor reads. */
  private topicsToCreate(definition: ServiceDefinition): TopicSpec[] {
    const partitions = this.options.partitions;
    const topics = new Set<string>();
    if ((definition.commands ?? []).length > 0) topics.add(commandTopicFor(definition.name));
    if ((definition.rpc ?? []).length > 0) topics.add(rpcTopicFor(definition.name));
    for (const reactor of definition.reactors ?? []) if (reactor.source.kind === 'bus') for (const t of reactor.source.topics) topics.add(t);
    return [...topics].flatMap((topic) => [
      { topic, partitions },
      { topic: deadLetterTopicFor(topic), partitions },
    ]);
  }
}

/**
 * Nest says nothing of its own: what a handler throws reaches the host, which logs it.
 * Nest loads `@nestjs/microservices` with a dynamic import, which, run by tsx, is a second
 * copy of `@nestjs/common` with a logger of its own: it is silenced too.
 */
async function quietNest(): Promise<void> {
  const { Logger: NestLogger } = await import('@nestjs/common');
  NestLogger.overrideLogger(false);
}
