import type { Decider, WalletCommand, WalletStreamEvent } from '@billing/contracts';
import { decide } from './decide';
import { evolve } from './evolve';
import { initialState, type WalletState } from './wallet-state';

export const walletDecider: Decider<WalletCommand, WalletStreamEvent, WalletState> = { decide, evolve, initialState };

/** The wallet as its events leave it. */
export function replayWallet(events: Iterable<WalletStreamEvent>, from: WalletState = initialState): WalletState {
  let state = from;
  for (const event of events) state = evolve(state, event);
  return state;
}
