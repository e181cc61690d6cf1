import type { GrantSource, WalletEvent, WalletEventType } from '@billing/contracts';
import { assertNever } from '@billing/util';

/**
 * One line of a wallet's ledger: what happened, by how much, and the wallet right after.
 * `purchaseId` is the order id for credits bought through the purchase service.
 */
export interface LedgerEntry {
  /** The event's global position: entries sort by it, and `after` pages by it. */
  readonly position: number;
  readonly eventId: string;
  readonly accountId: string;
  readonly pool: string;
  readonly at: number;
  readonly type: Exclude<WalletEventType, 'ReservationRejected'>;
  /** The event's amount, always positive; the changes below carry the sign. */
  readonly millicredits: number;
  readonly balanceChangeMillicredits: number;
  readonly heldChangeMillicredits: number;
  readonly balanceMillicredits: number;
  readonly heldMillicredits: number;
  readonly availableMillicredits: number;
  readonly reservationId?: string;
  readonly taskId?: string;
  readonly purchaseId?: string;
  readonly grantId?: string;
  readonly grantSource?: GrantSource;
  readonly refundId?: string;
  readonly lotId?: string;
  readonly reason?: string;
}

/** The references an entry keeps, by event type. */
export interface LedgerReferences {
  readonly reservationId?: string;
  readonly taskId?: string;
  readonly purchaseId?: string;
  readonly grantId?: string;
  readonly grantSource?: GrantSource;
  readonly refundId?: string;
  readonly lotId?: string;
  readonly reason?: string;
}

export function referencesOf(event: Exclude<WalletEvent, { type: 'ReservationRejected' }>): LedgerReferences {
  switch (event.type) {
    case 'CreditsPurchased':
      return { purchaseId: event.data.purchaseId };
    case 'CreditsGranted':
      return { grantId: event.data.grantId, grantSource: event.data.source };
    case 'CreditsReserved':
    case 'CreditsCharged':
    case 'ReservationExpired':
      return withTask({ reservationId: event.data.reservationId }, event.data.taskId);
    case 'CreditsReleased':
      return withTask({ reservationId: event.data.reservationId, reason: event.data.reason }, event.data.taskId);
    case 'CreditsExpired':
      return { lotId: event.data.lotId };
    case 'CreditsRefunded':
      return { refundId: event.data.refundId, reservationId: event.data.reservationId, reason: event.data.reason };
    case 'CreditsRevoked':
      return { purchaseId: event.data.purchaseId, reason: event.data.reason };
    default:
      return assertNever(event, 'ledger event');
  }
}

const withTask = (references: LedgerReferences, taskId: string | undefined): LedgerReferences =>
  taskId === undefined ? references : { ...references, taskId };
