import { type PoolBalance, type WalletCommand, WalletRpc } from '@billing/contracts';
import { startWalletPlatform } from './wallet-platform';

export const SCENARIO_T0 = Date.UTC(2026, 2, 1);
const MINUTE = 60_000;

/** What the scenario did, and when, so tests can ask for figures at those instants. */
export interface AuditScenario {
  readonly t0: number;
  /** After holds were charged or released, before refunds, revocation and expiry. */
  readonly midway: number;
  /** After everything, the sweepers included. */
  readonly end: number;
  /** Each account's balances as the wallet service answered at `midway`. */
  readonly balancesAtMidway: Record<string, readonly PoolBalance[]>;
  readonly accounts: readonly string[];
}

let counter = 0;
const meta = (now: number) => ({ commandId: `cmd-${++counter}-${now}`, now });
const purchase = (purchaseId: string, millicredits: number, amountCents: number, now: number): WalletCommand => ({
  type: 'PurchaseCredits',
  data: { purchaseId, millicredits, amountCents, currency: 'USD', priceBookId: 'credits', priceBookVersion: '2026-01-01' },
  metadata: meta(now),
});
const grant = (grantId: string, millicredits: number, expiresAt: number, now: number): WalletCommand => ({
  type: 'GrantCredits',
  data: { grantId, millicredits, source: { kind: 'plan', reference: 'explorer' }, expiresAt },
  metadata: meta(now),
});
const reserve = (reservationId: string, millicredits: number, now: number): WalletCommand => ({
  type: 'ReserveCredits',
  data: { reservationId, millicredits, ttlMillis: 30 * MINUTE, taskId: `task-${reservationId}` },
  metadata: meta(now),
});
const charge = (reservationId: string, millicredits: number, now: number): WalletCommand => ({
  type: 'ChargeReservation',
  data: { reservationId, millicredits },
  metadata: meta(now),
});

/**
 * A small history made by the real wallet service under the real host, on real files in
 * `dir`: purchases at pack prices, expiring grants, holds charged in part, in full,
 * released and left to lapse, a refund, a revoked purchase, and both sweepers.
 *
 * Expected money (USD cents, lots consumed as the wallet allocates, earliest expiry first):
 * api revenue in March = 70,000 charged on acc-a (50,000 from its grant, 20,000 at 7,200/1,000,000 = 144)
 * + 100,000 on acc-b at 19,200/3,000,000 (640) - 5,000 refunded at 7,200/1,000,000 (36) = 748;
 * api outstanding = acc-a's 985,000 at 7,200/1,000,000 = 7,092; acc-b's 2,900,000 revoked (18,560).
 */
export async function runAuditScenario(dir: string): Promise<AuditScenario> {
  const t0 = SCENARIO_T0;
  const platform = await startWalletPlatform(dir, t0);
  try {
    const at = async (instant: number, sends: [string, string, WalletCommand[]][]) => {
      platform.clock.set(instant);
      for (const [account, pool, commands] of sends) await platform.send(account, pool, commands);
      await platform.settle();
    };
    await at(t0, [
      ['acc-a', 'api', [purchase('order-a1', 1_000_000, 7_200, t0), grant('grant-a1', 50_000, t0 + 60 * MINUTE, t0)]],
      ['acc-a', 'app', [purchase('order-a2', 300_000, 2_400, t0)]],
      ['acc-b-with-dash', 'api', [purchase('order-b1', 3_000_000, 19_200, t0)]],
      ['acc-c', 'app', [grant('grant-c1', 100_000, t0 + 120 * MINUTE, t0)]],
    ]);
    const t1 = t0 + 10 * MINUTE;
    await at(t1, [
      ['acc-a', 'api', [reserve('r1', 80_000, t1), reserve('r2', 30_000, t1)]],
      ['acc-b-with-dash', 'api', [reserve('r3', 100_000, t1)]],
      ['acc-c', 'app', [reserve('r4', 20_000, t1), reserve('r-too-big', 500_000, t1)]],
      ['acc-a', 'app', [reserve('r5', 10_000, t1)]],
    ]);
    const t2 = t0 + 20 * MINUTE;
    await at(t2, [
      ['acc-a', 'api', [charge('r1', 70_000, t2), { type: 'ReleaseReservation', data: { reservationId: 'r2', reason: 'failed' }, metadata: meta(t2) }]],
      ['acc-b-with-dash', 'api', [charge('r3', 100_000, t2)]],
      ['acc-c', 'app', [charge('r4', 20_000, t2)]],
    ]);
    const midway = t0 + 30 * MINUTE;
    platform.clock.set(midway);
    const accounts = ['acc-a', 'acc-b-with-dash', 'acc-c'];
    const balancesAtMidway: Record<string, readonly PoolBalance[]> = {};
    for (const accountId of accounts) balancesAtMidway[accountId] = await platform.rpc(WalletRpc.balances, { accountId });
    const t3 = t0 + 40 * MINUTE;
    await at(t3, [
      ['acc-a', 'api', [{ type: 'RefundCredits', data: { refundId: 'f1', reservationId: 'r1', millicredits: 5_000, reason: 'output rejected' }, metadata: meta(t3) }]],
      ['acc-b-with-dash', 'api', [{ type: 'RevokePurchasedCredits', data: { purchaseId: 'order-b1', reason: 'chargeback' }, metadata: meta(t3) }]],
    ]);
    const end = t0 + 180 * MINUTE;
    platform.clock.set(end);
    await platform.host.runJob('expire-reservations');
    await platform.host.runJob('expire-grants');
    await platform.settle();
    return { t0, midway, end, balancesAtMidway, accounts };
  } finally {
    await platform.stop();
  }
}
