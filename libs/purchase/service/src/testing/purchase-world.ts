import Database from 'better-sqlite3';
import { join } from 'node:path';
import { type RpcContract, SERVICES } from '@billing/contracts';
import { openSqliteEventStore, type EventStore } from '@billing/event-store';
import { deadLetterTopicFor, EventHeader, InProcessMessageBus, type MessageSubscription } from '@billing/messaging';
import { createPricingService } from '@billing/pricing-service';
import { commandTopicFor, CommandHeader, createLogger, ManualClock, RpcDirectory, send, ServiceHost, type ServiceFactory } from '@billing/service-host';
import { eventually } from '@billing/util/testing';
import { createPurchaseService, ORDER_TOPIC, SUBSCRIPTION_TOPIC, type PurchaseServiceOptions } from '../lib/purchase-service';

/** A command the purchase service sent to the wallet, as it crossed the bus. */
export interface SentCommand {
  readonly type: string;
  readonly data: Record<string, unknown>;
  readonly metadata: { readonly commandId: string; readonly now: number };
  readonly targetStream: string;
  readonly accountId: string;
}

/**
 * The purchase service and the pricing service under the real host, each on its own
 * SQLite files, over one in-process bus; the wallet's command topic is read by a
 * recorder standing where the wallet would be.
 */
export interface PurchaseWorld {
  readonly purchase: ServiceHost;
  readonly purchaseStore: EventStore;
  readonly clock: ManualClock;
  readonly sentToWallet: SentCommand[];
  /** What the relay published on the order and subscription topics: key and event type. */
  readonly published: { readonly topic: string; readonly key: string | null; readonly type: string | undefined }[];
  readonly logs: Record<string, unknown>[];
  /** Calls a method of the service's contract, as another service would. */
  rpc<Request, Reply>(method: RpcContract<Request, Reply>, request: NoInfer<Request>): Promise<Reply>;
  /**
   * Everything the workflow has to do so far is done and what it sent to the wallet for
   * `accountId` has been recorded: its checkpoint reached the store's head, then a marker
   * sent after it on the account's partition came through.
   */
  quiesce(accountId: string): Promise<void>;
  stop(): Promise<void>;
}

export async function startPurchaseWorld(dir: string, options: PurchaseServiceOptions, at: number): Promise<PurchaseWorld> {
  const bus = new InProcessMessageBus();
  const clock = new ManualClock(at);
  const directory = new RpcDirectory();
  const logs: Record<string, unknown>[] = [];
  const opened: { store: EventStore; db: Database.Database }[] = [];
  const start = async (serviceName: string, factory: ServiceFactory) => {
    const store = openSqliteEventStore({ path: join(dir, `${serviceName}.events.db`) });
    const db = new Database(join(dir, `${serviceName}.state.db`));
    opened.push({ store, db });
    const host = await ServiceHost.start({
      serviceName,
      factory,
      store,
      db,
      bus,
      clock,
      directory,
      partitions: 2,
      logger: createLogger(serviceName, { sink: (line) => logs.push(JSON.parse(line) as Record<string, unknown>) }),
      backoff: { initialDelayMs: 5, maxDelayMs: 50 },
    });
    return { host, store };
  };
  const pricing = await start('pricing', createPricingService({}));
  const purchase = await start('purchase', createPurchaseService({ grantEveryMillis: 3_600_000, ...options }));

  const sentToWallet: SentCommand[] = [];
  const markerSeen = new Set<string>();
  let markers = 0;
  const topic = commandTopicFor('wallet');
  await bus.ensureTopics([{ topic, partitions: 2 }, { topic: deadLetterTopicFor(topic), partitions: 2 }]);
  const recorder: MessageSubscription = await bus.subscribe({
    groupId: 'wallet-stand-in',
    topics: [topic],
    handler: async (batch) => {
      for (const message of batch) {
        const command = JSON.parse(message.value.toString('utf8')) as Omit<SentCommand, 'targetStream' | 'accountId'>;
        if (command.type === 'Marker') {
          markerSeen.add(command.metadata.commandId);
          continue;
        }
        sentToWallet.push({ ...command, targetStream: message.headers[CommandHeader.targetStream] ?? '', accountId: message.headers[CommandHeader.accountId] ?? '' });
      }
    },
  });
  const published: PurchaseWorld['published'][number][] = [];
  const topics = [ORDER_TOPIC, SUBSCRIPTION_TOPIC];
  await bus.ensureTopics(topics.map((t) => ({ topic: t, partitions: 8 })));
  const listener = await bus.subscribe({
    groupId: 'purchase-topics-listener',
    topics,
    handler: async (batch) => void published.push(...batch.map((m) => ({ topic: m.topic, key: m.key, type: m.headers[EventHeader.eventType] }))),
  });
  return {
    purchase: purchase.host,
    published,
    purchaseStore: purchase.store,
    clock,
    sentToWallet,
    logs,
    rpc: (method, request) => send(purchase.host.context.rpc, method, request),
    async quiesce(accountId) {
      // Until the workflow has handled everything, including what it appended in reaction.
      for (let head = -1; head !== (await purchase.store.headPosition()); ) {
        head = await purchase.store.headPosition();
        const caughtUp = head;
        await eventually(() => (purchase.host.storeReactorCheckpoint('purchase-workflow') ?? 0) >= caughtUp, 'the workflow caught up');
      }
      const marker = `marker-${markers++}`;
      await purchase.host.context.commands.send(SERVICES.wallet, [
        { accountId, streamName: 'marker', command: { type: 'Marker', data: {}, metadata: { commandId: marker, now: 0 } } },
      ]);
      await eventually(() => markerSeen.has(marker), 'the marker came through');
    },
    async stop() {
      await recorder.stop();
      await listener.stop();
      await purchase.host.stop();
      await pricing.host.stop();
      for (const { store, db } of opened) {
        await store.close();
        db.close();
      }
      await bus.close();
    },
  };
}

/** Lets the reactors and the bus run a little, to show that something did NOT happen. */
export const settle = (millis = 150): Promise<void> => new Promise((resolve) => setTimeout(resolve, millis));
