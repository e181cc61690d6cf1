import type { Decider, WalletCommand, WalletEvent } from '@billing/contracts';
import { decide } from './decide';
import { evolve } from './evolve';
import { initialState, type WalletState } from './wallet-state';

export const walletDecider: Decider<WalletCommand, WalletEvent, WalletState> = { decide, evolve, initialState };

/** The wallet as its events leave it. */
export function replayWallet(events: Iterable<WalletEvent>, from: WalletState = initialState): WalletState {
  let state = from;
  for (const event of events) state = evolve(state, event);
  return state;
}
