import type { EndedReservation, RejectedReservation } from './wallet-state';

export type Ended = EndedReservation | RejectedReservation;

/**
 * Reservations refused or ended in a period, sorted by id: found by binary search and
 * replaced by copying the array, which costs far less than copying a Map of the same size
 * (a period settles thousands of holds, each settlement one copy).
 */
export function findEnded(ended: readonly Ended[], reservationId: string): Ended | undefined {
  const index = indexOf(ended, reservationId);
  const found = ended[index];
  return found?.reservationId === reservationId ? found : undefined;
}

/** The list with `reservation` in its place (replacing one with the same id). */
export function withEnded(ended: readonly Ended[], reservation: Ended): readonly Ended[] {
  const index = indexOf(ended, reservation.reservationId);
  return ended[index]?.reservationId === reservation.reservationId ? ended.with(index, reservation) : ended.toSpliced(index, 0, reservation);
}

/** The first index whose id is not below `reservationId`. */
function indexOf(ended: readonly Ended[], reservationId: string): number {
  let low = 0;
  let high = ended.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((ended[middle] as Ended).reservationId < reservationId) low = middle + 1;
    else high = middle;
  }
  return low;
}
