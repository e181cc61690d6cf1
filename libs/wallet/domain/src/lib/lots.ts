import type { EpochMillis, LotAllocation } from '@billing/contracts';
import type { Lot, LotRecord } from './wallet-state';

/** A lot at or past its expiry gives nothing to new holds, even before ExpireGrant runs. */
export function isExpired(lot: Pick<Lot, 'expiresAt'>, now: EpochMillis): boolean {
  return lot.expiresAt !== null && now >= lot.expiresAt;
}

function canFundHolds(lot: Lot, now: EpochMillis): boolean {
  return !lot.revoked && !isExpired(lot, now);
}

/** Credits a new reservation can draw on at `now`. */
export function spendableMillicredits(lots: readonly Lot[], now: EpochMillis): number {
  let total = 0;
  for (const lot of lots) if (canFundHolds(lot, now)) total += lot.remainingMillicredits - lot.heldMillicredits;
  return total;
}

/** Earliest expiry first (a lot that never expires comes last), then first in, first out. */
export function allocatesBefore(a: Lot, b: Lot): boolean {
  if (a.expiresAt !== b.expiresAt) {
    if (a.expiresAt === null) return false;
    if (b.expiresAt === null) return true;
    return a.expiresAt < b.expiresAt;
  }
  return a.sequence < b.sequence;
}

/** Takes `millicredits` from the lots in allocation order; undefined if they do not suffice. */
export function allocate(lots: readonly Lot[], millicredits: number, now: EpochMillis): LotAllocation[] | undefined {
  const allocations: LotAllocation[] = [];
  let missing = millicredits;
  for (const lot of lots) {
    if (missing === 0) break;
    if (!canFundHolds(lot, now)) continue;
    const free = lot.remainingMillicredits - lot.heldMillicredits;
    if (free <= 0) continue;
    const taken = Math.min(free, missing);
    allocations.push({ lotId: lot.lotId, millicredits: taken });
    missing -= taken;
  }
  return missing === 0 ? allocations : undefined;
}

/** Splits allocations at `millicredits`, keeping their order: [the first part, the rest]. */
export function splitAllocations(
  allocations: readonly LotAllocation[],
  millicredits: number,
): [LotAllocation[], LotAllocation[]] {
  const first: LotAllocation[] = [];
  const rest: LotAllocation[] = [];
  let left = millicredits;
  for (const allocation of allocations) {
    const taken = Math.min(left, allocation.millicredits);
    if (taken > 0) first.push({ lotId: allocation.lotId, millicredits: taken });
    if (allocation.millicredits > taken) rest.push({ lotId: allocation.lotId, millicredits: allocation.millicredits - taken });
    left -= taken;
  }
  return [first, rest];
}

export function sumOf(allocations: readonly LotAllocation[]): number {
  let total = 0;
  for (const allocation of allocations) total += allocation.millicredits;
  return total;
}

/** A lot as its record describes it, with nothing in it yet. */
export function lotOf(record: LotRecord): Lot {
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

/** Inserts a lot at its place in allocation order. */
export function withLot(lots: readonly Lot[], lot: Lot): Lot[] {
  let index = 0;
  while (index < lots.length && allocatesBefore(lots[index] as Lot, lot)) index++;
  return [...lots.slice(0, index), lot, ...lots.slice(index)];
}

/**
 * Applies a change to each allocated lot, in one copy of the array; lots left with
 * nothing leave the array (their records stay in `lotRecords`).
 */
export function changeLots(
  lots: readonly Lot[],
  allocations: readonly LotAllocation[],
  change: (lot: Lot, millicredits: number) => Lot,
): Lot[] {
  const next = lots.slice();
  let emptied = false;
  for (const allocation of allocations) {
    const index = next.findIndex((lot) => lot.lotId === allocation.lotId);
    if (index < 0) continue;
    const changed = change(next[index] as Lot, allocation.millicredits);
    next[index] = changed;
    if (changed.remainingMillicredits === 0) emptied = true;
  }
  return emptied ? next.filter((lot) => lot.remainingMillicredits > 0) : next;
}
