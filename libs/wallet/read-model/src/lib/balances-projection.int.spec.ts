import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { walletStreamName, type WalletEventType } from '@billing/contracts';
import { type EventStore, type NewEvent, openSqliteEventStore, type Projection, ProjectionRunner } from '@billing/event-store';
import { balancesProjection, readBalances } from './balances-projection';

/** A seeded generator: the workload is random but repeatable. */
function seeded(seed: number) {
  let s = seed >>> 0;
  return (n: number) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % n;
  };
}

const walletEvent = (type: WalletEventType, millicredits: number): NewEvent => ({
  eventId: randomUUID(),
  type,
  schemaVersion: 1,
  data: type === 'ReservationRejected' ? { requestedMillicredits: millicredits, availableMillicredits: 0 } : { millicredits },
});

/** Appends a random but plausible workload (holds never exceed what was put in) across wallets. */
async function randomWorkload(store: EventStore, seed: number, appends: number): Promise<number> {
  const next = seeded(seed);
  const wallets = ['acc-1', 'acc-2-with-dashes', 'acc-3'].flatMap((a) => ['app', 'api'].map((p) => walletStreamName(a, p)));
  const held = new Map<string, number>();
  const types: WalletEventType[] = ['CreditsPurchased', 'CreditsGranted', 'CreditsReserved', 'CreditsCharged', 'CreditsReleased',
    'ReservationExpired', 'CreditsRefunded', 'CreditsExpired', 'CreditsRevoked', 'ReservationRejected'];
  let last = 0;
  const pending: Promise<unknown>[] = [];
  for (let i = 0; i < appends; i++) {
    const stream = wallets[next(wallets.length)] ?? 'wallet-x-app';
    const type = types[next(types.length)] ?? 'CreditsPurchased';
    const onHold = held.get(stream) ?? 0;
    const amount = ['CreditsCharged', 'CreditsReleased', 'ReservationExpired'].includes(type) ? Math.min(onHold, 1 + next(5_000)) : 1 + next(50_000);
    if (type === 'CreditsReserved') held.set(stream, onHold + amount);
    if (['CreditsCharged', 'CreditsReleased', 'ReservationExpired'].includes(type)) held.set(stream, onHold - amount);
    // Several appends in flight at once, like a busy service.
    pending.push(store.appendToStream(stream, [walletEvent(type, amount)], 'any').then((r) => (last = Math.max(last, r.lastPosition))));
    if (pending.length >= 16) await Promise.all(pending.splice(0));
  }
  await Promise.all(pending);
  return last;
}

describe('wallet balances read model', () => {
  let dir: string;
  let store: EventStore;
  let db: Database.Database;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'balances-'));
    store = openSqliteEventStore({ path: join(dir, 'events.db') });
    db = new Database(join(dir, 'read-models.db'));
    db.pragma('journal_mode = WAL');
  });
  afterEach(async () => {
    await store.close();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('given a random workload projected live, when rebuilt from scratch into a fresh table, then the rows are identical', async () => {
    const live = new ProjectionRunner({ store, db, projection: balancesProjection() });
    live.start();
    const head = await randomWorkload(store, 42, 3_000);
    await live.waitFor(head);
    await live.stop();

    const fresh = new ProjectionRunner({ store, db, projection: balancesProjection({ table: 'wallet_balances_rebuilt' }) });
    fresh.start();
    await fresh.waitFor(head);
    await fresh.stop();

    const rows = readBalances(db);
    expect(rows.length).toBe(6);
    expect(rows.find((r) => r.accountId === 'acc-2-with-dashes' && r.pool === 'api')).toBeDefined();
    for (const row of rows) expect(row.availableMillicredits).toBe(row.balanceMillicredits - row.heldMillicredits);
    expect(readBalances(db, 'wallet_balances_rebuilt')).toEqual(rows);
  });

  it('given a live read model, when it is dropped and rebuilt in place, then it has the same rows', async () => {
    const runner = new ProjectionRunner({ store, db, projection: balancesProjection() });
    runner.start();
    const head = await randomWorkload(store, 7, 1_000);
    await runner.waitFor(head);
    const before = readBalances(db);
    await runner.rebuild();
    expect(runner.checkpoint()).toBeLessThan(head);
    await runner.waitFor(head);
    await runner.stop();
    expect(readBalances(db)).toEqual(before);
  });

  it('given a batch that fails midway, then neither its rows nor its checkpoint move, and a restart applies each event once', async () => {
    const head = await randomWorkload(store, 9, 500);
    const sound = balancesProjection();
    let applied = 0;
    const failing: Projection = { ...sound, apply: (d, e) => { if (++applied === 300) throw new Error('crash'); sound.apply(d, e); } };
    const first = new ProjectionRunner({ store, db, projection: failing, maxBatch: 100 });
    first.start();
    await expect(first.waitFor(head)).rejects.toThrow('crash');
    await first.stop();
    const stoppedAt = first.checkpoint();
    expect(stoppedAt).toBeGreaterThan(0);
    expect(stoppedAt).toBeLessThan(head);

    const restarted = new ProjectionRunner({ store, db, projection: sound });
    restarted.start();
    await restarted.waitFor(head);
    await restarted.stop();
    const reference = new ProjectionRunner({ store, db, projection: balancesProjection({ table: 'reference' }) });
    reference.start();
    await reference.waitFor(head);
    await reference.stop();
    expect(readBalances(db)).toEqual(readBalances(db, 'reference'));
  });
});
