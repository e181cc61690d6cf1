import { grantLotId, purchaseLotId, type BalanceCarriedForward, type CarriedLot, type EpochMillis } from '@billing/contracts';
import { allocatesBefore, lotOf } from './lots';
import type { EndedReservation, Lot, LotRecord, OpenReservation, RefundRecord, WalletState } from './wallet-state';

export interface PeriodOpening {
  readonly period: string;
  /** The first instant of the period. */
  readonly at: EpochMillis;
  /** The stream `closing` was read from; null when the wallet has none. */
  readonly previousStreamName: string | null;
}

/**
 * The opening of a period's books from the state the previous period closed with: the
 * balance, every lot (what is left of it; spent ones too, so a purchase or grant repeated
 * later is still known and a spent purchase can still be revoked), every open hold, and
 * the holds that ended but whose TTL runs past the opening (so a command about a hold
 * that could still have been running is answered exactly as before). Refused and older
 * ended reservations stay in the closed books.
 */
export function carryForward(closing: WalletState, opening: PeriodOpening): BalanceCarriedForward {
  const lots = [...closing.lotRecords.values()].sort((a, b) => a.sequence - b.sequence).map((record) => carriedLot(closing, record));
  const endedHolds: EndedReservation[] = [];
  for (const reservation of closing.ended) {
    if (reservation.status !== 'rejected' && reservation.expiresAt > opening.at) endedHolds.push(reservation);
  }
  const carried = new Set(endedHolds.map((hold) => hold.reservationId));
  return {
    type: 'BalanceCarriedForward',
    data: {
      period: opening.period,
      previousStreamName: opening.previousStreamName,
      balanceMillicredits: closing.balanceMillicredits,
      heldMillicredits: closing.heldMillicredits,
      lots,
      holds: [...closing.holds.values()].map(({ status: _status, ...hold }) => hold),
      endedHolds,
      refunds: [...closing.refunds.values()].filter((refund) => carried.has(refund.reservationId)),
      ...(closing.keySpend.size === 0 ? {} : { keySpend: [...closing.keySpend.values()] }),
      at: opening.at,
    },
  };
}

/** The state a period's books open with. */
export function openedBooks(opening: BalanceCarriedForward['data']): WalletState {
  const records: LotRecord[] = opening.lots.map((lot, sequence) => ({
    lotId: lotIdOf(lot),
    origin: lot.origin,
    sequence,
    revoked: lot.revoked,
    ...(lot.dispute === undefined ? {} : { dispute: lot.dispute }),
    ...(lot.paidBy === undefined ? {} : { paidBy: lot.paidBy }),
  }));
  const lots: Lot[] = [];
  opening.lots.forEach((carried, index) => {
    const record = records[index] as LotRecord;
    if (carried.remainingMillicredits > 0) {
      const frozen = carried.frozenMillicredits === undefined ? {} : { frozenMillicredits: carried.frozenMillicredits };
      lots.push({ ...lotOf(record), remainingMillicredits: carried.remainingMillicredits, heldMillicredits: carried.heldMillicredits, ...frozen });
    }
  });
  lots.sort((a, b) => (allocatesBefore(a, b) ? -1 : allocatesBefore(b, a) ? 1 : 0));
  return {
    period: opening.period,
    balanceMillicredits: opening.balanceMillicredits,
    heldMillicredits: opening.heldMillicredits,
    lots,
    lotRecords: new Map(records.map((record) => [record.lotId, record])),
    holds: new Map(opening.holds.map((hold): [string, OpenReservation] => [hold.reservationId, { status: 'open', ...hold }])),
    ended: [...opening.endedHolds].sort((a, b) => (a.reservationId < b.reservationId ? -1 : a.reservationId > b.reservationId ? 1 : 0)),
    refunds: new Map(opening.refunds.map((refund): [string, RefundRecord] => [refund.refundId, refund])),
    keySpend: new Map((opening.keySpend ?? []).map((spend) => [spend.keyId, spend])),
  };
}

function carriedLot(closing: WalletState, record: LotRecord): CarriedLot {
  const lot = closing.lots.find((candidate) => candidate.lotId === record.lotId);
  return {
    origin: record.origin,
    revoked: record.revoked,
    remainingMillicredits: lot?.remainingMillicredits ?? 0,
    heldMillicredits: lot?.heldMillicredits ?? 0,
    ...(lot?.frozenMillicredits === undefined ? {} : { frozenMillicredits: lot.frozenMillicredits }),
    ...(record.dispute === undefined ? {} : { dispute: record.dispute }),
    ...(record.paidBy === undefined ? {} : { paidBy: record.paidBy }),
  };
}

export const lotIdOf = (lot: CarriedLot): string =>
  lot.origin.kind === 'purchase' ? purchaseLotId(lot.origin.purchaseId) : grantLotId(lot.origin.grantId);
