import fc from 'fast-check';
import type { LotAllocation, ReleaseReason, WalletCommand, WalletEvent } from '@billing/contracts';
import { decide } from './decide';
import { evolve } from './evolve';
import { WalletError } from './wallet-error';
import { checkWalletInvariants } from './wallet-invariants';
import { grantsDueToExpire, reservationOf, reservationsDueToExpire, spendableAt } from './wallet-queries';
import { initialState, walletView, type WalletState } from './wallet-state';
import {
  HOUR,
  MINUTE,
  T0,
  charge,
  expireGrant,
  expireReservation,
  grant,
  purchase,
  refund,
  release,
  reserve,
  revoke,
  freeze,
  unfreeze,
} from '../testing/wallet-messages';

/**
 * DESIGN section 5, invariants 1 to 5, on random command streams: few ids so that
 * ids collide and settlements race, time that advances past TTLs and grant expiries,
 * and successful commands delivered again later.
 */
const purchaseId = fc.constantFrom('p1', 'p2', 'p3');
const grantId = fc.constantFrom('g1', 'g2', 'g3');
const paidByOrder = <C extends { data: object }>(command: C, id: string): C => ({ ...command, data: { ...command.data, grantId: id } });
const RESERVATION_IDS = ['r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7', 'r8'];
const reservationId = fc.constantFrom(...RESERVATION_IDS);
/** Settlements mostly aim at a hold that is open, sometimes at any id (unknown, settled, refused). */
const settledId = fc.oneof(
  { weight: 3, arbitrary: fc.nat().map((pick) => (state: WalletState) => [...state.holds.keys()][pick % Math.max(1, state.holds.size)] ?? 'r1') },
  reservationId.map((id) => (_state: WalletState) => id),
);
const chargedId = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.nat().map((pick) => (state: WalletState) => {
      const charged = RESERVATION_IDS.filter((id) => reservationOf(state, id)?.status === 'charged');
      return charged[pick % Math.max(1, charged.length)] ?? 'r1';
    }),
  },
  reservationId.map((id) => (_state: WalletState) => id),
);
const refundId = fc.constantFrom('f1', 'f2', 'f3', 'f4');
const amount = (max: number) => fc.integer({ min: 1, max });
const reason = fc.constantFrom<ReleaseReason>('failed', 'cancelled', 'timed_out', 'other');

type Build = (now: number, state: WalletState) => WalletCommand;
type Step =
  | { readonly kind: 'command'; readonly advanceMillis: number; readonly at: Build }
  | { readonly kind: 'redeliver'; readonly pick: number };

const command = (build: fc.Arbitrary<Build>): fc.Arbitrary<Step> =>
  fc.record({
    kind: fc.constant('command' as const),
    // Mostly moments apart, sometimes a jump past TTLs and grant expiries.
    advanceMillis: fc.oneof({ weight: 5, arbitrary: fc.integer({ min: 0, max: 30_000 }) }, fc.integer({ min: 0, max: 20 * MINUTE })),
    at: build,
  });

/** Mostly a share of the hold or charge in question, sometimes a little more, so limits are probed. */
const percent = fc.oneof(
  { weight: 2, arbitrary: fc.constant(100) },
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 100 }) },
  fc.integer({ min: 101, max: 120 }),
);
const shareOf = (whole: number | undefined, pct: number, fallback: number) =>
  whole === undefined ? fallback : Math.max(1, Math.floor((whole * pct) / 100));

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 2, arbitrary: command(fc.tuple(purchaseId, amount(20_000)).map(([id, m]): Build => (now) => purchase(id, m, now))) },
  command(
    fc
      .tuple(grantId, amount(10_000), fc.option(fc.integer({ min: 0, max: 2 * HOUR })))
      .map(([id, m, expiry]): Build => (now) => grant(id, m, expiry === null ? null : T0 + expiry, now)),
  ),
  {
    weight: 4,
    arbitrary: command(
      fc
        .tuple(reservationId, amount(6000), fc.integer({ min: 1, max: 15 * MINUTE }), fc.option(fc.constantFrom('t1', 't2')))
        .map(([id, m, ttlMillis, taskId]): Build => (now) => reserve(id, m, now, taskId === null ? { ttlMillis } : { ttlMillis, taskId })),
    ),
  },
  {
    weight: 3,
    arbitrary: command(
      fc.tuple(settledId, percent).map(([pick, pct]): Build => (now, state) => {
        const id = pick(state);
        return charge(id, shareOf(reservationOf(state, id)?.millicredits, pct, 1000), now);
      }),
    ),
  },
  { weight: 2, arbitrary: command(fc.tuple(settledId, reason).map(([pick, r]): Build => (now, state) => release(pick(state), r, now))) },
  command(settledId.map((pick): Build => (now, state) => expireReservation(pick(state), now))),
  command(grantId.map((id): Build => (now) => expireGrant(id, now))),
  {
    weight: 3,
    arbitrary: command(
      fc.tuple(refundId, chargedId, percent).map(([f, pick, pct]): Build => (now, state) => {
        const r = pick(state);
        const reservation = reservationOf(state, r);
        const chargedMillicredits = reservation?.status === 'charged' ? reservation.chargedMillicredits : undefined;
        return refund(f, r, shareOf(chargedMillicredits, pct / 2, 500), now);
      }),
    ),
  },
  command(purchaseId.map((id): Build => (now) => revoke(id, now))),
  command(purchaseId.map((id): Build => (now) => freeze(id, now))),
  command(purchaseId.map((id): Build => (now) => unfreeze(id, now))),
  // A plan period's grant, paid by an order: disputed, released, revoked like a purchase.
  command(grantId.map((id): Build => (now) => paidByOrder(freeze('o1', now), id))),
  command(grantId.map((id): Build => (now) => paidByOrder(unfreeze('o1', now), id))),
  command(grantId.map((id): Build => (now) => paidByOrder(revoke('o1', now), id))),
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('redeliver' as const), pick: fc.nat() }) },
);

interface Run {
  readonly state: WalletState;
  readonly events: WalletEvent[];
  readonly now: number;
}

/** Runs the steps; `deliveries` is how many times each command arrives in a row. */
function run(steps: readonly Step[], deliveries = 1): Run {
  let state = initialState;
  let now = T0;
  const events: WalletEvent[] = [];
  const succeeded: WalletCommand[] = [];
  for (const current of steps) {
    let next: WalletCommand | undefined;
    if (current.kind === 'command') {
      now += current.advanceMillis;
      next = current.at(now, state);
    } else {
      next = succeeded[current.pick % Math.max(1, succeeded.length)];
    }
    if (next === undefined) continue;
    for (let delivery = 0; delivery < deliveries; delivery++) {
      const outcome = attempt(next, state);
      if (outcome === 'refused') break;
      if (current.kind === 'redeliver' || delivery > 0) must(outcome.length === 0, `a repeated ${next.type} yielded events`);
      checkRejections(outcome, state);
      state = outcome.reduce(evolve, state);
      events.push(...outcome);
      if (delivery === 0 && current.kind === 'command') succeeded.push(next);
      must(walletView(state).availableMillicredits >= 0, 'available went below zero');
    }
  }
  return { state, events, now };
}

/** An invalid command may be refused, but only with a WalletError. */
function attempt(command: WalletCommand, state: WalletState): readonly WalletEvent[] | 'refused' {
  try {
    return decide(command, state);
  } catch (error) {
    if (error instanceof WalletError) return 'refused';
    throw error;
  }
}

/** Holds draw on live lots only; a refusal states what was asked and what was there, and only happens when it did not fit. */
function checkRejections(events: readonly WalletEvent[], before: WalletState): void {
  for (const event of events) {
    if (event.type === 'CreditsReserved') checkHoldsAreOnLiveLots(event.data.allocations, before, event.data.at);
    if (event.type !== 'ReservationRejected') continue;
    must(event.data.availableMillicredits === spendableAt(before, event.data.at), 'a refusal misstates what was available');
    must(event.data.requestedMillicredits > event.data.availableMillicredits, 'a reservation that fitted was refused');
  }
}

/** Credits past their expiry or revoked are never held again. */
function checkHoldsAreOnLiveLots(allocations: readonly LotAllocation[], before: WalletState, now: number): void {
  for (const { lotId } of allocations) {
    const lot = before.lots.find((candidate) => candidate.lotId === lotId);
    must(lot !== undefined && !lot.revoked && (lot.expiresAt === null || now < lot.expiresAt), `a hold on ${lotId}, expired or revoked`);
  }
}

/** A plain check: `expect` in the inner loop of thousands of runs costs seconds. */
function must(condition: boolean, message: string): void {
  if (!condition) throw new Error(message);
}

/** What a sweeper does once the clock has passed every TTL and grant expiry. */
function sweep({ state, events, now }: Run): Run {
  const later = Math.max(now, T0 + 3 * HOUR) + 15 * MINUTE;
  let swept = state;
  const sweepEvents: WalletEvent[] = [];
  const due: WalletCommand[] = [
    ...reservationsDueToExpire(swept, later).map((id) => expireReservation(id, later)),
    ...grantsDueToExpire(swept, later).map((id) => expireGrant(id, later)),
  ];
  for (const command of due) {
    const out = decide(command, swept);
    swept = out.reduce(evolve, swept);
    sweepEvents.push(...out);
  }
  return { state: swept, events: [...events, ...sweepEvents], now: later };
}

const RUNS = { numRuns: 2000 };
const streams = fc.array(step, { minLength: 5, maxLength: 40, size: 'max' });

describe('wallet invariants on random command streams', () => {
  it('1, 2, 4: available never negative, credits conserved, charges within holds, at every event', () => {
    fc.assert(
      fc.property(streams, (steps) => {
        expect(checkWalletInvariants(run(steps).events)).toEqual([]);
      }),
      RUNS,
    );
  });

  it('3: every hold ends, and none stays open past its TTL once the sweeper has run', () => {
    fc.assert(
      fc.property(streams, (steps) => {
        const swept = sweep(run(steps));
        expect(checkWalletInvariants(swept.events, { endedBy: swept.now })).toEqual([]);
        expect(swept.state.holds.size).toBe(0);
        // What stays held is what disputes froze.
        expect(walletView(swept.state).heldMillicredits).toBe(swept.state.lots.reduce((sum, lot) => sum + (lot.frozenMillicredits ?? 0), 0));
        // Nothing past its expiry is left spendable or waiting to expire.
        expect(grantsDueToExpire(swept.state, swept.now)).toEqual([]);
        expect(spendableAt(swept.state, swept.now)).toBe(walletView(swept.state).availableMillicredits);
      }),
      RUNS,
    );
  });

  it('5: delivering every command twice has the effect of delivering it once', () => {
    fc.assert(
      fc.property(streams, (steps) => {
        const once = run(steps);
        const twice = run(steps, 2);
        expect(twice.events).toEqual(once.events);
        expect(walletView(twice.state)).toEqual(walletView(once.state));
      }),
      RUNS,
    );
  });
});
