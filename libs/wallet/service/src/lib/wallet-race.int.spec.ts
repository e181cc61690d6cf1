import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { walletPeriodOf, walletPeriodStreamName, walletStreamName, type ReserveCredits, type WalletEvent, WalletRpc } from '@billing/contracts';
import { type EventStore, openPostgresEventStore, openSqliteEventStore } from '@billing/event-store';
import { startPostgres } from '@billing/event-store/testing';
import type { CommandOutcome } from '@billing/service-host';
import { checkWalletInvariants } from '@billing/wallet-domain';
import { eventually } from '@billing/util/testing';
import { startWalletHost, type WalletHost } from '../testing/wallet-host';
import { WalletCommandQueue } from './wallet-command-queue';

const T0 = Date.UTC(2026, 0, 1);
const HOLD = 1_000;
const FITS = 100;
const ATTEMPTS = 1_000;

const reserve = (i: number): ReserveCredits => ({
  type: 'ReserveCredits',
  data: { reservationId: `race-${i}`, millicredits: HOLD, ttlMillis: 600_000, taskId: `task-${i}` },
  metadata: { commandId: `reserve-race-${i}`, now: T0 },
});

const funding = {
  type: 'PurchaseCredits' as const,
  data: { purchaseId: 'order-race', millicredits: FITS * HOLD, amountCents: 800, currency: 'USD', priceBookId: 'credits', priceBookVersion: '2026-01-01' },
  metadata: { commandId: 'purchase-race', now: T0 },
};

const count = (events: readonly WalletEvent[], type: WalletEvent['type']) => events.filter((e) => e.type === type).length;

describe('race: 1,000 reservations at once against a balance that covers 100', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'wallet-race-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('through the command topic and the real route: exactly 100 succeed, 900 are rejected, available never below zero', async () => {
    const wallet: WalletHost = await startWalletHost(dir);
    try {
      wallet.clock.set(T0);
      await wallet.send([{ accountId: 'acct-race', pool: 'api', command: funding }]);
      const started = Date.now();
      // Each command its own publish, all at once.
      await Promise.all(Array.from({ length: ATTEMPTS }, (_, i) => wallet.send([{ accountId: 'acct-race', pool: 'api', command: reserve(i) }])));
      await eventually(async () => (await wallet.events('acct-race', 'api')).length === 1 + ATTEMPTS, 'every reservation decided', 60_000);
      const millis = Date.now() - started;

      const events = await wallet.events('acct-race', 'api');
      expect(count(events, 'CreditsReserved')).toBe(FITS);
      expect(count(events, 'ReservationRejected')).toBe(ATTEMPTS - FITS);
      expect(new Set(events.map((e) => (e.type === 'CreditsPurchased' ? 'funding' : (e.data as { reservationId: string }).reservationId))).size).toBe(1 + ATTEMPTS);
      expect(checkWalletInvariants(events)).toEqual([]);
      const ledger = await wallet.rpc(WalletRpc.ledger, { accountId: 'acct-race', limit: 1_000 });
      expect(ledger).toHaveLength(1 + FITS);
      expect(Math.min(...ledger.map((e) => e.availableMillicredits))).toBe(0);
      expect(await wallet.rpc(WalletRpc.balances, { accountId: 'acct-race' })).toEqual([
        { pool: 'api', balanceMillicredits: FITS * HOLD, heldMillicredits: FITS * HOLD, availableMillicredits: 0 },
      ]);
      console.info(`race through the bus: ${ATTEMPTS} reservations decided in ${millis} ms`);
    } finally {
      await wallet.stop();
    }
  }, 90_000);

  it('from two writers on one store at once (two instances): still exactly 100, conflicts retried, nothing decided on a stale balance', async () => {
    const store: EventStore = openSqliteEventStore({ path: join(dir, 'wallet.events.db') });
    try {
      let ids = 0;
      const newEventId = () => `event-${ids++}`;
      const [first, second] = [new WalletCommandQueue({ store, newEventId }), new WalletCommandQueue({ store, newEventId, maxBatch: 7 })];
      const stream = walletStreamName('acct-race', 'app');
      const books = walletPeriodStreamName('acct-race', 'app', walletPeriodOf(T0, 'month'));
      await first.handle(stream, funding);
      const started = Date.now();
      const outcomes: CommandOutcome[] = await Promise.all(
        Array.from({ length: ATTEMPTS }, (_, i) => (i % 2 === 0 ? first : second).handle(stream, reserve(i))),
      );
      const millis = Date.now() - started;
      expect(outcomes.every((o) => o.kind === 'applied' && o.events === 1)).toBe(true);
      const [opening, ...events] = (await store.readStream(books)).map((e) => ({ type: e.type, data: e.data }) as WalletEvent);
      expect(opening?.type).toBe('BalanceCarriedForward');
      expect(count(events, 'CreditsReserved')).toBe(FITS);
      expect(count(events, 'ReservationRejected')).toBe(ATTEMPTS - FITS);
      expect(checkWalletInvariants(events)).toEqual([]);
      // Sent again, all of them: nothing new.
      const again = await Promise.all(Array.from({ length: ATTEMPTS }, (_, i) => second.handle(stream, reserve(i))));
      expect(again.every((o) => o.kind === 'applied' && o.events === 0)).toBe(true);
      expect(await store.readStream(books)).toHaveLength(2 + ATTEMPTS);
      console.info(`race from two writers: ${ATTEMPTS} reservations decided in ${millis} ms`);
    } finally {
      await store.close();
    }
  }, 90_000);

  it('with an API key whose budget covers 100, from two instances each on its own PostgreSQL store object: exactly 100, the balance covering all 1,000', async () => {
    const server = await startPostgres();
    const schema = `wallet_race_${Math.random().toString(36).slice(2, 10)}`;
    const [one, two] = await Promise.all([0, 1].map(() => openPostgresEventStore({ connectionString: server.url, schema, pollIntervalMs: 50 })));
    if (!one || !two) throw new Error('two stores');
    const stores = [one, two];
    try {
      let ids = 0;
      const newEventId = () => `event-${ids++}`;
      // Two processes' queues: nothing shared but the database.
      const [first, second] = stores.map((store, index) => new WalletCommandQueue({ store, newEventId, maxBatch: 5 + index * 2 }));
      if (!first || !second) throw new Error('two queues');
      const stream = walletStreamName('acct-race', 'api');
      await first.handle(stream, { ...funding, data: { ...funding.data, millicredits: ATTEMPTS * HOLD } });
      const withKey = (i: number): ReserveCredits => {
        const command = reserve(i);
        return { ...command, data: { ...command.data, keyId: 'key-1', keyBudget: { limitMillicredits: FITS * HOLD, per: 'month' } } };
      };
      const outcomes = await Promise.all(Array.from({ length: ATTEMPTS }, (_, i) => (i % 2 === 0 ? first : second).handle(stream, withKey(i))));
      expect(outcomes.every((o) => o.kind === 'applied' && o.events === 1)).toBe(true);
      const books = walletPeriodStreamName('acct-race', 'api', walletPeriodOf(T0, 'month'));
      const [, ...events] = (await one.readStream(books)).map((e) => ({ type: e.type, data: e.data }) as WalletEvent);
      expect(count(events, 'CreditsReserved')).toBe(FITS);
      const rejections = events.filter((e) => e.type === 'ReservationRejected');
      expect(rejections).toHaveLength(ATTEMPTS - FITS);
      expect(rejections.every((e) => e.type === 'ReservationRejected' && e.data.keyBudget?.remainingMillicredits === 0)).toBe(true);
      expect(checkWalletInvariants(events)).toEqual([]);
    } finally {
      await Promise.all(stores.map((store) => store.close()));
      await server.stop();
    }
  }, 90_000);
});
