import type {
  ChargeReservation,
  EpochMillis,
  ExpireReservation,
  KeyBudgetShortfall,
  ReleaseReason,
  ReleaseReservation,
  ReserveCredits,
  WalletEvent,
} from '@billing/contracts';
import { budgetRemaining } from './key-spend';
import { allocate, spendableMillicredits, splitAllocations } from './lots';
import { creditsThatCannotComeBack } from './returned-credits';
import { reservationOf } from './wallet-queries';
import { requireId, requirePositiveAmount } from './validation';
import { WalletError } from './wallet-error';
import type { OpenReservation, Reservation, WalletState } from './wallet-state';

const NO_EVENTS: readonly WalletEvent[] = [];

export function reserveCredits(command: ReserveCredits, state: WalletState): readonly WalletEvent[] {
  const { data } = command;
  const { now } = command.metadata;
  const reservationId = requireId('reservationId', data.reservationId);
  const millicredits = requirePositiveAmount('millicredits', data.millicredits);
  const ttlMillis = requirePositiveAmount('ttlMillis', data.ttlMillis);
  const expiresAt = now + ttlMillis;
  if (!Number.isSafeInteger(expiresAt)) throw new WalletError({ code: 'invalid_amount', field: 'ttlMillis', value: ttlMillis });

  const known = reservationOf(state, reservationId);
  if (known !== undefined) {
    // The TTL is measured from each delivery's `now`, so only amount and task identify a repeat.
    if (known.millicredits === millicredits && known.taskId === data.taskId) return NO_EVENTS;
    throw new WalletError({ code: 'id_reused', idKind: 'reservation', id: reservationId });
  }

  const task = data.taskId === undefined ? {} : { taskId: data.taskId };
  const key = data.keyId === undefined ? {} : { keyId: requireId('keyId', data.keyId) };
  const rejected = (shortfall: { keyBudget?: KeyBudgetShortfall } = {}): WalletEvent => ({
    type: 'ReservationRejected',
    data: { reservationId, requestedMillicredits: millicredits, availableMillicredits: spendableMillicredits(state.lots, now), ...task, ...shortfall, at: now },
  });
  // A key's budget is checked in the same decision as the hold: concurrent holds on one key cannot pass it together.
  if (data.keyId !== undefined && data.keyBudget !== undefined) {
    const remainingMillicredits = budgetRemaining(state, data.keyId, data.keyBudget, now);
    if (millicredits > remainingMillicredits) return [rejected({ keyBudget: { keyId: data.keyId, remainingMillicredits } })];
  }
  const allocations = allocate(state.lots, millicredits, now);
  if (allocations === undefined) return [rejected()];
  return [{ type: 'CreditsReserved', data: { reservationId, millicredits, allocations, expiresAt, ...task, ...key, at: now } }];
}

export function chargeReservation(command: ChargeReservation, state: WalletState): readonly WalletEvent[] {
  const { now } = command.metadata;
  const millicredits = requirePositiveAmount('millicredits', command.data.millicredits);
  const reservation = existingReservation(state, command.data.reservationId);
  if (reservation.status === 'charged' && reservation.chargedMillicredits === millicredits) return NO_EVENTS;
  const open = requireOpen(reservation);
  if (millicredits > open.millicredits) {
    throw new WalletError({
      code: 'charge_exceeds_hold',
      reservationId: open.reservationId,
      heldMillicredits: open.millicredits,
      requestedMillicredits: millicredits,
    });
  }
  // A lapsed hold is never charged: the task timed out (DESIGN invariant 4).
  if (now >= open.expiresAt) {
    throw new WalletError({ code: 'hold_lapsed', reservationId: open.reservationId, expiresAt: open.expiresAt, now });
  }

  const [charged, rest] = splitAllocations(open.allocations, millicredits);
  const task = taskOf(open);
  const events: WalletEvent[] = [
    { type: 'CreditsCharged', data: { reservationId: open.reservationId, millicredits, allocations: charged, ...task, at: now } },
  ];
  if (rest.length > 0) {
    events.push(released(open, rest, open.millicredits - millicredits, 'partial_charge', now));
    events.push(...creditsThatCannotComeBack(state, rest, now));
  }
  return events;
}

export function releaseReservation(command: ReleaseReservation, state: WalletState): readonly WalletEvent[] {
  const { now } = command.metadata;
  const reservation = existingReservation(state, command.data.reservationId);
  // The reason describes why; the outcome (released) is what makes a repeat a repeat.
  if (reservation.status === 'released') return NO_EVENTS;
  const open = requireOpen(reservation);
  return [
    released(open, open.allocations, open.millicredits, command.data.reason, now),
    ...creditsThatCannotComeBack(state, open.allocations, now),
  ];
}

export function expireReservation(command: ExpireReservation, state: WalletState): readonly WalletEvent[] {
  const { now } = command.metadata;
  const reservation = existingReservation(state, command.data.reservationId);
  if (reservation.status === 'expired') return NO_EVENTS;
  const open = requireOpen(reservation);
  if (now < open.expiresAt) {
    throw new WalletError({ code: 'not_expired_yet', id: open.reservationId, expiresAt: open.expiresAt, now });
  }
  return [
    {
      type: 'ReservationExpired',
      data: {
        reservationId: open.reservationId,
        millicredits: open.millicredits,
        allocations: open.allocations,
        ...taskOf(open),
        at: now,
      },
    },
    ...creditsThatCannotComeBack(state, open.allocations, now),
  ];
}

function existingReservation(state: WalletState, reservationId: string): Reservation {
  const reservation = reservationOf(state, requireId('reservationId', reservationId));
  if (reservation === undefined) throw new WalletError({ code: 'unknown_reservation', reservationId });
  return reservation;
}

function requireOpen(reservation: Reservation): OpenReservation {
  const { reservationId } = reservation;
  switch (reservation.status) {
    case 'open':
      return reservation;
    case 'rejected':
      throw new WalletError({ code: 'reservation_rejected', reservationId });
    default:
      throw new WalletError({ code: 'reservation_settled', reservationId, outcome: reservation.status });
  }
}

function released(
  open: OpenReservation,
  allocations: OpenReservation['allocations'],
  millicredits: number,
  reason: ReleaseReason,
  now: EpochMillis,
): WalletEvent {
  return {
    type: 'CreditsReleased',
    data: { reservationId: open.reservationId, millicredits, allocations, reason, ...taskOf(open), at: now },
  };
}

function taskOf(reservation: OpenReservation): { taskId?: string } {
  return reservation.taskId === undefined ? {} : { taskId: reservation.taskId };
}
