import type { EpochMillis } from '@billing/contracts';

export type SettledOutcome = 'charged' | 'released' | 'expired';

/**
 * Why a wallet command is invalid. A refusal others react to (a reservation that
 * does not fit) is an event, `ReservationRejected`, not one of these.
 */
export type WalletErrorDetails =
  | { readonly code: 'invalid_amount'; readonly field: string; readonly value: unknown }
  | { readonly code: 'invalid_field'; readonly field: string; readonly value: unknown }
  | { readonly code: 'id_reused'; readonly idKind: 'purchase' | 'grant' | 'reservation' | 'refund'; readonly id: string }
  | { readonly code: 'unknown_reservation'; readonly reservationId: string }
  | { readonly code: 'unknown_purchase'; readonly purchaseId: string }
  | { readonly code: 'unknown_grant'; readonly grantId: string }
  | { readonly code: 'reservation_rejected'; readonly reservationId: string }
  | { readonly code: 'reservation_settled'; readonly reservationId: string; readonly outcome: SettledOutcome }
  | {
      readonly code: 'charge_exceeds_hold';
      readonly reservationId: string;
      readonly heldMillicredits: number;
      readonly requestedMillicredits: number;
    }
  | { readonly code: 'hold_lapsed'; readonly reservationId: string; readonly expiresAt: EpochMillis; readonly now: EpochMillis }
  | { readonly code: 'not_expired_yet'; readonly id: string; readonly expiresAt: EpochMillis; readonly now: EpochMillis }
  | { readonly code: 'grant_never_expires'; readonly grantId: string }
  | {
      readonly code: 'reservation_not_charged';
      readonly reservationId: string;
      readonly status: 'open' | 'released' | 'expired' | 'rejected';
    }
  | {
      readonly code: 'refund_exceeds_charge';
      readonly reservationId: string;
      readonly chargedMillicredits: number;
      readonly refundedMillicredits: number;
      readonly requestedMillicredits: number;
    };

export type WalletErrorCode = WalletErrorDetails['code'];

export class WalletError extends Error {
  readonly code: WalletErrorCode;

  constructor(readonly details: WalletErrorDetails) {
    super(describe(details));
    this.name = 'WalletError';
    this.code = details.code;
  }
}

function describe(details: WalletErrorDetails): string {
  const { code, ...rest } = details;
  return `${code}: ${JSON.stringify(rest)}`;
}
