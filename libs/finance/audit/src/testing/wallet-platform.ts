import Database from 'better-sqlite3';
import { join } from 'node:path';
import { type RpcContract, SERVICES, WalletRpc, walletStreamName, type WalletCommand } from '@billing/contracts';
import { type EventStore, openSqliteEventStore } from '@billing/event-store';
import { InProcessMessageBus } from '@billing/messaging';
import { ManualClock, RpcDirectory, send, ServiceHost, silentLogger } from '@billing/service-host';
import { createWalletService } from '@billing/wallet-service';

/** The real wallet service under the real host, on `dir/wallet.events.db` and `dir/wallet.state.db`. */
export interface WalletPlatform {
  readonly store: EventStore;
  readonly db: Database.Database;
  readonly clock: ManualClock;
  readonly host: ServiceHost;
  send(accountId: string, pool: string, commands: readonly WalletCommand[]): Promise<void>;
  /** Calls a method of the service's contract, as another service would. */
  rpc<Request, Reply>(method: RpcContract<Request, Reply>, request: NoInfer<Request>): Promise<Reply>;
  /** Resolves when the store has stopped growing and the read models hold all of it. */
  settle(): Promise<void>;
  stop(): Promise<void>;
}

export async function startWalletPlatform(dir: string, start: number): Promise<WalletPlatform> {
  const clock = new ManualClock(start);
  // The store records with the same clock the service decides with, so recordedAt is test time.
  const store = openSqliteEventStore({ path: join(dir, 'wallet.events.db'), clock: () => clock.now() });
  const db = new Database(join(dir, 'wallet.state.db'));
  db.pragma('journal_mode = WAL');
  const bus = new InProcessMessageBus();
  const host = await ServiceHost.start({
    serviceName: 'wallet',
    factory: createWalletService({ sweepEveryMillis: 3_600_000, monotonic: () => clock.now() }),
    store,
    db,
    bus,
    logger: silentLogger,
    partitions: 2,
    clock,
    directory: new RpcDirectory(),
    backoff: { initialDelayMs: 5, maxDelayMs: 50 },
  });
  return {
    store,
    db,
    clock,
    host,
    send: (accountId, pool, commands) =>
      host.context.commands.send(SERVICES.wallet, commands.map((command) => ({ accountId, streamName: walletStreamName(accountId, pool), command }))),
    rpc: (method, request) => send(host.context.rpc, method, request),
    async settle() {
      let head = -1;
      for (let stable = 0; stable < 5; ) {
        await new Promise((resolve) => setTimeout(resolve, 40));
        const now = await store.headPosition();
        stable = now === head ? stable + 1 : 0;
        head = now;
      }
      await send(host.context.rpc, WalletRpc.balances, { accountId: 'settle' });
    },
    async stop() {
      await host.stop();
      await store.close();
      db.close();
      await bus.close();
    },
  };
}
