import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { walletPeriodOf, walletPeriodStreamName, walletStreamName, type ReserveCredits, type WalletEvent } from '@billing/contracts';
import { type EventStore, openSqliteEventStore } from '@billing/event-store';
import { checkWalletInvariants } from '@billing/wallet-domain';
import { WalletCommandQueue } from './wallet-command-queue';

const T0 = Date.UTC(2026, 0, 1);

const reserve = (id: string): ReserveCredits => ({
  type: 'ReserveCredits',
  data: { reservationId: id, millicredits: 1_000, ttlMillis: 600_000, taskId: `task-${id}` },
  metadata: { commandId: `reserve-${id}`, now: T0 },
});

const funding = {
  type: 'PurchaseCredits' as const,
  data: { purchaseId: 'order-conflicts', millicredits: 100_000, amountCents: 800, currency: 'USD', priceBookId: 'credits', priceBookVersion: '2026-01-01' },
  metadata: { commandId: 'purchase-conflicts', now: T0 },
};

describe('a wallet another writer (another instance) keeps winning', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'wallet-conflicts-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('given the other writer appends before each of this queue\'s first 25 appends, then the batch is decided again from fresh reads until it lands: every command applied once, none failed', async () => {
    const store: EventStore = openSqliteEventStore({ path: join(dir, 'wallet.events.db') });
    try {
      let ids = 0;
      const newEventId = () => `event-${ids++}`;
      const stream = walletStreamName('acct-conflicts', 'app');
      const other = new WalletCommandQueue({ store, newEventId });
      await other.handle(stream, funding);
      // Before each append of this queue, the other instance decides a reservation of its own
      // on the same wallet: this queue's append then meets a revision already taken.
      let interfered = 0;
      let appends = 0;
      const contested: EventStore = {
        ...store,
        readStream: (name, options) => store.readStream(name, options),
        readAll: (options) => store.readAll(options),
        subscribeToAll: (options) => store.subscribeToAll(options),
        headPosition: () => store.headPosition(),
        close: () => store.close(),
        appendToStream: async (name, events, expected) => {
          appends++;
          if (interfered < 25) await other.handle(stream, reserve(`other-${interfered++}`));
          return store.appendToStream(name, events, expected);
        },
      };
      const queue = new WalletCommandQueue({ store: contested, newEventId, conflictPauseMillis: () => 0 });

      const outcomes = await Promise.all(Array.from({ length: 5 }, (_, i) => queue.handle(stream, reserve(`mine-${i}`))));

      expect(outcomes).toEqual(Array.from({ length: 5 }, () => ({ kind: 'applied', events: 1 })));
      const events = (await store.readStream(walletPeriodStreamName('acct-conflicts', 'app', walletPeriodOf(T0, 'month'))))
        .filter((e) => e.type !== 'BalanceCarriedForward')
        .map((e) => ({ type: e.type, data: e.data }) as WalletEvent);
      const reservations = events.filter((e) => e.type === 'CreditsReserved').map((e) => e.data.reservationId);
      expect(reservations).toHaveLength(30);
      expect(new Set(reservations).size).toBe(30);
      expect(checkWalletInvariants(events)).toEqual([]);
      // The first command's batch lost 25 times and landed, then the four queued behind it landed together: no batch was split.
      expect(appends).toBe(27);
    } finally {
      await store.close();
    }
  });
});
