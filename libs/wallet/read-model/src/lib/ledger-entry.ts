import type { GrantSource, WalletEvent } from '@billing/contracts';
import { assertNever } from '@billing/util';

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
    case 'CreditsFrozen':
    case 'CreditsUnfrozen':
      return { purchaseId: event.data.purchaseId, ...(event.data.grantId === undefined ? {} : { grantId: event.data.grantId }), reason: event.data.reason };
    default:
      return assertNever(event, 'ledger event');
  }
}

const withTask = (references: LedgerReferences, taskId: string | undefined): LedgerReferences =>
  taskId === undefined ? references : { ...references, taskId };
