import type { EpochMillis, HoldKey, KeyBudget, KeySpend } from '@billing/contracts';
import { type OpenReservation, type WalletState, withEntry } from './wallet-state';

/** The UTC month of an instant, written like a wallet period (`202603`). */
export function monthOf(at: EpochMillis): string {
  return new Date(at).toISOString().slice(0, 7).replace('-', '');
}

/** What the key drew in the month of `now` and over its life (zeros for a key never seen). */
export function keySpendAt(state: WalletState, keyId: string, now: EpochMillis): KeySpend {
  const month = monthOf(now);
  const spend = state.keySpend.get(keyId);
  if (spend === undefined) return { keyId, month, monthMillicredits: 0, lifetimeMillicredits: 0 };
  return { ...spend, month, monthMillicredits: spend.month === month ? spend.monthMillicredits : 0 };
}

/** What is left of a budget at `now`: never below zero. */
export function budgetRemaining(state: WalletState, keyId: string, budget: KeyBudget, now: EpochMillis): number {
  const spend = keySpendAt(state, keyId, now);
  const drawn = budget.per === 'month' ? spend.monthMillicredits : spend.lifetimeMillicredits;
  return Math.max(0, budget.limitMillicredits - drawn);
}

/** A hold made with a key: its amount counts against the key in the hold's month and for life. */
export function withKeyDraw(state: WalletState, key: HoldKey, millicredits: number): WalletState {
  const spend = state.keySpend.get(key.keyId);
  const sameMonth = spend?.month === key.month;
  const next: KeySpend = {
    keyId: key.keyId,
    month: key.month,
    monthMillicredits: (sameMonth ? spend.monthMillicredits : 0) + millicredits,
    lifetimeMillicredits: (spend?.lifetimeMillicredits ?? 0) + millicredits,
  };
  return { ...state, keySpend: withEntry(state.keySpend, key.keyId, next) };
}

/** Credits a key's hold gave back (released, expired, or the uncharged part) come off its draw: its month's only if still current. */
export function withKeyReturn(state: WalletState, hold: OpenReservation | undefined, millicredits: number): WalletState {
  const key = hold?.key;
  const spend = key === undefined ? undefined : state.keySpend.get(key.keyId);
  if (key === undefined || spend === undefined || millicredits === 0) return state;
  const next: KeySpend = {
    ...spend,
    monthMillicredits: spend.month === key.month ? spend.monthMillicredits - millicredits : spend.monthMillicredits,
    lifetimeMillicredits: spend.lifetimeMillicredits - millicredits,
  };
  return { ...state, keySpend: withEntry(state.keySpend, key.keyId, next) };
}
