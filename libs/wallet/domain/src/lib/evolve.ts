import { grantLotId, paidLotId, purchaseLotId, type LotAllocation, type PaidCredits, type WalletStreamEvent } from '@billing/contracts';
import { assertNever } from '@billing/util';
import { openedBooks } from './carry-forward';
import { findEnded, withEnded } from './ended-reservations';
import { monthOf, withKeyDraw, withKeyReturn } from './key-spend';
import { changeLots, lotOf, withLot } from './lots';
import { type LotOrigin, type LotRecord, type WalletState, withEntry, withoutEntry } from './wallet-state';

/**
 * Pure: the wallet after `event`. Only the parts an event touches are replaced. Events
 * that contradict the state (never produced by `decide`) change as little as possible,
 * and `checkWalletInvariants` reports them. A period's opening replaces the state.
 */
export function evolve(state: WalletState, event: WalletStreamEvent): WalletState {
  switch (event.type) {
    case 'BalanceCarriedForward':
      return openedBooks(event.data);
    case 'CreditsPurchased':
      return withNewLot(state, purchaseLotId(event.data.purchaseId), { kind: 'purchase', ...event.data });
    case 'CreditsGranted':
      return withNewLot(state, grantLotId(event.data.grantId), { kind: 'grant', ...event.data });
    case 'CreditsReserved': {
      const { reservationId, millicredits, allocations, expiresAt, taskId, keyId, at } = event.data;
      const key = keyId === undefined ? undefined : { keyId, month: monthOf(at) };
      const held: WalletState = {
        ...state,
        heldMillicredits: state.heldMillicredits + millicredits,
        lots: changeLots(state.lots, allocations, (lot, part) => ({ ...lot, heldMillicredits: lot.heldMillicredits + part })),
        holds: withEntry(state.holds, reservationId, { status: 'open', reservationId, millicredits, allocations, expiresAt, ...optionalTask(taskId), ...(key ? { key } : {}) }),
      };
      return key === undefined ? held : withKeyDraw(held, key, millicredits);
    }
    case 'ReservationRejected': {
      const { reservationId, requestedMillicredits, taskId, keyBudget } = event.data;
      const rejected = { status: 'rejected' as const, reservationId, millicredits: requestedMillicredits, ...optionalTask(taskId), ...(keyBudget ? { keyBudget } : {}) };
      return { ...state, ended: withEnded(state.ended, rejected) };
    }
    case 'CreditsCharged': {
      const { reservationId, millicredits, allocations } = event.data;
      const open = state.holds.get(reservationId);
      // What a charge leaves of the hold is released in the same decision: the key's draw drops by it now.
      const keyed = withKeyReturn(state, open, open === undefined ? 0 : open.millicredits - millicredits);
      return {
        ...keyed,
        balanceMillicredits: state.balanceMillicredits - millicredits,
        heldMillicredits: state.heldMillicredits - millicredits,
        lots: changeLots(state.lots, allocations, (lot, spent) => ({
          ...lot,
          remainingMillicredits: lot.remainingMillicredits - spent,
          heldMillicredits: lot.heldMillicredits - spent,
        })),
        holds: withoutEntry(state.holds, reservationId),
        ended:
          open === undefined
            ? state.ended
            : withEnded(state.ended, {
                status: 'charged',
                reservationId,
                millicredits: open.millicredits,
                expiresAt: open.expiresAt,
                ...optionalTask(open.taskId),
                chargedMillicredits: millicredits,
                chargedAllocations: allocations,
                refundedMillicredits: 0,
              }),
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
      const charged = findEnded(state.ended, reservationId);
      return {
        ...state,
        balanceMillicredits: state.balanceMillicredits + millicredits,
        lots: changeLots(withLotsBack(state, allocations), allocations, (lot, back) => ({
          ...lot,
          remainingMillicredits: lot.remainingMillicredits + back,
        })),
        ended:
          charged?.status === 'charged'
            ? withEnded(state.ended, { ...charged, refundedMillicredits: charged.refundedMillicredits + millicredits })
            : state.ended,
        refunds: withEntry(state.refunds, refundId, { refundId, reservationId, millicredits }),
      };
    }
    case 'CreditsRevoked': {
      const lotId = paidLotId(event.data);
      const left = withCreditsLeaving(state, lotId, event.data.millicredits);
      const record = left.lotRecords.get(lotId);
      if (record === undefined || record.revoked) return left;
      return {
        ...left,
        lots: left.lots.map((lot) => (lot.lotId === lotId ? { ...lot, revoked: true } : lot)),
        lotRecords: withEntry(left.lotRecords, lotId, { ...record, revoked: true, ...paidBy(event.data) }),
      };
    }
    case 'CreditsFrozen':
      return withDispute(withFrozen(state, paidLotId(event.data), event.data.millicredits), event.data, 'frozen');
    case 'CreditsUnfrozen':
      return withDispute(withFrozen(state, paidLotId(event.data), -event.data.millicredits), event.data, 'released');
    default:
      return assertNever(event, 'wallet event');
  }
}

function withDispute(state: WalletState, paid: PaidCredits, dispute: 'frozen' | 'released'): WalletState {
  const lotId = paidLotId(paid);
  const record = state.lotRecords.get(lotId);
  if (record === undefined || record.dispute === dispute) return state;
  return { ...state, lotRecords: withEntry(state.lotRecords, lotId, { ...record, dispute, ...paidBy(paid) }) };
}

/** A grant disputed or revoked remembers the purchase that paid for it, which its later events name. */
const paidBy = (paid: PaidCredits): { paidBy?: string } => (paid.grantId === undefined ? {} : { paidBy: paid.purchaseId });

/** A freeze holds credits of one lot (negative: releases them). */
function withFrozen(state: WalletState, lotId: string, millicredits: number): WalletState {
  return {
    ...state,
    heldMillicredits: state.heldMillicredits + millicredits,
    lots: changeLots(state.lots, [{ lotId, millicredits }], (lot, change) => {
      const frozen = (lot.frozenMillicredits ?? 0) + change;
      const { frozenMillicredits: _was, ...rest } = lot;
      return { ...rest, heldMillicredits: lot.heldMillicredits + change, ...(frozen === 0 ? {} : { frozenMillicredits: frozen }) };
    }),
  };
}

function withNewLot(state: WalletState, lotId: string, origin: LotOrigin & { at?: number }): WalletState {
  if (state.lotRecords.has(lotId)) return state;
  const { at: _at, ...kept } = origin;
  const record: LotRecord = { lotId, origin: kept, sequence: state.lotRecords.size, revoked: false };
  return {
    ...state,
    balanceMillicredits: state.balanceMillicredits + origin.millicredits,
    lots: withLot(state.lots, { ...lotOf(record), remainingMillicredits: origin.millicredits }),
    lotRecords: withEntry(state.lotRecords, lotId, record),
  };
}

/** Lots that had run empty come back (with nothing yet) so a refund can return to them. */
function withLotsBack(state: WalletState, allocations: readonly LotAllocation[]) {
  let lots = state.lots;
  for (const { lotId } of allocations) {
    if (lots.some((lot) => lot.lotId === lotId)) continue;
    const record = state.lotRecords.get(lotId);
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
  const open = state.holds.get(reservationId);
  const returned = {
    ...withKeyReturn(state, open, millicredits),
    heldMillicredits: state.heldMillicredits - millicredits,
    lots: changeLots(state.lots, allocations, (lot, back) => ({ ...lot, heldMillicredits: lot.heldMillicredits - back })),
  };
  // After a partial charge the reservation is already settled as charged; only the hold returns.
  if (open === undefined) return returned;
  const { reservationId: id, millicredits: held, expiresAt, taskId } = open;
  return {
    ...returned,
    holds: withoutEntry(state.holds, reservationId),
    ended: withEnded(state.ended, { status: outcome, reservationId: id, millicredits: held, expiresAt, ...optionalTask(taskId) }),
  };
}

function optionalTask(taskId: string | undefined): { taskId?: string } {
  return taskId === undefined ? {} : { taskId };
}
