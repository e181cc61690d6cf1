import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WALLET_STREAM_EVENT_SCHEMA_VERSIONS, walletStreamName, type WalletCommand, type WalletEvent, type WalletStreamEvent } from '@billing/contracts';
import { createRepository, type EventStore, openSqliteEventStore, type Projection, ProjectionRunner } from '@billing/event-store';
import { grantsDueToExpire, openReservations, replayWallet, walletDecider, WalletError } from '@billing/wallet-domain';
import { BALANCE_EVENT_TYPES } from './balance-effects';
import { balancesProjection, readBalances } from './balances-projection';
import { expiryIndexProjection, grantsDueBy, holdsDueBy, readExpiryIndex } from './expiry-index-projection';
import { ledgerProjection, readLedger, readWholeLedger } from './ledger-projection';

const T0 = Date.UTC(2026, 0, 1);
const MINUTE = 60_000;
const ACCOUNTS = ['acc-1', 'acc-2-with-dashes'];
const POOLS = ['app', 'api'];

/** mulberry32: a seeded generator whose low bits are as random as its high ones. */
function seeded(seed: number) {
  let s = seed >>> 0;
  return (n: number) => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) % n);
  };
}

/**
 * Real wallet commands through the real decider, time moving past TTLs and grant
 * expiries: every kind of event the read models must follow, allocations included.
 */
async function randomWallets(store: EventStore, seed: number, steps: number): Promise<{ head: number; now: number }> {
  const repository = createRepository({ store, decider: walletDecider, schemaVersionOf: (t: WalletStreamEvent['type']) => WALLET_STREAM_EVENT_SCHEMA_VERSIONS[t] });
  const next = seeded(seed);
  let now = T0;
  let n = 0;
  const ids = (prefix: string) => `${prefix}${next(12)}`;
  for (let step = 0; step < steps; step++) {
    now += next(60) === 0 ? 20 * MINUTE : next(20_000);
    const stream = walletStreamName(ACCOUNTS[next(ACCOUNTS.length)] ?? 'acc-1', POOLS[next(POOLS.length)] ?? 'app');
    const metadata = { commandId: `c${n++}`, now };
    const amount = 1 + next(20_000);
    const choices: WalletCommand[] = [
      { type: 'PurchaseCredits', data: { purchaseId: ids('p'), millicredits: amount * 3, amountCents: 100, currency: 'USD', priceBookId: 'credits', priceBookVersion: 'v1' }, metadata },
      { type: 'GrantCredits', data: { grantId: ids('g'), millicredits: amount * 2, source: { kind: 'plan', reference: 'explorer' }, expiresAt: next(3) === 0 ? null : now + next(60) * MINUTE }, metadata },
      { type: 'ReserveCredits', data: { reservationId: ids('r'), millicredits: 1_000 + amount, ttlMillis: 10 * MINUTE, taskId: `t${n}` }, metadata },
      { type: 'ReserveCredits', data: { reservationId: ids('r'), millicredits: 1_000 + amount, ttlMillis: 10 * MINUTE }, metadata },
      { type: 'ChargeReservation', data: { reservationId: ids('r'), millicredits: 1 + next(1_000) }, metadata },
      { type: 'ReleaseReservation', data: { reservationId: ids('r'), reason: 'failed' }, metadata },
      { type: 'ExpireReservation', data: { reservationId: ids('r') }, metadata },
      { type: 'ExpireGrant', data: { grantId: ids('g') }, metadata },
      { type: 'RefundCredits', data: { refundId: ids('f'), reservationId: ids('r'), millicredits: 1 + next(500), reason: 'redo' }, metadata },
      { type: 'RevokePurchasedCredits', data: { purchaseId: ids('p'), reason: 'chargeback' }, metadata },
      { type: 'FreezePurchasedCredits', data: { purchaseId: ids('p'), reason: 'dispute opened' }, metadata },
      { type: 'UnfreezePurchasedCredits', data: { purchaseId: ids('p'), reason: 'dispute won' }, metadata },
    ];
    const command = choices[next(choices.length)];
    if (!command) continue;
    try {
      await repository.handle(stream, command);
    } catch (error) {
      if (!(error instanceof WalletError)) throw error;
    }
  }
  // Leave holds open at the end, so the index has something due later on.
  for (const accountId of ACCOUNTS) {
    for (const pool of POOLS) {
      const metadata = { commandId: `c${n++}`, now };
      await repository.handle(walletStreamName(accountId, pool), { type: 'PurchaseCredits', data: { purchaseId: 'last', millicredits: 5_000, amountCents: 1, currency: 'USD', priceBookId: 'b', priceBookVersion: 'v' }, metadata });
      await repository.handle(walletStreamName(accountId, pool), { type: 'ReserveCredits', data: { reservationId: 'last', millicredits: 1_000, ttlMillis: MINUTE }, metadata });
    }
  }
  return { head: await store.headPosition(), now };
}

async function project(store: EventStore, db: Database.Database, projection: Projection, head: number): Promise<void> {
  const runner = new ProjectionRunner({ store, db, projection });
  runner.start();
  await runner.waitFor(head);
  await runner.stop();
}

describe('wallet read models: ledger and expiry indexes', () => {
  let dir: string;
  let store: EventStore;
  let db: Database.Database;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'wallet-read-models-'));
    store = openSqliteEventStore({ path: join(dir, 'events.db') });
    db = new Database(join(dir, 'read-models.db'));
  });
  afterEach(async () => {
    await store.close();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('given random wallets, then the ledger runs each wallet to its replayed balance and the indexes list what the wallet says is due', async () => {
    const { head, now } = await randomWallets(store, 11, 1_500);
    for (const projection of [balancesProjection(), ledgerProjection(), expiryIndexProjection()]) await project(store, db, projection, head);
    const dueSeen = { holds: 0, grants: 0 };

    for (const accountId of ACCOUNTS) {
      for (const pool of POOLS) {
        const events = (await store.readStream(walletStreamName(accountId, pool))).map((e) => ({ type: e.type, data: e.data }) as WalletEvent);
        const state = replayWallet(events);
        const entries = readLedger(db, { accountId, pool, limit: 100_000 });
        expect(entries.length).toBe(events.filter((e) => e.type !== 'ReservationRejected').length);
        const last = entries[entries.length - 1];
        expect(last?.balanceMillicredits ?? 0).toBe(state.balanceMillicredits);
        expect(last?.heldMillicredits ?? 0).toBe(state.heldMillicredits);
        for (const entry of entries) expect(entry.availableMillicredits).toBeGreaterThanOrEqual(0);

        const heldIds = (at: number) => holdsDueBy(db, at, 100_000).filter((h) => h.accountId === accountId && h.pool === pool).map((h) => h.reservationId).sort();
        const openIds = (at: number) => openReservations(state).filter((r) => r.expiresAt <= at).map((r) => r.reservationId).sort();
        const grantIds = (at: number) => grantsDueBy(db, at, 100_000).filter((g) => g.accountId === accountId && g.pool === pool).map((g) => g.grantId).sort();
        for (const at of [T0, now - 30 * MINUTE, now, now + 120 * MINUTE]) {
          expect(heldIds(at)).toEqual(openIds(at));
          expect(grantIds(at)).toEqual(grantsDueToExpire(state, at).sort());
          dueSeen.holds += heldIds(at).length;
          dueSeen.grants += grantIds(at).length;
        }
      }
    }
    expect(readBalances(db).length).toBe(ACCOUNTS.length * POOLS.length);
    expect(dueSeen.holds).toBeGreaterThan(0);
    expect(dueSeen.grants).toBeGreaterThan(0);
    // The workload reached every kind of movement, so every branch above was followed.
    expect(new Set(readWholeLedger(db).map((e) => e.type))).toEqual(new Set(BALANCE_EVENT_TYPES));
    expect(readWholeLedger(db).some((e) => e.type === 'CreditsReleased' && e.reason === 'partial_charge')).toBe(true);
  });

  it('given read models followed live, when rebuilt from scratch beside them, then every row is the same', async () => {
    const live = [balancesProjection(), ledgerProjection(), expiryIndexProjection()].map((projection) => new ProjectionRunner({ store, db, projection }));
    for (const runner of live) runner.start();
    const { head } = await randomWallets(store, 5, 1_000);
    for (const runner of live) await runner.waitFor(head);
    for (const runner of live) await runner.stop();

    await project(store, db, balancesProjection({ table: 'rebuilt_balances' }), head);
    await project(store, db, ledgerProjection({ table: 'rebuilt_ledger' }), head);
    await project(store, db, expiryIndexProjection({ prefix: 'rebuilt' }), head);

    expect(readWholeLedger(db).length).toBeGreaterThan(100);
    expect(readWholeLedger(db, 'rebuilt_ledger')).toEqual(readWholeLedger(db));
    expect(readBalances(db, 'rebuilt_balances')).toEqual(readBalances(db));
    expect(readExpiryIndex(db, 'rebuilt')).toEqual(readExpiryIndex(db));
  });

  it('given the read models in one runner, one added later, then each catches up from its own checkpoint to the same rows as alone', async () => {
    const { head } = await randomWallets(store, 9, 1_000);
    const first = new ProjectionRunner({ store, db, projection: [balancesProjection(), ledgerProjection()] });
    first.start();
    await first.waitFor(head);
    await first.stop();
    const together = new ProjectionRunner({ store, db, projection: [balancesProjection(), ledgerProjection(), expiryIndexProjection()] });
    together.start();
    await together.waitFor(head);
    await together.stop();
    expect(together.checkpoint()).toBe(head);

    await project(store, db, balancesProjection({ table: 'alone_balances' }), head);
    await project(store, db, ledgerProjection({ table: 'alone_ledger' }), head);
    await project(store, db, expiryIndexProjection({ prefix: 'alone' }), head);
    expect(readWholeLedger(db).length).toBeGreaterThan(100);
    expect(readWholeLedger(db)).toEqual(readWholeLedger(db, 'alone_ledger'));
    expect(readBalances(db)).toEqual(readBalances(db, 'alone_balances'));
    expect(readExpiryIndex(db)).toEqual(readExpiryIndex(db, 'alone'));
  });

  it('given batches that roll back while followed live, then the totals kept in memory are the committed ones and the rows equal a rebuild', async () => {
    // A second read model in the same runner fails now and then, rolling the ledger's batch back with it.
    let failures = 0;
    const flaky: Projection = {
      name: 'flaky',
      setup: () => undefined,
      apply: (_db, event) => {
        if (event.position % 97 === 0 && failures < 5) {
          failures++;
          throw new Error(`refused ${event.position}`);
        }
      },
      drop: () => undefined,
    };
    const ledger = ledgerProjection();
    const follow = () => {
      const runner = new ProjectionRunner({ store, db, projection: [ledger, flaky] });
      runner.start();
      return runner;
    };
    let runner = follow();
    const { head } = await randomWallets(store, 7, 1_000);
    for (;;) {
      try {
        await runner.waitFor(head);
        break;
      } catch {
        await runner.stop();
        runner = follow();
      }
    }
    await runner.stop();
    expect(failures).toBeGreaterThan(0);

    await project(store, db, ledgerProjection({ table: 'rebuilt_ledger' }), head);
    expect(readWholeLedger(db).length).toBeGreaterThan(100);
    expect(readWholeLedger(db)).toEqual(readWholeLedger(db, 'rebuilt_ledger'));
  });

  it('pages the ledger by position and filters by pool', async () => {
    const { head } = await randomWallets(store, 3, 400);
    await project(store, db, ledgerProjection(), head);
    const all = readLedger(db, { accountId: 'acc-1', limit: 100_000 });
    const firstPage = readLedger(db, { accountId: 'acc-1', limit: 10 });
    const secondPage = readLedger(db, { accountId: 'acc-1', after: firstPage[firstPage.length - 1]?.position ?? 0, limit: 10 });
    expect([...firstPage, ...secondPage]).toEqual(all.slice(0, 20));
    const api = readLedger(db, { accountId: 'acc-1', pool: 'api', limit: 100_000 });
    expect(api.length).toBeGreaterThan(0);
    expect(api).toEqual(all.filter((e) => e.pool === 'api'));
    expect(all.every((e) => e.accountId === 'acc-1')).toBe(true);
  });
});
