import type { EndedHold, EpochMillis, HoldKey, KeyBudgetShortfall, KeySpend, LotAllocation, LotKind, LotOrigin } from '@billing/contracts';

export type { LotOrigin } from '@billing/contracts';

/** Everything known about a lot, whether or not credits remain in it. */
export interface LotRecord {
  readonly lotId: string;
  readonly origin: LotOrigin;
  /** Creation order: breaks ties between lots that expire together (first in, first out). */
  readonly sequence: number;
  /** Its purchase was refunded: credits that come back to it leave at once. */
  readonly revoked: boolean;
  /** Its purchase is (`frozen`) or was (`released`) under dispute; a payment is disputed once. */
  readonly dispute?: 'frozen' | 'released';
  /** A grant disputed or revoked: the purchase whose payment paid for it (what its later events name). */
  readonly paidBy?: string;
}

/** A lot that still has credits in the balance. */
export interface Lot {
  readonly lotId: string;
  readonly kind: LotKind;
  readonly expiresAt: EpochMillis | null;
  readonly sequence: number;
  readonly revoked: boolean;
  /** Still in the balance, the held part included. */
  readonly remainingMillicredits: number;
  /** Held by open reservations and by a dispute's freeze. */
  readonly heldMillicredits: number;
  /** The part of the held credits a dispute froze (absent: none). */
  readonly frozenMillicredits?: number;
}

interface ReservationTerms {
  readonly reservationId: string;
  readonly millicredits: number;
  readonly taskId?: string;
}

export type OpenReservation = ReservationTerms & {
  readonly status: 'open';
  readonly allocations: readonly LotAllocation[];
  readonly expiresAt: EpochMillis;
  /** The API key the hold was made with: what it returns comes off the key's draw. */
  readonly key?: HoldKey;
};
/** A hold that ended: released, expired, or charged (then refundable up to its charge). */
export type EndedReservation = EndedHold;
export type ChargedReservation = Extract<EndedHold, { status: 'charged' }>;
export type RejectedReservation = ReservationTerms & { readonly status: 'rejected'; readonly keyBudget?: KeyBudgetShortfall };

export type Reservation = OpenReservation | EndedReservation | RejectedReservation;

export interface RefundRecord {
  readonly refundId: string;
  readonly reservationId: string;
  readonly millicredits: number;
}

/**
 * One (account, pool) wallet, as the books of one period hold it: what the period opened
 * with and what happened since. Plain immutable records, maps and arrays, copied on
 * change: a period's books stay small, so copying them is cheap.
 */
export interface WalletState {
  /** The period these books cover; null before an opening (a stream from before periods). */
  readonly period: string | null;
  readonly balanceMillicredits: number;
  readonly heldMillicredits: number;
  /** Lots with credits left, in allocation order: earliest expiry first, then first in. */
  readonly lots: readonly Lot[];
  /** Every lot the wallet has had, in creation order. */
  readonly lotRecords: ReadonlyMap<string, LotRecord>;
  /** Open holds, in the order they were opened. */
  readonly holds: ReadonlyMap<string, OpenReservation>;
  /** Reservations refused or ended in these books (and ended holds carried into them), by id. */
  readonly ended: readonly (EndedReservation | RejectedReservation)[];
  readonly refunds: ReadonlyMap<string, RefundRecord>;
  /** What each API key drew from this wallet, by key id. */
  readonly keySpend: ReadonlyMap<string, KeySpend>;
}

export const initialState: WalletState = {
  period: null,
  balanceMillicredits: 0,
  heldMillicredits: 0,
  lots: [],
  lotRecords: new Map(),
  holds: new Map(),
  ended: [],
  refunds: new Map(),
  keySpend: new Map(),
};

export interface WalletView {
  readonly balanceMillicredits: number;
  readonly heldMillicredits: number;
  readonly availableMillicredits: number;
}

export function walletView(state: WalletState): WalletView {
  return {
    balanceMillicredits: state.balanceMillicredits,
    heldMillicredits: state.heldMillicredits,
    availableMillicredits: state.balanceMillicredits - state.heldMillicredits,
  };
}

/** The map with `key` set to `value`: a copy, the original untouched. */
export function withEntry<V>(map: ReadonlyMap<string, V>, key: string, value: V): ReadonlyMap<string, V> {
  return new Map(map).set(key, value);
}

export function withoutEntry<V>(map: ReadonlyMap<string, V>, key: string): ReadonlyMap<string, V> {
  if (!map.has(key)) return map;
  const copy = new Map(map);
  copy.delete(key);
  return copy;
}
