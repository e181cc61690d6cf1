import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { walletPeriodsStreamName, walletPeriodStreamName, walletStreamName, type WalletCommand, type WalletStreamEvent, WalletRpc } from '@billing/contracts';
import { type EventStore, openSqliteEventStore } from '@billing/event-store';
import { walletAccountIdOf } from '@billing/messaging';
import { checkWalletInvariants } from '@billing/wallet-domain';
import { eventually } from '@billing/util/testing';
import { startWalletHost, type WalletHost } from '../testing/wallet-host';
import { WalletCommandQueue } from './wallet-command-queue';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** An hour before February's books close. */
const FEB = Date.UTC(2026, 1, 28, 23, 0);
const MARCH = Date.UTC(2026, 2, 1);
const meta = (commandId: string, now: number) => ({ commandId, now });

const purchase = (id: string, millicredits: number, now: number): WalletCommand => ({
  type: 'PurchaseCredits',
  data: { purchaseId: id, millicredits, amountCents: 2_400, currency: 'USD', priceBookId: 'credits', priceBookVersion: '2026-01-01' },
  metadata: meta(`purchase-${id}`, now),
});
const reserve = (id: string, millicredits: number, now: number): WalletCommand => ({
  type: 'ReserveCredits',
  data: { reservationId: id, millicredits, ttlMillis: 2 * HOUR, taskId: `task-${id}` },
  metadata: meta(`reserve-${id}`, now),
});
const charge = (id: string, millicredits: number, now: number): WalletCommand => ({
  type: 'ChargeReservation',
  data: { reservationId: id, millicredits },
  metadata: meta(`charge-${id}`, now),
});
const types = (events: readonly WalletStreamEvent[] | undefined) => (events ?? []).map((e) => e.type);

describe('wallet books by period (real SQLite, the real host)', () => {
  let dir: string;
  let wallet: WalletHost;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wallet-periods-'));
    wallet = await startWalletHost(dir);
    wallet.clock.set(FEB);
  });
  afterEach(async () => {
    await wallet.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const sent = async (commands: WalletCommand[], events: number) => {
    await wallet.send(commands.map((command) => ({ accountId: 'acc-7-x', pool: 'api', command })));
    await eventually(async () => (await wallet.events('acc-7-x', 'api')).length >= events, `${events} events`);
  };

  it('given commands on both sides of midnight, then each month has its stream, March opening with what February closed with', async () => {
    await sent([purchase('p1', 100_000, FEB), reserve('r1', 30_000, FEB), reserve('r2', 10_000, FEB), charge('r2', 10_000, FEB + MINUTE)], 4);
    await sent([charge('r1', 20_000, MARCH + MINUTE), charge('r2', 10_000, MARCH + 2 * MINUTE)], 6);

    const feb = walletPeriodStreamName('acc-7-x', 'api', '202602');
    const march = walletPeriodStreamName('acc-7-x', 'api', '202603');
    const books = await wallet.books('acc-7-x', 'api');
    expect([...books.keys()]).toEqual([feb, march]);
    expect(types(books.get(feb))).toEqual(['BalanceCarriedForward', 'CreditsPurchased', 'CreditsReserved', 'CreditsReserved', 'CreditsCharged']);
    // The repeated charge of r2 (charged in February, its TTL running into March) adds nothing.
    expect(types(books.get(march))).toEqual(['BalanceCarriedForward', 'CreditsCharged', 'CreditsReleased']);
    const opening = books.get(march)?.[0];
    expect(opening?.type === 'BalanceCarriedForward' && opening.data).toMatchObject({
      period: '202603',
      previousStreamName: feb,
      balanceMillicredits: 90_000,
      heldMillicredits: 30_000,
      holds: [{ reservationId: 'r1', millicredits: 30_000 }],
      endedHolds: [{ reservationId: 'r2', status: 'charged', chargedMillicredits: 10_000 }],
      at: MARCH,
    });
    for (const events of books.values()) expect(checkWalletInvariants(events)).toEqual([]);
    expect(checkWalletInvariants(await wallet.events('acc-7-x', 'api'))).toEqual([]);

    const listed = await wallet.store.readStream(walletPeriodsStreamName('acc-7-x', 'api'));
    expect(listed.map((e) => e.data)).toEqual([
      { period: '202602', streamName: feb, at: Date.UTC(2026, 1, 1) },
      { period: '202603', streamName: march, at: MARCH },
    ]);
    // The relay's key and the read models still find the account and pool in a period stream.
    expect(walletAccountIdOf(march)).toBe('acc-7-x');
    expect(await wallet.rpc(WalletRpc.balances, { accountId: 'acc-7-x' })).toEqual([
      { pool: 'api', balanceMillicredits: 70_000, heldMillicredits: 0, availableMillicredits: 70_000 },
    ]);
  });

  it('given March opened, when a command stamped in February arrives late, then it is booked in March: a closed period takes nothing more', async () => {
    await sent([purchase('p1', 100_000, FEB)], 1);
    await sent([reserve('r1', 1_000, MARCH + MINUTE)], 2);
    await sent([reserve('late', 1_000, FEB + 30 * MINUTE)], 3);
    const books = await wallet.books('acc-7-x', 'api');
    expect(types(books.get(walletPeriodStreamName('acc-7-x', 'api', '202602')))).toEqual(['BalanceCarriedForward', 'CreditsPurchased']);
    expect(types(books.get(walletPeriodStreamName('acc-7-x', 'api', '202603')))).toEqual(['BalanceCarriedForward', 'CreditsReserved', 'CreditsReserved']);
  });

  it('given a period whose commands are all refused or repeated, then it is not opened', async () => {
    await sent([purchase('p1', 100_000, FEB)], 1);
    await wallet.send([{ accountId: 'acc-7-x', pool: 'api', command: purchase('p1', 100_000, MARCH) }, { accountId: 'acc-7-x', pool: 'api', command: charge('nope', 1, MARCH) }]);
    await eventually(() => wallet.logs.some((l) => l['message'] === 'command refused'), 'the charge refused');
    expect([...(await wallet.books('acc-7-x', 'api')).keys()]).toEqual([walletPeriodStreamName('acc-7-x', 'api', '202602')]);
    await sent([reserve('r1', 1_000, MARCH)], 2);
    expect(types((await wallet.books('acc-7-x', 'api')).get(walletPeriodStreamName('acc-7-x', 'api', '202603')))).toEqual(['BalanceCarriedForward', 'CreditsReserved']);
  });
});

describe('opening a period from two writers at once', () => {
  let dir: string;
  let store: EventStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'wallet-periods-race-'));
    store = openSqliteEventStore({ path: join(dir, 'wallet.events.db') });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('then one opening is written (no_stream), and the other writer decides against it', async () => {
    let ids = 0;
    const newEventId = () => `event-${ids++}`;
    const wallet = walletStreamName('acc-race', 'api');
    await new WalletCommandQueue({ store, newEventId }).handle(wallet, purchase('p1', 100_000, FEB));
    // Two instances that have not seen March yet.
    const [first, second] = [new WalletCommandQueue({ store, newEventId }), new WalletCommandQueue({ store, newEventId })];
    const outcomes = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? first : second).handle(wallet, reserve(`r${i}`, 1_000, MARCH + i))));
    expect(outcomes.every((o) => o.kind === 'applied' && o.events === 1)).toBe(true);
    const march = await store.readStream(walletPeriodStreamName('acc-race', 'api', '202603'));
    expect(march.filter((e) => e.type === 'BalanceCarriedForward').map((e) => e.revision)).toEqual([0]);
    expect(march.filter((e) => e.type === 'CreditsReserved')).toHaveLength(20);
    expect((await store.readStream(walletPeriodsStreamName('acc-race', 'api'))).map((e) => (e.data as { period: string }).period)).toEqual(['202602', '202603']);
  });

  it('given books kept by day, then each day has its stream', async () => {
    const queue = new WalletCommandQueue({ store, newEventId: (() => { let n = 0; return () => `e${n++}`; })(), period: 'day' });
    const wallet = walletStreamName('acc-day', 'app');
    await queue.handle(wallet, purchase('p1', 1_000, FEB));
    await queue.handle(wallet, reserve('r1', 100, MARCH + HOUR));
    expect(await store.readStream(walletPeriodStreamName('acc-day', 'app', '20260228'))).toHaveLength(2);
    const [opening] = await store.readStream(walletPeriodStreamName('acc-day', 'app', '20260301'));
    expect(opening?.data).toMatchObject({ period: '20260301', previousStreamName: walletPeriodStreamName('acc-day', 'app', '20260228'), balanceMillicredits: 1_000 });
  });
});
