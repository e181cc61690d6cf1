// Quick local measurement of the common path: reserve, then charge (all, or part and
// release the rest). Run: npx tsx libs/wallet/domain/bench/reserve-charge.bench.ts
// The project-wide figures come from `npm run bench:domain`.
import type { WalletCommand } from '@billing/contracts';
import { decide, evolve, initialState, type WalletState } from '../src';

const T0 = Date.UTC(2025, 0, 1);
const at = (commandId: string, now: number) => ({ commandId, now });

function apply(state: WalletState, command: WalletCommand): WalletState {
  let next = state;
  for (const event of decide(command, next)) next = evolve(next, event);
  return next;
}

function fundedWallet(): WalletState {
  const state = apply(initialState, {
    type: 'PurchaseCredits',
    data: { purchaseId: 'p1', millicredits: 1e15, amountCents: 1, currency: 'USD', priceBookId: 'credits', priceBookVersion: 'v1' },
    metadata: at('buy', T0),
  });
  return apply(state, {
    type: 'GrantCredits',
    data: { grantId: 'g1', millicredits: 1e12, expiresAt: T0 + 1e12, source: { kind: 'plan', reference: 'monthly' } },
    metadata: at('grant', T0),
  });
}

/** Commands per second over `pairs` reserve+charge pairs, on wallets of `pairsPerWallet` each. */
function measure(pairs: number, pairsPerWallet: number): number {
  let state = fundedWallet();
  const started = performance.now();
  for (let i = 0; i < pairs; i++) {
    if (i % pairsPerWallet === 0) state = fundedWallet();
    const reservationId = `r${i}`;
    const now = T0 + i;
    state = apply(state, { type: 'ReserveCredits', data: { reservationId, millicredits: 75_000, ttlMillis: 600_000 }, metadata: at(`res-${i}`, now) });
    const millicredits = i % 4 === 0 ? 50_000 : 75_000;
    state = apply(state, { type: 'ChargeReservation', data: { reservationId, millicredits }, metadata: at(`chg-${i}`, now + 1) });
  }
  const seconds = (performance.now() - started) / 1000;
  return (2 * pairs) / seconds;
}

measure(50_000, 1000); // warm up
// Books are closed by period: a state holds one period's reservations, so periods of several lengths.
for (const [label, perWallet] of [['periods of 200 commands', 100], ['periods of 2,000 commands', 1000], ['periods of 20,000 commands', 10_000]] as const) {
  const opsPerSecond = measure(500_000, perWallet);
  console.log(`reserve+charge, ${label}: ${Math.round(opsPerSecond).toLocaleString('en-US')} commands/s (decide + evolve, one core)`);
}
