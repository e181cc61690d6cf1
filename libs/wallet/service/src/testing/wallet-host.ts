import Database from 'better-sqlite3';
import { join } from 'node:path';
import { type RpcContract, SERVICES, walletPeriodsStreamName, walletStreamName, type WalletCommand, type WalletEvent, type WalletPeriodOpened, type WalletStreamEvent } from '@billing/contracts';
import { type EventStore, openSqliteEventStore } from '@billing/event-store';
import { InProcessMessageBus, type MessageBus } from '@billing/messaging';
import { createLogger, ManualClock, RpcDirectory, send, ServiceHost } from '@billing/service-host';
import { createWalletService, type WalletServiceOptions } from '../lib/wallet-service';

/** The wallet service under the real host, on SQLite files in `dir` and an in-process bus. */
export interface WalletHost {
  readonly host: ServiceHost;
  readonly store: EventStore;
  readonly db: Database.Database;
  readonly bus: MessageBus;
  readonly clock: ManualClock;
  readonly logs: Record<string, unknown>[];
  send(commands: readonly WalletCommandFor[]): Promise<void>;
  /** Calls a method of the service's contract, as another service would. */
  rpc<Request, Reply>(method: RpcContract<Request, Reply>, request: NoInfer<Request>): Promise<Reply>;
  /** The wallet's movements and answers across its periods, as one history (no openings). */
  events(accountId: string, pool: string): Promise<WalletEvent[]>;
  /** Each of the wallet's streams with its events (openings included), oldest period first. */
  books(accountId: string, pool: string): Promise<Map<string, WalletStreamEvent[]>>;
  stop(): Promise<void>;
}

export interface WalletCommandFor {
  readonly accountId: string;
  readonly pool: string;
  readonly command: WalletCommand;
}

export async function startWalletHost(dir: string, options: WalletServiceOptions & { clock?: ManualClock; bus?: MessageBus } = {}): Promise<WalletHost> {
  const store = openSqliteEventStore({ path: join(dir, 'wallet.events.db') });
  const db = new Database(join(dir, 'wallet.state.db'));
  db.pragma('journal_mode = WAL');
  const bus = options.bus ?? new InProcessMessageBus();
  const clock = options.clock ?? new ManualClock();
  const logs: Record<string, unknown>[] = [];
  const directory = new RpcDirectory();
  const host = await ServiceHost.start({
    serviceName: 'wallet',
    // Jobs run when a test says so (runJob), not on their own schedule.
    // The test's clock paces the sweepers too unless a test gives its own monotonic clock.
    factory: createWalletService({ sweepEveryMillis: 3_600_000, monotonic: () => clock.now(), ...options }),
    store,
    db,
    bus,
    logger: createLogger('wallet', { sink: (line) => logs.push(JSON.parse(line) as Record<string, unknown>) }),
    partitions: 4,
    clock,
    directory,
    backoff: { initialDelayMs: 5, maxDelayMs: 50 },
  });
  return {
    host,
    store,
    db,
    bus,
    clock,
    logs,
    send: (commands) =>
      host.context.commands.send(
        SERVICES.wallet,
        commands.map(({ accountId, pool, command }) => ({ accountId, streamName: walletStreamName(accountId, pool), command })),
      ),
    rpc: (method, request) => send(host.context.rpc, method, request),
    events: async (accountId, pool) =>
      [...(await booksOf(store, accountId, pool)).values()].flat().filter((e): e is WalletEvent => e.type !== 'BalanceCarriedForward'),
    books: (accountId, pool) => booksOf(store, accountId, pool),
    async stop() {
      await host.stop();
      await store.close();
      db.close();
      if (!options.bus) await bus.close();
    },
  };
}

/** The stream from before periods, if any, then every listed period's stream. */
async function booksOf(store: EventStore, accountId: string, pool: string): Promise<Map<string, WalletStreamEvent[]>> {
  const listed = (await store.readStream(walletPeriodsStreamName(accountId, pool))).map((e) => (e.data as WalletPeriodOpened['data']).streamName);
  const books = new Map<string, WalletStreamEvent[]>();
  for (const streamName of [walletStreamName(accountId, pool), ...listed]) {
    const events = (await store.readStream(streamName)).map((e) => ({ type: e.type, data: e.data }) as WalletStreamEvent);
    if (events.length > 0) books.set(streamName, events);
  }
  return books;
}
