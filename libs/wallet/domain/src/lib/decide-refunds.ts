import type { RefundCredits, WalletEvent } from '@billing/contracts';
import { splitAllocations } from './lots';
import { creditsThatCannotComeBack } from './returned-credits';
import { reservationOf } from './wallet-queries';
import { requireId, requirePositiveAmount } from './validation';
import { WalletError } from './wallet-error';

import type { WalletState } from './wallet-state';

/**
 * Gives back what a charge consumed, to the lots it came from, last consumed first.
 * Refunded credits keep their lot's expiry and revocation: a refund never turns
 * expired or revoked credits into spendable ones.
 */
export function refundCredits(command: RefundCredits, state: WalletState): readonly WalletEvent[] {
  const { data } = command;
  const { now } = command.metadata;
  const refundId = requireId('refundId', data.refundId);
  const reservationId = requireId('reservationId', data.reservationId);
  const millicredits = requirePositiveAmount('millicredits', data.millicredits);

  const known = state.refunds.get(refundId);
  if (known !== undefined) {
    if (known.reservationId === reservationId && known.millicredits === millicredits) return [];
    throw new WalletError({ code: 'id_reused', idKind: 'refund', id: refundId });
  }

  const reservation = reservationOf(state, reservationId);
  if (reservation === undefined) throw new WalletError({ code: 'unknown_reservation', reservationId });
  if (reservation.status !== 'charged') {
    throw new WalletError({ code: 'reservation_not_charged', reservationId, status: reservation.status });
  }
  const { chargedMillicredits, refundedMillicredits } = reservation;
  if (refundedMillicredits + millicredits > chargedMillicredits) {
    throw new WalletError({
      code: 'refund_exceeds_charge',
      reservationId,
      chargedMillicredits,
      refundedMillicredits,
      requestedMillicredits: millicredits,
    });
  }

  const lastConsumedFirst = reservation.chargedAllocations.slice().reverse();
  const [, notYetRefunded] = splitAllocations(lastConsumedFirst, refundedMillicredits);
  const [allocations] = splitAllocations(notYetRefunded, millicredits);
  return [
    { type: 'CreditsRefunded', data: { refundId, reservationId, millicredits, allocations, reason: data.reason, at: now } },
    ...creditsThatCannotComeBack(state, allocations, now),
  ];
}
