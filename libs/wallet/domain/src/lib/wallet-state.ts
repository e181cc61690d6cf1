import type { EpochMillis, GrantSource, LotAllocation, LotKind } from '@billing/contracts';
import { emptyMap, type PersistentMap } from '@billing/util';

/** How a lot came in, kept to recognise a repeated purchase or grant. */
export type LotOrigin =
  | {
      readonly kind: 'purchase';
      readonly purchaseId: string;
      readonly millicredits: number;
      readonly amountCents: number;
      readonly currency: string;
      readonly priceBookId: string;
      readonly priceBookVersion: string;
    }
  | {
      readonly kind: 'grant';
      readonly grantId: string;
      readonly millicredits: number;
      readonly source: GrantSource;
      readonly expiresAt: EpochMillis | null;
    };

/** Everything ever known about a lot, whether or not credits remain in it. */
export interface LotRecord {
  readonly lotId: string;
  readonly origin: LotOrigin;
  /** Creation order: breaks ties between lots that expire together (first in, first out). */
  readonly sequence: number;
  /** Its purchase was refunded: credits that come back to it leave at once. */
  readonly revoked: boolean;
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
  readonly heldMillicredits: number;
}

interface ReservationTerms {
  readonly reservationId: string;
  readonly millicredits: number;
  readonly taskId?: string;
}

interface Hold extends ReservationTerms {
  readonly allocations: readonly LotAllocation[];
  readonly expiresAt: EpochMillis;
}

export type OpenReservation = Hold & { readonly status: 'open' };
export type ChargedReservation = Hold & {
  readonly status: 'charged';
  readonly chargedMillicredits: number;
  /** The part of the hold that was consumed, in allocation order. */
  readonly chargedAllocations: readonly LotAllocation[];
  readonly refundedMillicredits: number;
};

export type Reservation =
  | (ReservationTerms & { readonly status: 'rejected' })
  | OpenReservation
  | (Hold & { readonly status: 'released' })
  | (Hold & { readonly status: 'expired' })
  | ChargedReservation;

export interface RefundRecord {
  readonly refundId: string;
  readonly reservationId: string;
  readonly millicredits: number;
}

/**
 * One (account, pool) wallet. Small, hot parts (lots with credits, open reservation ids)
 * are plain arrays replaced on change; parts that grow with the stream live in
 * persistent maps so an event never copies them.
 */
export interface WalletState {
  readonly balanceMillicredits: number;
  readonly heldMillicredits: number;
  /** Lots with credits left, in allocation order: earliest expiry first, then first in. */
  readonly lots: readonly Lot[];
  readonly lotRecords: PersistentMap<LotRecord>;
  readonly reservations: PersistentMap<Reservation>;
  readonly openReservationIds: readonly string[];
  readonly refunds: PersistentMap<RefundRecord>;
}

export const initialState: WalletState = {
  balanceMillicredits: 0,
  heldMillicredits: 0,
  lots: [],
  lotRecords: emptyMap(),
  reservations: emptyMap(),
  openReservationIds: [],
  refunds: emptyMap(),
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
