import type { KeyBudget, ReserveCredits, WalletEvent, WalletStreamEvent } from '@billing/contracts';
import { carryForward, openedBooks } from './carry-forward';
import { decide } from './decide';
import { evolve } from './evolve';
import { keySpendAt } from './key-spend';
import { replayWallet } from './wallet-decider';
import { given } from '../testing/given';
import { charge, fromPurchase, purchased, release, reserve, T0, TTL } from '../testing/wallet-messages';

const MONTHLY: KeyBudget = { limitMillicredits: 5000, per: 'month' };
const NEXT_MONTH = Date.UTC(2025, 1, 1);

const withKey = (command: ReserveCredits, keyBudget?: KeyBudget): ReserveCredits => ({
  ...command,
  data: { ...command.data, keyId: 'key-1', ...(keyBudget ? { keyBudget } : {}) },
});

const keyReserved = (reservationId: string, millicredits: number, at = T0): WalletEvent => ({
  type: 'CreditsReserved',
  data: { reservationId, millicredits, allocations: [fromPurchase('p1', millicredits)], expiresAt: at + TTL, keyId: 'key-1', at },
});

/** The state after `history` and whatever `commands` decide, in turn. */
function after(history: WalletStreamEvent[], ...commands: Parameters<typeof decide>[0][]) {
  let state = replayWallet(history);
  for (const command of commands) state = decide(command, state).reduce(evolve, state);
  return state;
}

describe('an API key budget on reservations', () => {
  it('a hold within what the key has left is made, and names the key', () => {
    given(purchased('p1', 100_000))
      .when(withKey(reserve('r1', 3000), MONTHLY))
      .then(keyReserved('r1', 3000));
  });

  it('a hold past what the key has left is refused with the key and its remainder, though the pool has plenty', () => {
    given(purchased('p1', 100_000), keyReserved('r1', 3000))
      .when(withKey(reserve('r2', 2001), MONTHLY))
      .then({
        type: 'ReservationRejected',
        data: { reservationId: 'r2', requestedMillicredits: 2001, availableMillicredits: 97_000, keyBudget: { keyId: 'key-1', remainingMillicredits: 2000 }, at: T0 },
      });
  });

  it('released credits come back to the budget; charged ones stay spent, and the uncharged part of a charge comes back', () => {
    const state = after([purchased('p1', 100_000)], withKey(reserve('r1', 3000), MONTHLY), release('r1'), withKey(reserve('r2', 4000), MONTHLY), charge('r2', 1000));
    expect(keySpendAt(state, 'key-1', T0)).toEqual({ keyId: 'key-1', month: '202501', monthMillicredits: 1000, lifetimeMillicredits: 1000 });
  });

  it('a monthly budget starts afresh in the next UTC month; a lifetime budget does not', () => {
    given(purchased('p1', 100_000), keyReserved('r1', 5000))
      .when(withKey(reserve('r2', 5000, NEXT_MONTH), MONTHLY))
      .then(keyReserved('r2', 5000, NEXT_MONTH));
    const refused = decide(withKey(reserve('r2', 1, NEXT_MONTH), { limitMillicredits: 5000, per: 'lifetime' }), replayWallet([purchased('p1', 100_000), keyReserved('r1', 5000)]));
    expect(refused.map((event) => event.type)).toEqual(['ReservationRejected']);
  });

  it('a key without a budget is tracked but never refused by it', () => {
    const state = after([purchased('p1', 100_000)], withKey(reserve('r1', 90_000)));
    expect(keySpendAt(state, 'key-1', T0).lifetimeMillicredits).toBe(90_000);
  });

  it('what a key drew is carried into the next period, with its open holds', () => {
    const closing = after([purchased('p1', 100_000)], withKey(reserve('r1', 3000), MONTHLY));
    const opened = openedBooks(carryForward(closing, { period: '202502', at: NEXT_MONTH, previousStreamName: 'wallet-a-api.202501' }).data);
    expect(opened.keySpend).toEqual(closing.keySpend);
    const returned = decide(release('r1', 'failed', NEXT_MONTH), opened).reduce(evolve, opened);
    expect(keySpendAt(returned, 'key-1', T0).lifetimeMillicredits).toBe(0);
  });
});
