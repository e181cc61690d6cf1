import type { EpochMillis } from '@billing/contracts';
import { findEnded } from './ended-reservations';
import { isExpired, spendableMillicredits } from './lots';
import type { OpenReservation, Reservation, WalletState } from './wallet-state';

export function reservationOf(state: WalletState, reservationId: string): Reservation | undefined {
  return state.holds.get(reservationId) ?? findEnded(state.ended, reservationId);
}

/** Open holds, in the order they were opened. */
export function openReservations(state: WalletState): OpenReservation[] {
  return [...state.holds.values()];
}

/** Holds whose TTL has run out: a sweeper sends ExpireReservation for each. */
export function reservationsDueToExpire(state: WalletState, now: EpochMillis): string[] {
  return openReservations(state)
    .filter((reservation) => now >= reservation.expiresAt)
    .map((reservation) => reservation.reservationId);
}

/** Grants past their expiry with unheld credits left: a sweeper sends ExpireGrant for each. */
export function grantsDueToExpire(state: WalletState, now: EpochMillis): string[] {
  const due: string[] = [];
  for (const lot of state.lots) {
    if (lot.kind !== 'grant' || !isExpired(lot, now) || lot.remainingMillicredits === lot.heldMillicredits) continue;
    const record = state.lotRecords.get(lot.lotId);
    if (record?.origin.kind === 'grant') due.push(record.origin.grantId);
  }
  return due;
}

/** What a new reservation could take at `now` (lots past expiry or revoked give nothing). */
export function spendableAt(state: WalletState, now: EpochMillis): number {
  return spendableMillicredits(state.lots, now);
}
