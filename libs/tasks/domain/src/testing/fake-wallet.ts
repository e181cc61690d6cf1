import type { ReservationAnswer, ReserveCredits, WalletCommand, WalletEvent } from '@billing/contracts';

interface Hold {
  readonly millicredits: number;
  readonly expiresAt: number;
  open: boolean;
}

/**
 * Just enough of a wallet for the task saga's tests: holds that are charged, released or
 * expired once. The real wallet lives in its own context; tasks only speak its contract.
 */
export class FakeWallet {
  readonly holds = new Map<string, Hold>();
  /** Reservations refused, remembered as the real wallet does: asked again, they stay refused. */
  readonly refused = new Map<string, number>();
  chargedMillicredits = 0;

  constructor(public availableMillicredits: number) {}

  decide(command: WalletCommand): readonly WalletEvent[] {
    const at = command.metadata.now;
    switch (command.type) {
      case 'ReserveCredits': {
        const { reservationId, millicredits, ttlMillis, taskId } = command.data;
        if (this.holds.has(reservationId) || this.refused.has(reservationId)) return [];
        if (millicredits > this.availableMillicredits) {
          this.refused.set(reservationId, millicredits);
          return [{ type: 'ReservationRejected', data: { reservationId, requestedMillicredits: millicredits, availableMillicredits: this.availableMillicredits, taskId, at } }];
        }
        this.availableMillicredits -= millicredits;
        this.holds.set(reservationId, { millicredits, expiresAt: at + ttlMillis, open: true });
        return [{ type: 'CreditsReserved', data: { reservationId, millicredits, allocations: [], expiresAt: at + ttlMillis, taskId, at } }];
      }
      case 'ChargeReservation': {
        const { reservationId, millicredits } = command.data;
        const hold = this.openHold(reservationId);
        if (!hold) return [];
        if (millicredits <= 0) throw new Error('the wallet posts only positive charges');
        if (millicredits > hold.millicredits) throw new Error(`charge ${millicredits} exceeds hold ${hold.millicredits}`);
        hold.open = false;
        this.chargedMillicredits += millicredits;
        const rest = hold.millicredits - millicredits;
        this.availableMillicredits += rest;
        const charged: WalletEvent = { type: 'CreditsCharged', data: { reservationId, millicredits, allocations: [], at } };
        if (rest === 0) return [charged];
        return [charged, { type: 'CreditsReleased', data: { reservationId, millicredits: rest, allocations: [], reason: 'partial_charge', at } }];
      }
      case 'ReleaseReservation':
      case 'ExpireReservation': {
        const { reservationId } = command.data;
        const hold = this.openHold(reservationId);
        if (!hold) return [];
        hold.open = false;
        this.availableMillicredits += hold.millicredits;
        const { millicredits } = hold;
        if (command.type === 'ExpireReservation') return [{ type: 'ReservationExpired', data: { reservationId, millicredits, allocations: [], at } }];
        return [{ type: 'CreditsReleased', data: { reservationId, millicredits, allocations: [], reason: command.data.reason, at } }];
      }
      default:
        throw new Error(`the fake wallet does not handle ${command.type}`);
    }
  }

  /** The `reserveCredits` request/reply method: decides the command, and answers what the wallet holds under its id. */
  reserve(command: ReserveCredits): { readonly events: readonly WalletEvent[]; readonly answer: ReservationAnswer } {
    const events = this.decide(command);
    const { reservationId } = command.data;
    const hold = this.holds.get(reservationId);
    const answer: ReservationAnswer = hold
      ? { outcome: 'reserved', reservationId, millicredits: hold.millicredits, expiresAt: hold.expiresAt }
      : { outcome: 'rejected', reservationId, requestedMillicredits: this.refused.get(reservationId) ?? command.data.millicredits, availableMillicredits: this.availableMillicredits };
    return { events, answer };
  }

  openHoldCount(): number {
    return [...this.holds.values()].filter((hold) => hold.open).length;
  }

  private openHold(reservationId: string): Hold | undefined {
    const hold = this.holds.get(reservationId);
    return hold?.open ? hold : undefined;
  }
}
