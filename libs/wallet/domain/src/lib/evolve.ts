import { grantLotId, purchaseLotId, type LotAllocation, type WalletEvent } from '@billing/contracts';
import { changeLots, withLot } from './lots';
import { assertNever, getIn, setIn } from '@billing/util';
import type { Lot, LotOrigin, LotRecord, Reservation, WalletState } from './wallet-state';

/**
 * Pure: the wallet after `event`. Only the parts an event touches are replaced. Events
 * that contradict the state (never produced by `decide`) change as little as possible,
 * and `checkWalletInvariants` reports them.
 */
export function evolve(state: WalletState, event: WalletEvent): WalletState {
  switch (event.type) {
    case 'CreditsPurchased':
      return withNewLot(state, purchaseLotId(event.data.purchaseId), { kind: 'purchase', ...event.data });
    case 'CreditsGranted':
      return withNewLot(state, grantLotId(event.data.grantId), { kind: 'grant', ...event.data });
    case 'CreditsReserved': {
      const { reservationId, millicredits, allocations, expiresAt, taskId } = event.data;
      const open: Reservation = { status: 'open', reservationId, millicredits, allocations, expiresAt, ...optionalTask(taskId) };
      return {
        ...state,
        heldMillicredits: state.heldMillicredits + millicredits,
        lots: changeLots(state.lots, allocations, (lot, held) => ({ ...lot, heldMillicredits: lot.heldMillicredits + held })),
        reservations: setIn(state.reservations, reservationId, open),
        openReservationIds: [...state.openReservationIds, reservationId],
      };
    }
    case 'ReservationRejected': {
      const { reservationId, requestedMillicredits, taskId } = event.data;
      const rejected: Reservation = { status: 'rejected', reservationId, millicredits: requestedMillicredits, ...optionalTask(taskId) };
      return { ...state, reservations: setIn(state.reservations, reservationId, rejected) };
    }
    case 'CreditsCharged': {
      const { reservationId, millicredits, allocations } = event.data;
      const reservation = getIn(state.reservations, reservationId);
      return {
        ...state,
        balanceMillicredits: state.balanceMillicredits - millicredits,
        heldMillicredits: state.heldMillicredits - millicredits,
        lots: changeLots(state.lots, allocations, (lot, spent) => ({
          ...lot,
          remainingMillicredits: lot.remainingMillicredits - spent,
          heldMillicredits: lot.heldMillicredits - spent,
        })),
        reservations:
          reservation?.status === 'open'
            ? setIn(state.reservations, reservationId, {
                ...reservation,
                status: 'charged',
                chargedMillicredits: millicredits,
                chargedAllocations: allocations,
                refundedMillicredits: 0,
              })
            : state.reservations,
        openReservationIds: withoutId(state.openReservationIds, reservationId),
      };
    }
    case 'CreditsReleased':
      return withHoldReturned(state, event.data.reservationId, event.data.millicredits, event.data.allocations, 'released');
    case 'ReservationExpired':
      return withHoldReturned(state, event.data.reservationId, event.data.millicredits, event.data.allocations, 'expired');
    case 'CreditsExpired': {
      const { lotId, millicredits } = event.data;
      return withCreditsLeaving(state, lotId, millicredits);
    }
    case 'CreditsRefunded': {
      const { refundId, reservationId, millicredits, allocations } = event.data;
      const reservation = getIn(state.reservations, reservationId);
      return {
        ...state,
        balanceMillicredits: state.balanceMillicredits + millicredits,
        lots: changeLots(withLotsBack(state, allocations), allocations, (lot, back) => ({
          ...lot,
          remainingMillicredits: lot.remainingMillicredits + back,
        })),
        reservations:
          reservation?.status === 'charged'
            ? setIn(state.reservations, reservationId, {
                ...reservation,
                refundedMillicredits: reservation.refundedMillicredits + millicredits,
              })
            : state.reservations,
        refunds: setIn(state.refunds, refundId, { refundId, reservationId, millicredits }),
      };
    }
    case 'CreditsRevoked': {
      const lotId = purchaseLotId(event.data.purchaseId);
      const left = withCreditsLeaving(state, lotId, event.data.millicredits);
      const record = getIn(left.lotRecords, lotId);
      if (record === undefined || record.revoked) return left;
      return {
        ...left,
        lots: left.lots.map((lot) => (lot.lotId === lotId ? { ...lot, revoked: true } : lot)),
        lotRecords: setIn(left.lotRecords, lotId, { ...record, revoked: true }),
      };
    }
    default:
      return assertNever(event, 'wallet event');
  }
}

function withNewLot(state: WalletState, lotId: string, origin: LotOrigin & { at?: number }): WalletState {
  if (getIn(state.lotRecords, lotId) !== undefined) return state;
  const { at: _at, ...kept } = origin;
  const record: LotRecord = { lotId, origin: kept, sequence: state.lotRecords.size, revoked: false };
  return {
    ...state,
    balanceMillicredits: state.balanceMillicredits + origin.millicredits,
    lots: withLot(state.lots, { ...lotOf(record), remainingMillicredits: origin.millicredits }),
    lotRecords: setIn(state.lotRecords, lotId, record),
  };
}

function lotOf(record: LotRecord): Lot {
  return {
    lotId: record.lotId,
    kind: record.origin.kind,
    expiresAt: record.origin.kind === 'grant' ? record.origin.expiresAt : null,
    sequence: record.sequence,
    revoked: record.revoked,
    remainingMillicredits: 0,
    heldMillicredits: 0,
  };
}

/** Lots that had run empty come back (with nothing yet) so a refund can return to them. */
function withLotsBack(state: WalletState, allocations: readonly LotAllocation[]): readonly Lot[] {
  let lots = state.lots;
  for (const { lotId } of allocations) {
    if (lots.some((lot) => lot.lotId === lotId)) continue;
    const record = getIn(state.lotRecords, lotId);
    if (record !== undefined) lots = withLot(lots, lotOf(record));
  }
  return lots;
}

function withCreditsLeaving(state: WalletState, lotId: string, millicredits: number): WalletState {
  return {
    ...state,
    balanceMillicredits: state.balanceMillicredits - millicredits,
    lots: changeLots(state.lots, [{ lotId, millicredits }], (lot, gone) => ({
      ...lot,
      remainingMillicredits: lot.remainingMillicredits - gone,
    })),
  };
}

function withHoldReturned(
  state: WalletState,
  reservationId: string,
  millicredits: number,
  allocations: readonly LotAllocation[],
  outcome: 'released' | 'expired',
): WalletState {
  const reservation = getIn(state.reservations, reservationId);
  // After a partial charge the reservation is already settled as charged; only the hold returns.
  return {
    ...state,
    heldMillicredits: state.heldMillicredits - millicredits,
    lots: changeLots(state.lots, allocations, (lot, back) => ({ ...lot, heldMillicredits: lot.heldMillicredits - back })),
    reservations:
      reservation?.status === 'open'
        ? setIn(state.reservations, reservationId, { ...reservation, status: outcome })
        : state.reservations,
    openReservationIds: withoutId(state.openReservationIds, reservationId),
  };
}

function withoutId(ids: readonly string[], reservationId: string): readonly string[] {
  const index = ids.indexOf(reservationId);
  return index < 0 ? ids : [...ids.slice(0, index), ...ids.slice(index + 1)];
}

function optionalTask(taskId: string | undefined): { taskId?: string } {
  return taskId === undefined ? {} : { taskId };
}
