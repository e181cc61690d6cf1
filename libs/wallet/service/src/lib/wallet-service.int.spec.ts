import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SERVICES, type WalletCommand, type WalletEvent, WalletRpc } from '@billing/contracts';
import { ProjectionRunner } from '@billing/event-store';
import { DeadLetterHeader, deadLetterTopicFor, EventHeader, type IncomingMessage, WALLET_TOPIC } from '@billing/messaging';
import { commandTopicFor, ManualClock, toCommandMessage, validatePayload } from '@billing/service-host';
import { checkWalletInvariants } from '@billing/wallet-domain';
import {
  balancesProjection,
  expiryIndexProjection,
  ledgerProjection,
  readBalances,
  readExpiryIndex,
  readWholeLedger,
} from '@billing/wallet-read-model';
import { eventually } from '@billing/util/testing';
import { startWalletHost, type WalletHost } from '../testing/wallet-host';
import { BalancesRequest, CreditsAppliedRequest, LedgerRequest } from './wallet-rpc';

const T0 = Date.UTC(2026, 0, 1);
const MINUTE = 60_000;
const meta = (commandId: string, now = T0) => ({ commandId, now, correlationId: `corr-${commandId}` });

const purchase = (id: string, millicredits: number): WalletCommand => ({
  type: 'PurchaseCredits',
  data: { purchaseId: id, millicredits, amountCents: 2_400, currency: 'USD', priceBookId: 'credits', priceBookVersion: '2026-01-01' },
  metadata: meta(`purchase-${id}`),
});
const grant = (id: string, millicredits: number, expiresAt: number | null): WalletCommand => ({
  type: 'GrantCredits',
  data: { grantId: id, millicredits, source: { kind: 'plan', reference: 'explorer' }, expiresAt },
  metadata: meta(`grant-${id}`),
});
const reserve = (id: string, millicredits: number, ttlMillis = 10 * MINUTE): WalletCommand => ({
  type: 'ReserveCredits',
  data: { reservationId: id, millicredits, ttlMillis, taskId: `task-${id}` },
  metadata: meta(`reserve-${id}`),
});
const charge = (id: string, millicredits: number): WalletCommand => ({ type: 'ChargeReservation', data: { reservationId: id, millicredits }, metadata: meta(`charge-${id}`) });
const release = (id: string, now = T0): WalletCommand => ({ type: 'ReleaseReservation', data: { reservationId: id, reason: 'failed' }, metadata: meta(`release-${id}`, now) });
const refund = (id: string, reservationId: string, millicredits: number): WalletCommand => ({
  type: 'RefundCredits',
  data: { refundId: id, reservationId, millicredits, reason: 'output rejected' },
  metadata: meta(`refund-${id}`),
});
const revoke = (purchaseId: string): WalletCommand => ({ type: 'RevokePurchasedCredits', data: { purchaseId, reason: 'chargeback' }, metadata: meta(`revoke-${purchaseId}`) });

const types = (events: readonly WalletEvent[]) => events.map((e) => e.type);

describe('wallet service under the host (real SQLite, in-process bus)', () => {
  let dir: string;
  let wallet: WalletHost;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wallet-service-'));
    wallet = await startWalletHost(dir);
    wallet.clock.set(T0);
  });
  afterEach(async () => {
    await wallet.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const eventsCount = async (accountId: string, pool: string, n: number) =>
    eventually(async () => (await wallet.events(accountId, pool)).length >= n, `${n} events on ${accountId}/${pool}`);

  it('given every wallet command once, then each is decided on its own wallet stream and the read models follow', async () => {
    const a = 'acct-7f3e-91';
    await wallet.send([
      { accountId: a, pool: 'api', command: purchase('order-1', 100_000) },
      { accountId: a, pool: 'api', command: grant('plan-1', 50_000, T0 + 60 * MINUTE) },
      { accountId: a, pool: 'api', command: reserve('r1', 30_000) },
      { accountId: a, pool: 'api', command: charge('r1', 20_000) },
      { accountId: a, pool: 'api', command: reserve('r2', 10_000) },
      { accountId: a, pool: 'api', command: release('r2') },
      { accountId: a, pool: 'api', command: refund('f1', 'r1', 5_000) },
      { accountId: a, pool: 'api', command: revoke('order-1') },
      { accountId: a, pool: 'app', command: purchase('order-2', 7_000) },
    ]);
    await eventsCount(a, 'app', 1);
    await eventsCount(a, 'api', 9);
    const api = await wallet.events(a, 'api');
    expect(types(api)).toEqual([
      'CreditsPurchased', 'CreditsGranted', 'CreditsReserved', 'CreditsCharged', 'CreditsReleased',
      'CreditsReserved', 'CreditsReleased', 'CreditsRefunded', 'CreditsRevoked',
    ].concat(types(api).slice(9)));
    expect(checkWalletInvariants(api)).toEqual([]);

    // Grant credits are used first (they expire); the purchase's unspent credits left with the revocation.
    const balances = await wallet.rpc(WalletRpc.balances, { accountId: a });
    expect(balances).toEqual([
      { pool: 'api', balanceMillicredits: 35_000, heldMillicredits: 0, availableMillicredits: 35_000 },
      { pool: 'app', balanceMillicredits: 7_000, heldMillicredits: 0, availableMillicredits: 7_000 },
    ]);
    const ledger = await wallet.rpc(WalletRpc.ledger, { accountId: a, pool: 'api' });
    expect(ledger.map((e) => e.type)).toEqual(types(api).filter((t) => t !== 'ReservationRejected'));
    expect(ledger[ledger.length - 1]?.balanceMillicredits).toBe(35_000);
    expect(ledger.find((e) => e.type === 'CreditsCharged')).toMatchObject({ reservationId: 'r1', taskId: 'task-r1', millicredits: 20_000, balanceChangeMillicredits: -20_000 });
    expect(ledger.find((e) => e.type === 'CreditsPurchased')).toMatchObject({ purchaseId: 'order-1', balanceMillicredits: 100_000 });
    expect(await wallet.rpc(WalletRpc.ledger, { accountId: a, after: ledger[2]?.position, limit: 2 })).toEqual(
      (await wallet.rpc(WalletRpc.ledger, { accountId: a })).filter((e) => e.position > (ledger[2]?.position ?? 0)).slice(0, 2),
    );
    expect(await wallet.rpc(WalletRpc.balances, { accountId: 'someone-else' })).toEqual([]);
    // A request off the bus is checked against the method's DTO (callers in this process pass typed values).
    expect(validatePayload(LedgerRequest, { accountId: a, limit: 5_000 })).toMatchObject({ ok: false, errors: [{ field: 'limit' }] });
  });

  it('given the same commands delivered twice, then the second delivery has no effect', async () => {
    const batch = [purchase('p1', 10_000), grant('g1', 5_000, null), reserve('r1', 8_000), charge('r1', 8_000), refund('f1', 'r1', 1_000)].map((command) => ({
      accountId: 'acct-1',
      pool: 'app',
      command,
    }));
    await wallet.send(batch);
    await eventsCount('acct-1', 'app', 5);
    await wallet.send(batch);
    await wallet.send([{ accountId: 'acct-1', pool: 'app', command: purchase('after', 1) }]);
    await eventsCount('acct-1', 'app', 6);
    const events = await wallet.events('acct-1', 'app');
    expect(types(events)).toEqual(['CreditsPurchased', 'CreditsGranted', 'CreditsReserved', 'CreditsCharged', 'CreditsRefunded', 'CreditsPurchased']);
    expect(checkWalletInvariants(events)).toEqual([]);
  });

  it('given commands the wallet refuses, then each refusal is an outcome and the commands after it are handled', async () => {
    await wallet.send([
      { accountId: 'acct-1', pool: 'app', command: charge('never-reserved', 1_000) },
      { accountId: 'acct-1', pool: 'app', command: purchase('p1', 1_000) },
      { accountId: 'acct-1', pool: 'app', command: reserve('too-big', 5_000) },
      { accountId: 'acct-1', pool: 'app', command: charge('too-big', 5_000) },
      { accountId: 'acct-1', pool: 'app', command: { ...purchase('p1', 2_000), metadata: meta('another-command') } },
      { accountId: 'acct-1', pool: 'app', command: purchase('p2', 500) },
    ]);
    await eventsCount('acct-1', 'app', 3);
    expect(types(await wallet.events('acct-1', 'app'))).toEqual(['CreditsPurchased', 'ReservationRejected', 'CreditsPurchased']);
    await eventually(() => wallet.logs.filter((l) => l['message'] === 'command refused').length === 3, 'three refusals logged');
    expect(wallet.logs.filter((l) => l['message'] === 'command refused').map((l) => l['code'])).toEqual(['unknown_reservation', 'reservation_rejected', 'id_reused']);
    expect(wallet.logs.filter((l) => l['message'] === 'command failed, retrying')).toEqual([]);
  });

  it('given commands that are not valid, then they go to the dead-letter topic with the reason and the rest are handled', async () => {
    const dead: IncomingMessage[] = [];
    const topic = commandTopicFor('wallet');
    const subscription = await wallet.bus.subscribe({ groupId: 'test-dlq', topics: [deadLetterTopicFor(topic)], handler: async (batch) => void dead.push(...batch) });
    const target = { accountId: 'acct-1', streamName: 'wallet-acct-1-app' };
    const invalid = (command: { type: string; data: object }) =>
      toCommandMessage('wallet', { ...target, command: { ...command, metadata: meta(`bad-${dead.length}-${command.type}`) } });
    await wallet.bus.publish([
      invalid({ type: 'ReserveCredits', data: { reservationId: 'r1', millicredits: -5, ttlMillis: 1_000 } }),
      invalid({ type: 'GrantCredits', data: { grantId: 'g1', millicredits: 5, source: { kind: 'bribe', reference: 'x' }, expiresAt: null } }),
      invalid({ type: 'GrantCredits', data: { grantId: 'g1', millicredits: 5, expiresAt: null } }),
      invalid({ type: 'PurchaseCredits', data: { purchaseId: 'p', millicredits: 1.5, amountCents: 1, currency: 'usd', priceBookId: 'b', priceBookVersion: 'v' } }),
      invalid({ type: 'ChargeReservation', data: { reservationId: 'r1', millicredits: 1, extra: true } }),
      invalid({ type: 'MintCredits', data: {} }),
      { topic, key: 'acct-1', value: Buffer.from('{not json'), headers: {} },
    ]);
    await wallet.send([{ accountId: 'acct-1', pool: 'app', command: purchase('p1', 1_000) }]);
    await eventsCount('acct-1', 'app', 1);
    await eventually(() => dead.length === 7, 'seven dead letters');
    await subscription.stop();
    const reasons = dead.map((m) => m.headers[DeadLetterHeader.reason] ?? '');
    expect(reasons[0]).toMatch(/millicredits/);
    expect(reasons[1]).toMatch(/source\.kind/);
    expect(reasons[2]).toMatch(/source/);
    expect(reasons[3]).toMatch(/millicredits.*currency|currency.*millicredits/s);
    expect(reasons[4]).toMatch(/extra/);
    expect(reasons[5]).toMatch(/unknown command type MintCredits/);
    expect(reasons[6]).toMatch(/missing header|unparseable/);
    expect(types(await wallet.events('acct-1', 'app'))).toEqual(['CreditsPurchased']);
  });

  it('given a command whose target is not a wallet stream of its account, then it is refused, not decided', async () => {
    await wallet.host.context.commands.send(SERVICES.wallet, [
      { accountId: 'acct-1', streamName: 'task-acct-1', command: purchase('p1', 1_000) },
      { accountId: 'acct-2', streamName: 'wallet-acct-1-app', command: purchase('p2', 1_000) },
    ]);
    await eventually(() => wallet.logs.filter((l) => l['message'] === 'command refused').length === 2, 'two refusals');
    expect(wallet.logs.filter((l) => l['message'] === 'command refused').map((l) => l['code']).sort()).toEqual(['account_mismatch', 'not_a_wallet_stream']);
    expect(await wallet.store.headPosition()).toBe(0);
  });

  it('given holds and grants, when the clock passes their TTL and expiry, then the sweepers end them once', async () => {
    await wallet.send([
      { accountId: 'acct-1', pool: 'app', command: grant('g1', 10_000, T0 + 60 * MINUTE) },
      { accountId: 'acct-1', pool: 'app', command: purchase('p1', 10_000) },
      { accountId: 'acct-1', pool: 'app', command: reserve('short', 4_000, 5 * MINUTE) },
      { accountId: 'acct-1', pool: 'app', command: reserve('long', 3_000, 120 * MINUTE) },
      { accountId: 'acct-1', pool: 'app', command: reserve('charged', 1_000, 5 * MINUTE) },
      { accountId: 'acct-1', pool: 'app', command: charge('charged', 1_000) },
    ]);
    await eventsCount('acct-1', 'app', 6);

    wallet.clock.set(T0 + 5 * MINUTE - 1);
    await wallet.host.runJob('expire-reservations');
    expect(await wallet.events('acct-1', 'app')).toHaveLength(6);

    wallet.clock.set(T0 + 5 * MINUTE);
    await wallet.host.runJob('expire-reservations');
    await wallet.host.runJob('expire-reservations');
    let events = await wallet.events('acct-1', 'app');
    expect(types(events).slice(6)).toEqual(['ReservationExpired']);
    expect(events[6]?.data).toMatchObject({ reservationId: 'short', millicredits: 4_000, at: T0 + 5 * MINUTE });

    // The grant (used first) still backs 3,000 of the long hold: 10,000 - 1,000 charged - 3,000 held expire.
    wallet.clock.set(T0 + 60 * MINUTE);
    await wallet.host.runJob('expire-grants');
    await wallet.host.runJob('expire-grants');
    events = await wallet.events('acct-1', 'app');
    expect(types(events).slice(7)).toEqual(['CreditsExpired']);
    expect(events[7]?.data).toEqual({ lotId: 'grant:g1', millicredits: 6_000, at: T0 + 60 * MINUTE });

    // Credits that come back to the expired grant leave at once; the sweeper has nothing more to do.
    await wallet.send([{ accountId: 'acct-1', pool: 'app', command: release('long', T0 + 61 * MINUTE) }]);
    await eventsCount('acct-1', 'app', 10);
    wallet.clock.set(T0 + 200 * MINUTE);
    await wallet.host.runJob('expire-grants');
    await wallet.host.runJob('expire-reservations');
    events = await wallet.events('acct-1', 'app');
    expect(types(events).slice(8)).toEqual(['CreditsReleased', 'CreditsExpired']);
    expect(checkWalletInvariants(events, { endedBy: T0 + 200 * MINUTE })).toEqual([]);
    expect(await wallet.rpc(WalletRpc.balances, { accountId: 'acct-1' })).toEqual([
      { pool: 'app', balanceMillicredits: 10_000, heldMillicredits: 0, availableMillicredits: 10_000 },
    ]);
  });

  it('given the wall clock jumping an hour forward, then holds are not expired at once: the sweeper catches up at twice the pace of the monotonic clock', async () => {
    await wallet.stop();
    const steady = new ManualClock(0);
    wallet = await startWalletHost(dir, { clock: new ManualClock(T0), monotonic: () => steady.now() });
    await wallet.send([
      { accountId: 'acct-1', pool: 'app', command: purchase('p1', 10_000) },
      { accountId: 'acct-1', pool: 'app', command: reserve('soon', 1_000, 10 * MINUTE) },
      { accountId: 'acct-1', pool: 'app', command: reserve('later', 1_000, 30 * MINUTE) },
    ]);
    await eventsCount('acct-1', 'app', 3);
    await wallet.host.runJob('expire-reservations');

    wallet.clock.advance(60 * MINUTE);
    await wallet.host.runJob('expire-reservations');
    expect(types(await wallet.events('acct-1', 'app'))).toEqual(['CreditsPurchased', 'CreditsReserved', 'CreditsReserved']);

    // Six minutes later by the monotonic clock, the sweeper's time is twelve minutes on: the 10-minute hold lapses, the 30-minute one stays.
    steady.advance(6 * MINUTE);
    await wallet.host.runJob('expire-reservations');
    await eventsCount('acct-1', 'app', 4);
    const events = await wallet.events('acct-1', 'app');
    expect(types(events).slice(3)).toEqual(['ReservationExpired']);
    expect(events[3]?.data).toMatchObject({ reservationId: 'soon', at: T0 + 12 * MINUTE });
  });

  it('given a busy history, then the read models equal a rebuild from scratch', async () => {
    const commands: { accountId: string; pool: string; command: WalletCommand }[] = [];
    for (let i = 0; i < 30; i++) {
      const accountId = `acct-${i % 3}`;
      const pool = i % 2 === 0 ? 'app' : 'api';
      commands.push(
        { accountId, pool, command: purchase(`p${i}`, 10_000) },
        { accountId, pool, command: grant(`g${i}`, 3_000, T0 + (i % 4) * 10 * MINUTE + MINUTE) },
        { accountId, pool, command: reserve(`r${i}`, 4_000 + i * 100, (1 + (i % 3)) * 5 * MINUTE) },
        { accountId, pool, command: reserve(`big${i}`, 1_000_000) },
      );
      if (i % 3 === 0) commands.push({ accountId, pool, command: charge(`r${i}`, 2_000) });
      if (i % 3 === 1) commands.push({ accountId, pool, command: release(`r${i}`) });
      if (i % 5 === 0) commands.push({ accountId, pool, command: revoke(`p${i}`) });
    }
    await wallet.send(commands);
    await eventually(async () => (await wallet.store.headPosition()) >= 120, 'the history written', 30_000);
    await eventually(async () => {
      const before = await wallet.store.headPosition();
      await new Promise((resolve) => setTimeout(resolve, 100));
      return (await wallet.store.headPosition()) === before;
    }, 'commands handled');
    for (const minutes of [10, 20, 40, 60]) {
      wallet.clock.set(T0 + minutes * MINUTE);
      await wallet.host.runJob('expire-reservations');
      await wallet.host.runJob('expire-grants');
    }
    const head = await wallet.store.headPosition();
    await wallet.rpc(WalletRpc.balances, { accountId: 'acct-0' });

    for (const [projection, read] of [
      [balancesProjection({ table: 'fresh_balances' }), () => [readBalances(wallet.db), readBalances(wallet.db, 'fresh_balances')]],
      [ledgerProjection({ table: 'fresh_ledger' }), () => [readWholeLedger(wallet.db), readWholeLedger(wallet.db, 'fresh_ledger')]],
      [expiryIndexProjection({ prefix: 'fresh' }), () => [readExpiryIndex(wallet.db), readExpiryIndex(wallet.db, 'fresh')]],
    ] as const) {
      const runner = new ProjectionRunner({ store: wallet.store, db: wallet.db, projection });
      runner.start();
      await runner.waitFor(head);
      await runner.stop();
      const [live, fresh] = read();
      expect(fresh).toEqual(live);
    }
    expect(readExpiryIndex(wallet.db).holds).toEqual([]);
    for (let i = 0; i < 3; i++) {
      for (const pool of ['app', 'api']) expect(checkWalletInvariants(await wallet.events(`acct-${i}`, pool), { endedBy: T0 + 60 * MINUTE })).toEqual([]);
    }
  });

  it('publishes its events on billing.wallet.v1, keyed by account, with the envelope in headers', async () => {
    const seen: IncomingMessage[] = [];
    await wallet.bus.ensureTopics([{ topic: WALLET_TOPIC, partitions: 8 }]);
    const subscription = await wallet.bus.subscribe({ groupId: 'test-wallet-topic', topics: [WALLET_TOPIC], handler: async (batch) => void seen.push(...batch) });
    await wallet.send([
      { accountId: 'acct-x-1', pool: 'api', command: purchase('p1', 2_000) },
      { accountId: 'acct-x-1', pool: 'api', command: reserve('r1', 5_000) },
    ]);
    await eventually(() => seen.length === 3, 'the opening and two wallet events published');
    await subscription.stop();
    // The period's books open first (an event that moves nothing: consumers pass over it).
    expect(seen.map((m) => [m.key, m.headers[EventHeader.eventType], m.headers[EventHeader.streamName]])[0]).toEqual(['acct-x-1', 'BalanceCarriedForward', 'wallet-acct-x-1-api.202601']);
    expect(seen.slice(1).map((m) => [m.key, m.headers[EventHeader.eventType], m.headers[EventHeader.streamName], m.headers[EventHeader.causationId]])).toEqual([
      ['acct-x-1', 'CreditsPurchased', 'wallet-acct-x-1-api.202601', 'purchase-p1'],
      ['acct-x-1', 'ReservationRejected', 'wallet-acct-x-1-api.202601', 'reserve-r1'],
    ]);
  });

  it('given credits on their way, when creditsApplied waits for them, then it answers once they are readable; never seen, false at its bound', async () => {
    const a = 'acct-credit-1';
    const asked = { accountId: a, pool: 'app', purchaseId: 'order-late', waitMillis: 5_000 };
    const waiting = wallet.rpc(WalletRpc.creditsApplied, asked);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await wallet.send([{ accountId: a, pool: 'app', command: purchase('order-late', 3_000) }]);
    expect(await waiting).toEqual({ applied: true });
    expect((await wallet.rpc(WalletRpc.balances, { accountId: a }))[0]).toMatchObject({ pool: 'app', balanceMillicredits: 3_000 });

    await wallet.send([{ accountId: a, pool: 'app', command: grant('plan:a:1', 1_000, null) }]);
    expect(await wallet.rpc(WalletRpc.creditsApplied, { accountId: a, pool: 'app', grantId: 'plan:a:1', waitMillis: 0 })).toEqual({ applied: true });
    // The purchase's id names no grant, and another pool holds none of it.
    expect(await wallet.rpc(WalletRpc.creditsApplied, { accountId: a, pool: 'app', grantId: 'order-late', waitMillis: 0 })).toEqual({ applied: false });
    expect(await wallet.rpc(WalletRpc.creditsApplied, { accountId: a, pool: 'api', purchaseId: 'order-late', waitMillis: 0 })).toEqual({ applied: false });
    const started = Date.now();
    expect(await wallet.rpc(WalletRpc.creditsApplied, { accountId: a, pool: 'app', purchaseId: 'order-never', waitMillis: 200 })).toEqual({ applied: false });
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(validatePayload(CreditsAppliedRequest, { accountId: a, pool: 'app', waitMillis: 0 }).ok).toBe(false);
  });

  it('given a plan grant part of which is spent and held, when purchaseLot names the grant, then it answers what is left of that grant (the held part included)', async () => {
    const a = 'acct-grant-lot';
    await wallet.send([{ accountId: a, pool: 'app', command: grant('plan:g:1', 10_000, T0 + 60 * MINUTE) }]);
    await wallet.send([{ accountId: a, pool: 'app', command: reserve('rg1', 3_250) }]);
    await wallet.send([{ accountId: a, pool: 'app', command: charge('rg1', 3_250) }]);
    await wallet.send([{ accountId: a, pool: 'app', command: reserve('rg2', 1_000) }]);
    const asked = { accountId: a, pool: 'app', purchaseId: 'plan:g:1', grantId: 'plan:g:1' };
    expect(await wallet.rpc(WalletRpc.purchaseLot, asked)).toEqual({ known: true, purchasedMillicredits: 10_000, remainingMillicredits: 6_750, heldMillicredits: 1_000, revoked: false });
    // Without grantId the id names a purchase, of which there is none.
    expect(await wallet.rpc(WalletRpc.purchaseLot, { accountId: a, pool: 'app', purchaseId: 'plan:g:1' })).toMatchObject({ known: false });
  });

  it('refuses malformed requests off the bus, naming each bad field', () => {
    expect(validatePayload(BalancesRequest, {})).toMatchObject({ ok: false, errors: [{ field: 'accountId' }] });
    expect(validatePayload(BalancesRequest, { accountId: 'a', extra: 1 })).toMatchObject({ ok: false, errors: [{ field: 'extra', message: 'is not a known field' }] });
  });
});
