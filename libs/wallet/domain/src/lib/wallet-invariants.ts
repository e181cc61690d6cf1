import { paidLotId, type BalanceCarriedForward, type EpochMillis, type LotAllocation, type WalletEvent, type WalletStreamEvent } from '@billing/contracts';
import { evolve } from './evolve';
import { sumOf } from './lots';
import { initialState, type WalletState } from './wallet-state';

/** DESIGN section 5, invariants 1 to 4, as one wallet stream can show them. */
export interface InvariantFinding {
  /** The offending event's index in the stream. */
  readonly index: number;
  readonly invariant: 1 | 2 | 3 | 4;
  readonly rule: string;
  readonly message: string;
}

export interface InvariantCheckOptions {
  /** Holds whose TTL ran out by this instant must have ended (invariant 3); omit for a stream still in use. */
  readonly endedBy?: EpochMillis;
}

interface HoldTrack {
  readonly index: number;
  readonly reserved: number;
  readonly expiresAt: EpochMillis;
  charged: number;
  refunded: number;
  outstanding: number;
  outcome: 'open' | 'charged' | 'released' | 'expired';
}

/**
 * Replays a wallet stream and checks, at every event, that available credits never go
 * below zero (1); that purchased + granted + refunded - charged - expired - revoked is
 * the balance and balance - held is available, with held equal to the open holds (2);
 * that each hold ends once, by charge, release or expiry, never charged after its TTL (3);
 * and that no charge exceeds its hold nor a refund its charge (4). A period's stream opens
 * with what the previous one carried forward: the checks start from that opening.
 */
export function checkWalletInvariants(
  events: readonly WalletStreamEvent[],
  options: InvariantCheckOptions = {},
): InvariantFinding[] {
  const findings: InvariantFinding[] = [];
  const holds = new Map<string, HoldTrack>();
  let flowsMillicredits = 0;
  let openHoldsMillicredits = 0;
  let state: WalletState = initialState;

  events.forEach((event, index) => {
    const find = (invariant: InvariantFinding['invariant'], rule: string, message: string): void => {
      findings.push({ index, invariant, rule, message });
    };
    if (event.type === 'BalanceCarriedForward') {
      if (index > 0) find(2, 'opening_comes_first', 'BalanceCarriedForward opens a period, so it is the first event of its stream');
      ({ flowsMillicredits, openHoldsMillicredits } = trackOpening(event, index, holds));
      state = evolve(state, event);
      checkState(state, flowsMillicredits, openHoldsMillicredits, find);
      return;
    }
    checkAmounts(event, find);
    if ((event.type === 'CreditsRevoked' || event.type === 'CreditsFrozen' || event.type === 'CreditsUnfrozen') && !state.lotRecords.has(paidLotId(event.data))) {
      find(2, 'names_a_lot', `${event.type} names ${paidLotId(event.data)}, not a lot of this wallet`);
    }
    switch (event.type) {
      case 'CreditsPurchased':
      case 'CreditsGranted':
      case 'CreditsRefunded':
        flowsMillicredits += event.data.millicredits;
        break;
      case 'CreditsCharged':
      case 'CreditsExpired':
      case 'CreditsRevoked':
        flowsMillicredits -= event.data.millicredits;
        break;
      default:
        break;
    }
    openHoldsMillicredits += trackHold(event, index, holds, find);
    state = evolve(state, event);
    checkState(state, flowsMillicredits, openHoldsMillicredits, find);
  });

  const { endedBy } = options;
  if (endedBy !== undefined) {
    for (const [reservationId, hold] of holds) {
      if (hold.outstanding > 0 && hold.expiresAt <= endedBy) {
        findings.push({ index: hold.index, invariant: 3, rule: 'hold_ends_by_its_ttl', message: `${reservationId} is still held past its TTL` });
      }
    }
  }
  return findings.sort((a, b) => a.index - b.index);
}

type Find = (invariant: InvariantFinding['invariant'], rule: string, message: string) => void;

/** The holds an opening carries, and the flows and open holds the checks go on from. */
function trackOpening(opening: BalanceCarriedForward, index: number, holds: Map<string, HoldTrack>): { flowsMillicredits: number; openHoldsMillicredits: number } {
  holds.clear();
  let openHoldsMillicredits = 0;
  for (const { reservationId, millicredits, expiresAt } of opening.data.holds) {
    holds.set(reservationId, { index, reserved: millicredits, expiresAt, charged: 0, refunded: 0, outstanding: millicredits, outcome: 'open' });
    openHoldsMillicredits += millicredits;
  }
  for (const hold of opening.data.endedHolds) {
    const charged = hold.status === 'charged' ? hold.chargedMillicredits : 0;
    const refunded = hold.status === 'charged' ? hold.refundedMillicredits : 0;
    holds.set(hold.reservationId, { index, reserved: hold.millicredits, expiresAt: hold.expiresAt, charged, refunded, outstanding: 0, outcome: hold.status });
  }
  return { flowsMillicredits: opening.data.balanceMillicredits, openHoldsMillicredits };
}

/** Returns the change in open holds the event makes. */
function trackHold(event: WalletEvent, index: number, holds: Map<string, HoldTrack>, find: Find): number {
  switch (event.type) {
    case 'CreditsReserved': {
      const { reservationId, millicredits, expiresAt } = event.data;
      if (holds.has(reservationId)) {
        find(3, 'hold_opens_once', `${reservationId} reserved twice`);
        return 0;
      }
      holds.set(reservationId, { index, reserved: millicredits, expiresAt, charged: 0, refunded: 0, outstanding: millicredits, outcome: 'open' });
      return millicredits;
    }
    case 'CreditsCharged': {
      const { reservationId, millicredits, at } = event.data;
      const hold = holds.get(reservationId);
      if (hold === undefined || hold.outcome !== 'open') {
        find(3, 'hold_ends_once', `${reservationId} charged while ${hold?.outcome ?? 'never reserved'}`);
        return 0;
      }
      if (millicredits > hold.reserved) find(4, 'charge_within_hold', `${reservationId} charged ${millicredits} of a ${hold.reserved} hold`);
      if (at >= hold.expiresAt) find(4, 'no_charge_after_ttl', `${reservationId} charged after its hold lapsed`);
      hold.outcome = 'charged';
      hold.charged = millicredits;
      hold.outstanding -= millicredits;
      return -millicredits;
    }
    case 'CreditsReleased':
    case 'ReservationExpired': {
      const { reservationId, millicredits, at } = event.data;
      const hold = holds.get(reservationId);
      const partOfCharge = event.type === 'CreditsReleased' && event.data.reason === 'partial_charge';
      const expected = partOfCharge ? 'charged' : 'open';
      if (hold === undefined || hold.outcome !== expected || hold.outstanding !== millicredits) {
        find(3, 'hold_ends_once', `${reservationId} returned ${millicredits} while ${hold?.outcome ?? 'never reserved'} with ${hold?.outstanding ?? 0} held`);
        return 0;
      }
      if (event.type === 'ReservationExpired') {
        if (at < hold.expiresAt) find(3, 'hold_expires_after_ttl', `${reservationId} expired before its TTL`);
        hold.outcome = 'expired';
      } else if (!partOfCharge) {
        hold.outcome = 'released';
      }
      hold.outstanding = 0;
      return -millicredits;
    }
    case 'CreditsRefunded': {
      const { reservationId, millicredits } = event.data;
      const hold = holds.get(reservationId);
      if (hold === undefined || hold.outcome !== 'charged' || hold.refunded + millicredits > hold.charged) {
        find(4, 'refund_within_charge', `${reservationId} refunded ${millicredits} beyond what it was charged`);
        return 0;
      }
      hold.refunded += millicredits;
      return 0;
    }
    default:
      return 0;
  }
}

function checkState(state: WalletState, flows: number, openHolds: number, find: Find): void {
  const available = state.balanceMillicredits - state.heldMillicredits;
  if (available < 0) find(1, 'available_never_negative', `available is ${available}`);
  let lotsRemaining = 0;
  let lotsHeld = 0;
  let frozen = 0;
  for (const lot of state.lots) {
    lotsRemaining += lot.remainingMillicredits;
    lotsHeld += lot.heldMillicredits;
    frozen += lot.frozenMillicredits ?? 0;
    if ((lot.frozenMillicredits ?? 0) < 0) find(2, 'held_is_open_holds', `${lot.lotId} unfrozen past what was frozen`);
    if (lot.heldMillicredits < 0 || lot.heldMillicredits > lot.remainingMillicredits) {
      find(1, 'lot_holds_within_lot', `${lot.lotId} holds ${lot.heldMillicredits} of ${lot.remainingMillicredits}`);
    }
  }
  if (flows !== state.balanceMillicredits || lotsRemaining !== state.balanceMillicredits) {
    find(2, 'conservation', `flows give ${flows}, lots hold ${lotsRemaining}, balance is ${state.balanceMillicredits}`);
  }
  if (openHolds + frozen !== state.heldMillicredits || lotsHeld !== state.heldMillicredits) {
    find(2, 'held_is_open_holds', `open holds ${openHolds}, frozen ${frozen}, lots held ${lotsHeld}, held is ${state.heldMillicredits}`);
  }
}

function checkAmounts(event: WalletEvent, find: Find): void {
  const { millicredits } = amountsOf(event);
  const zeroAllowed = event.type === 'CreditsRevoked' || event.type === 'CreditsFrozen' || event.type === 'CreditsUnfrozen';
  if (!Number.isSafeInteger(millicredits) || millicredits < (zeroAllowed ? 0 : 1)) {
    find(2, 'amounts_are_whole', `${event.type} carries ${millicredits} millicredits`);
  }
  const allocations = allocationsOf(event);
  if (allocations !== undefined && sumOf(allocations) !== millicredits) {
    find(2, 'allocations_add_up', `${event.type} allocates ${sumOf(allocations)} of ${millicredits}`);
  }
}

function amountsOf(event: WalletEvent): { millicredits: number } {
  return event.type === 'ReservationRejected' ? { millicredits: event.data.requestedMillicredits } : event.data;
}

function allocationsOf(event: WalletEvent): readonly LotAllocation[] | undefined {
  switch (event.type) {
    case 'CreditsReserved':
    case 'CreditsCharged':
    case 'CreditsReleased':
    case 'ReservationExpired':
    case 'CreditsRefunded':
      return event.data.allocations;
    default:
      return undefined;
  }
}
