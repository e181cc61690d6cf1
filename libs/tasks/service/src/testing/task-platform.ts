import Database from 'better-sqlite3';
import { join } from 'node:path';
import { PURCHASE_EVENT_SCHEMA_VERSIONS, type RpcContract, type SubscriptionEvent } from '@billing/contracts';
import { type EventStore, openSqliteEventStore } from '@billing/event-store';
import { EventHeader, InProcessMessageBus } from '@billing/messaging';
import { createPricingService } from '@billing/pricing-service';
import { type Clock, createLogger, type ProcessorLeases, RpcDirectory, send, ServiceHost, type ServiceFactory } from '@billing/service-host';
import { createTasksService, SUBSCRIPTION_TOPIC } from '../lib/tasks-service';
import type { TasksServiceOptions } from '../lib/tasks-service-options';
import { TestWallet } from './test-wallet';

export interface RunningService {
  readonly host: ServiceHost;
  readonly store: EventStore;
  readonly db: Database.Database;
  stop(): Promise<void>;
}

export interface TaskPlatformOptions {
  readonly dir: string;
  readonly clock: Clock;
  readonly balances?: Readonly<Record<string, number>>;
  readonly tasks?: TasksServiceOptions;
  readonly activePriceBookId?: string;
}

/**
 * The task service under the real host, with the real pricing service and the wallet's
 * part played by `TestWallet`, over one in-process bus, every store a SQLite file in `dir`.
 */
export class TaskPlatform {
  readonly bus = new InProcessMessageBus();
  readonly directory = new RpcDirectory();
  readonly logs: string[] = [];
  readonly wallet: TestWallet;
  private readonly running: RunningService[] = [];
  private published = 0;

  private constructor(private readonly options: TaskPlatformOptions) {
    this.wallet = new TestWallet(options.balances ?? {});
  }

  static async start(options: TaskPlatformOptions): Promise<TaskPlatform> {
    const platform = new TaskPlatform(options);
    await platform.startService('pricing', createPricingService({ activePriceBookId: options.activePriceBookId ?? 'credits' }));
    await platform.startService('wallet', platform.wallet.factory());
    return platform;
  }

  /**
   * A task-service instance; give `store` to share one event store between instances, and
   * `leases` (with a store object of its own) for an instance as another process would be.
   */
  async startTasks(options: TasksServiceOptions = {}, instance: { name?: string; store?: EventStore; leases?: ProcessorLeases } = {}): Promise<RunningService> {
    // The test's clock is the monotonic one too unless a test gives its own: advancing it is time passing.
    const monotonic = () => this.options.clock.now();
    return this.startService(instance.name ?? 'tasks', createTasksService({ monotonic, ...this.options.tasks, ...options }), instance.store, instance.leases);
  }

  async startService(serviceName: string, factory: ServiceFactory, sharedStore?: EventStore, leases?: ProcessorLeases): Promise<RunningService> {
    const store = sharedStore ?? openSqliteEventStore({ path: join(this.options.dir, `${serviceName}.events.db`) });
    const db = new Database(join(this.options.dir, `${serviceName}.state.db`));
    db.pragma('journal_mode = WAL');
    const host = await ServiceHost.start({
      serviceName,
      factory,
      store,
      db,
      bus: this.bus,
      logger: createLogger(serviceName, { sink: (line) => this.logs.push(line), level: 'warn' }),
      partitions: 4,
      clock: this.options.clock,
      directory: this.directory,
      instanceId: `${serviceName}-test`,
      backoff: { initialDelayMs: 5, maxDelayMs: 50 },
      ...(leases ? { leases } : {}),
    });
    const running: RunningService = {
      host,
      store,
      db,
      stop: async () => {
        const index = this.running.indexOf(running);
        if (index >= 0) this.running.splice(index, 1);
        await host.stop();
        if (!sharedStore) await store.close();
        db.close();
      },
    };
    this.running.push(running);
    return running;
  }

  /** Calls a service's RPC method as the gateway would (validated, problems as RpcError). */
  call<Request, Reply>(method: RpcContract<Request, Reply>, request: NoInfer<Request>): Promise<Reply> {
    const caller = this.running[0];
    if (!caller) throw new Error('no service is running');
    return send(caller.host.context.rpc, method, request);
  }

  /** Publishes a subscription event as the purchase service's relay would. */
  async publishSubscriptionEvent(event: SubscriptionEvent): Promise<void> {
    const eventId = `subscription-event-${++this.published}`;
    await this.bus.ensureTopics([{ topic: SUBSCRIPTION_TOPIC, partitions: 4 }]);
    await this.bus.publish([
      {
        topic: SUBSCRIPTION_TOPIC,
        key: event.data.accountId,
        value: Buffer.from(JSON.stringify(event.data)),
        headers: {
          [EventHeader.eventId]: eventId,
          [EventHeader.eventType]: event.type,
          [EventHeader.schemaVersion]: String(PURCHASE_EVENT_SCHEMA_VERSIONS[event.type]),
          [EventHeader.streamName]: `subscription-${event.data.accountId}`,
        },
      },
    ]);
  }

  async stop(): Promise<void> {
    // Task services first (they call the others), the shared bus last.
    for (const service of [...this.running].reverse()) await service.stop();
    await this.bus.close();
  }
}

