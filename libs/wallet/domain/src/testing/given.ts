import type { WalletCommand, WalletEvent, WalletStreamEvent } from '@billing/contracts';
import { decide } from '../lib/decide';
import { evolve } from '../lib/evolve';
import { replayWallet } from '../lib/wallet-decider';
import { WalletError, type WalletErrorCode, type WalletErrorDetails } from '../lib/wallet-error';
import { checkWalletInvariants } from '../lib/wallet-invariants';
import { walletView, type WalletState, type WalletView } from '../lib/wallet-state';

/**
 * given(history).when(command).then(events): the decider's rules as sentences.
 * Every `then` also replays history + new events through the invariant checker.
 */
export function given(...history: WalletStreamEvent[]) {
  const state = replayWallet(history);
  return {
    state,
    when(command: WalletCommand) {
      const outcome = (): readonly WalletEvent[] => decide(command, state);
      return {
        then(...expected: WalletEvent[]): WalletState {
          const events = outcome();
          expect(events).toEqual(expected);
          expect(checkWalletInvariants([...history, ...events])).toEqual([]);
          return events.reduce(evolve, state);
        },
        thenView(view: WalletView): void {
          expect(walletView(outcome().reduce(evolve, state))).toEqual(view);
        },
        thenThrows(code: WalletErrorCode, details: Partial<WalletErrorDetails> = {}): void {
          const error = caught(outcome);
          expect(error).toBeInstanceOf(WalletError);
          expect(error instanceof WalletError && error.details).toMatchObject({ code, ...details });
        },
      };
    },
  };
}

function caught(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}
