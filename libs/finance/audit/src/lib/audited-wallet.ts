import { grantLotId, paidLotId, purchaseLotId, type LotAllocation, type WalletEvent } from '@billing/contracts';

/** A lot as finance needs it: where it came from, what it cost, what is left. */
export interface AuditedLot {
  readonly lotId: string;
  readonly kind: 'purchase' | 'grant';
  /** Money paid for the whole lot (purchases); a grant has no price in the wallet's events. */
  readonly price: LotPrice | null;
  readonly expiresAt: number | null;
  remainingMillicredits: number;
  heldMillicredits: number;
  revoked: boolean;
}

/** A purchase's price per credit as an exact fraction: amountCents / millicredits. */
export interface LotPrice {
  readonly amountCents: number;
  readonly millicredits: number;
  readonly currency: string;
}

interface Hold {
  readonly reservedMillicredits: number;
  readonly expiresAt: number;
  readonly sinceRevision: number;
  outstandingMillicredits: number;
  outcome: 'open' | 'charged';
}

/** Invariant findings of one event; the caller adds stream, revision and position. */
export interface WalletViolation {
  readonly invariant: 1 | 2 | 3 | 4;
  readonly rule: string;
  readonly message: string;
  /** Set when the violation is about another revision (a hold opened earlier). */
  readonly revision?: number;
}

export interface WalletTotals {
  purchased: number;
  granted: number;
  charged: number;
  refunded: number;
  expired: number;
  revoked: number;
}

/** Shared by every event that breaks nothing, so a sound event allocates no list. */
const NOTHING_FOUND: WalletViolation[] = [];

/**
 * One wallet replayed for an audit, checking DESIGN section 5 invariants 1 to 4 at every
 * event, the same rules as `checkWalletInvariants` (cross-checked against it in tests),
 * but streaming and compact: holds are forgotten once they end, so memory follows open
 * holds, lots and charges that may still be refunded, never the number of events.
 * A settlement of a hold that is not open (ended, or never opened) is a finding either way.
 */
export class AuditedWallet {
  balanceMillicredits = 0;
  heldMillicredits = 0;
  /** purchased + granted + refunded - charged - expired - revoked, from event amounts alone. */
  private flowsMillicredits = 0;
  private openHoldsMillicredits = 0;
  /** Held by disputes' freezes rather than by reservations. */
  private frozenMillicredits = 0;
  private lotsRemainingMillicredits = 0;
  private lotsHeldMillicredits = 0;
  readonly totals: WalletTotals = { purchased: 0, granted: 0, charged: 0, refunded: 0, expired: 0, revoked: 0 };
  readonly lots = new Map<string, AuditedLot>();
  private readonly holds = new Map<string, Hold>();
  /** Charged reservations with credits that may still be refunded: reservation id -> millicredits. */
  private readonly refundable = new Map<string, number>();
  /** The stream of the last event applied (the latest period's), its revision, position and recorded time. */
  streamName = '';
  revision = -1;
  position = 0;
  lastRecordedAt = 0;
  /** `recordedAt` of the last event that moved the balance or the holds (the balances read model's `updatedAt`). */
  movedAt = 0;

  constructor(
    readonly accountId: string,
    readonly pool: string,
  ) {}

  get availableMillicredits(): number {
    return this.balanceMillicredits - this.heldMillicredits;
  }

  private found: WalletViolation[] = NOTHING_FOUND;
  private readonly find = (invariant: WalletViolation['invariant'], rule: string, message: string): void => {
    if (this.found === NOTHING_FOUND) this.found = [];
    this.found.push({ invariant, rule, message });
  };

  /**
   * A period's opening: it moves nothing, so the wallet goes on from its own events (the
   * opening is compared with them elsewhere); only where the wallet stands changes.
   */
  opened(streamName: string, revision: number, position: number, recordedAt: number): void {
    this.streamName = streamName;
    this.revision = revision;
    this.position = position;
    this.lastRecordedAt = recordedAt;
  }

  /** Applies one event of `streamName`; returns what it breaks (empty when sound). */
  apply(event: WalletEvent, revision: number, position: number, recordedAt: number, streamName = this.streamName): readonly WalletViolation[] {
    this.found = NOTHING_FOUND;
    const find = this.find;
    this.checkAmounts(event, find);
    this.streamName = streamName;
    this.revision = revision;
    this.position = position;
    this.lastRecordedAt = recordedAt;
    if (event.type !== 'ReservationRejected') this.movedAt = recordedAt;
    switch (event.type) {
      case 'CreditsPurchased': {
        const { purchaseId, millicredits, amountCents, currency } = event.data;
        this.totals.purchased += millicredits;
        this.flowsMillicredits += millicredits;
        this.addLot(purchaseLotId(purchaseId), 'purchase', { amountCents, millicredits, currency }, null, millicredits, find);
        break;
      }
      case 'CreditsGranted': {
        const { grantId, millicredits, expiresAt } = event.data;
        this.totals.granted += millicredits;
        this.flowsMillicredits += millicredits;
        this.addLot(grantLotId(grantId), 'grant', null, expiresAt, millicredits, find);
        break;
      }
      case 'CreditsReserved': {
        const { reservationId, millicredits, expiresAt, allocations } = event.data;
        if (this.holds.has(reservationId) || this.refundable.has(reservationId)) {
          find(3, 'hold_opens_once', `${reservationId} reserved twice`);
        } else {
          this.holds.set(reservationId, { reservedMillicredits: millicredits, expiresAt, sinceRevision: revision, outstandingMillicredits: millicredits, outcome: 'open' });
          this.openHoldsMillicredits += millicredits;
        }
        this.heldMillicredits += millicredits;
        this.moveLots(allocations, 0, 1, find);
        break;
      }
      case 'ReservationRejected':
        break;
      case 'CreditsCharged': {
        const { reservationId, millicredits, allocations, at } = event.data;
        this.totals.charged += millicredits;
        this.flowsMillicredits -= millicredits;
        const hold = this.holds.get(reservationId);
        if (hold === undefined || hold.outcome !== 'open') {
          find(3, 'hold_ends_once', `${reservationId} charged while ${hold?.outcome ?? 'not open'}`);
        } else {
          if (millicredits > hold.reservedMillicredits) find(4, 'charge_within_hold', `${reservationId} charged ${millicredits} of a ${hold.reservedMillicredits} hold`);
          if (at >= hold.expiresAt) find(4, 'no_charge_after_ttl', `${reservationId} charged after its hold lapsed`);
          hold.outcome = 'charged';
          hold.outstandingMillicredits -= millicredits;
          this.openHoldsMillicredits -= millicredits;
          if (hold.outstandingMillicredits <= 0) this.holds.delete(reservationId);
          this.refundable.set(reservationId, millicredits);
        }
        this.balanceMillicredits -= millicredits;
        this.heldMillicredits -= millicredits;
        this.moveLots(allocations, -1, -1, find);
        break;
      }
      case 'CreditsReleased':
      case 'ReservationExpired': {
        const { reservationId, millicredits, allocations, at } = event.data;
        const hold = this.holds.get(reservationId);
        const partOfCharge = event.type === 'CreditsReleased' && event.data.reason === 'partial_charge';
        const expected = partOfCharge ? 'charged' : 'open';
        if (hold === undefined || hold.outcome !== expected || hold.outstandingMillicredits !== millicredits) {
          const state = hold === undefined ? 'not open' : `${hold.outcome} with ${hold.outstandingMillicredits} held`;
          find(3, 'hold_ends_once', `${reservationId} returned ${millicredits} while ${state}`);
        } else {
          if (event.type === 'ReservationExpired' && at < hold.expiresAt) find(3, 'hold_expires_after_ttl', `${reservationId} expired before its TTL`);
          this.openHoldsMillicredits -= millicredits;
          this.holds.delete(reservationId);
        }
        this.heldMillicredits -= millicredits;
        this.moveLots(allocations, 0, -1, find);
        break;
      }
      case 'CreditsRefunded': {
        const { reservationId, millicredits, allocations } = event.data;
        this.totals.refunded += millicredits;
        this.flowsMillicredits += millicredits;
        const left = this.refundable.get(reservationId);
        if (left === undefined || millicredits > left) {
          find(4, 'refund_within_charge', `${reservationId} refunded ${millicredits} beyond what it was charged`);
        } else if (left === millicredits) {
          this.refundable.delete(reservationId);
        } else {
          this.refundable.set(reservationId, left - millicredits);
        }
        this.balanceMillicredits += millicredits;
        this.moveLots(allocations, 1, 0, find);
        break;
      }
      case 'CreditsExpired': {
        const { lotId, millicredits } = event.data;
        this.totals.expired += millicredits;
        this.flowsMillicredits -= millicredits;
        this.balanceMillicredits -= millicredits;
        this.moveLots([{ lotId, millicredits }], -1, 0, find);
        break;
      }
      case 'CreditsFrozen':
      case 'CreditsUnfrozen': {
        const { millicredits } = event.data;
        const lotId = paidLotId(event.data);
        const sign = event.type === 'CreditsFrozen' ? 1 : -1;
        this.frozenMillicredits += sign * millicredits;
        this.heldMillicredits += sign * millicredits;
        this.moveLots([{ lotId, millicredits }], 0, sign, find);
        if (this.frozenMillicredits < 0) find(2, 'held_is_open_holds', `${lotId} unfrozen past what was frozen`);
        break;
      }
      case 'CreditsRevoked': {
        const { millicredits } = event.data;
        const lotId = paidLotId(event.data);
        this.totals.revoked += millicredits;
        this.flowsMillicredits -= millicredits;
        this.balanceMillicredits -= millicredits;
        this.moveLots([{ lotId, millicredits }], -1, 0, find);
        const lot = this.lots.get(lotId);
        if (lot !== undefined) lot.revoked = true;
        break;
      }
    }
    this.checkBalances(find);
    return this.found;
  }

  /** Holds still open whose TTL ran out by `instant` (invariant 3), with the revision that opened them. */
  holdsOpenPast(instant: number): { reservationId: string; revision: number; expiresAt: number }[] {
    const lapsed: { reservationId: string; revision: number; expiresAt: number }[] = [];
    for (const [reservationId, hold] of this.holds) {
      if (hold.outcome === 'open' && hold.expiresAt <= instant) lapsed.push({ reservationId, revision: hold.sinceRevision, expiresAt: hold.expiresAt });
    }
    return lapsed;
  }

  /** Open holds (reservation id -> expiry), for the expiry index comparison. */
  openHolds(): { reservationId: string; expiresAt: number }[] {
    const open: { reservationId: string; expiresAt: number }[] = [];
    for (const [reservationId, hold] of this.holds) if (hold.outcome === 'open') open.push({ reservationId, expiresAt: hold.expiresAt });
    return open;
  }

  private addLot(
    lotId: string,
    kind: AuditedLot['kind'],
    price: LotPrice | null,
    expiresAt: number | null,
    millicredits: number,
    find: (invariant: 2, rule: string, message: string) => void,
  ): void {
    if (this.lots.has(lotId)) {
      // evolve ignores a lot it already has, so the balance does not move: conservation breaks.
      find(2, 'lot_added_once', `${lotId} added twice`);
      return;
    }
    this.lots.set(lotId, { lotId, kind, price, expiresAt, remainingMillicredits: millicredits, heldMillicredits: 0, revoked: false });
    this.balanceMillicredits += millicredits;
    this.lotsRemainingMillicredits += millicredits;
  }

  private moveLots(
    allocations: readonly LotAllocation[],
    remainingSign: number,
    heldSign: number,
    find: (invariant: 1 | 2, rule: string, message: string) => void,
  ): void {
    for (const { lotId, millicredits } of allocations) {
      const lot = this.lots.get(lotId);
      if (lot === undefined) {
        find(2, 'allocation_names_a_lot', `${lotId} is not a lot of this wallet`);
        continue;
      }
      lot.remainingMillicredits += remainingSign * millicredits;
      lot.heldMillicredits += heldSign * millicredits;
      this.lotsRemainingMillicredits += remainingSign * millicredits;
      this.lotsHeldMillicredits += heldSign * millicredits;
      if (lot.heldMillicredits < 0 || lot.heldMillicredits > lot.remainingMillicredits) {
        find(1, 'lot_holds_within_lot', `${lotId} holds ${lot.heldMillicredits} of ${lot.remainingMillicredits}`);
      }
    }
  }

  private checkBalances(find: (invariant: 1 | 2, rule: string, message: string) => void): void {
    const available = this.availableMillicredits;
    if (available < 0) find(1, 'available_never_negative', `available is ${available}`);
    if (this.flowsMillicredits !== this.balanceMillicredits || this.lotsRemainingMillicredits !== this.balanceMillicredits) {
      find(2, 'conservation', `flows give ${this.flowsMillicredits}, lots hold ${this.lotsRemainingMillicredits}, balance is ${this.balanceMillicredits}`);
    }
    if (this.openHoldsMillicredits + this.frozenMillicredits !== this.heldMillicredits || this.lotsHeldMillicredits !== this.heldMillicredits) {
      find(2, 'held_is_open_holds', `open holds ${this.openHoldsMillicredits}, frozen ${this.frozenMillicredits}, lots held ${this.lotsHeldMillicredits}, held is ${this.heldMillicredits}`);
    }
  }

  private checkAmounts(event: WalletEvent, find: (invariant: 2, rule: string, message: string) => void): void {
    const millicredits = event.type === 'ReservationRejected' ? event.data.requestedMillicredits : event.data.millicredits;
    const zeroAllowed = event.type === 'CreditsRevoked' || event.type === 'CreditsFrozen' || event.type === 'CreditsUnfrozen';
    if (millicredits < (zeroAllowed ? 0 : 1)) find(2, 'amounts_are_whole', `${event.type} carries ${millicredits} millicredits`);
    if ('allocations' in event.data) {
      let sum = 0;
      for (const allocation of event.data.allocations) sum += allocation.millicredits;
      if (sum !== millicredits) find(2, 'allocations_add_up', `${event.type} allocates ${sum} of ${millicredits}`);
    }
  }
}
