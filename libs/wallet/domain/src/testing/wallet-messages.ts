import {
  grantLotId,
  purchaseLotId,
  type ChargeReservation,
  type EpochMillis,
  type ExpireGrant,
  type ExpireReservation,
  type FreezePurchasedCredits,
  type UnfreezePurchasedCredits,
  type GrantCredits,
  type LotAllocation,
  type PurchaseCredits,
  type RefundCredits,
  type ReleaseReason,
  type ReleaseReservation,
  type ReserveCredits,
  type RevokePurchasedCredits,
  type WalletEvent,
} from '@billing/contracts';

/** Test vocabulary: commands and events in a line each, with the instant as the last word. */
export const T0: EpochMillis = Date.UTC(2025, 0, 1);
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const TTL = 10 * MINUTE;

const meta = (commandId: string, now: EpochMillis) => ({ commandId, now });

export const fromPurchase = (purchaseId: string, millicredits: number): LotAllocation => ({ lotId: purchaseLotId(purchaseId), millicredits });
export const fromGrant = (grantId: string, millicredits: number): LotAllocation => ({ lotId: grantLotId(grantId), millicredits });

// ---- commands ----
export const purchase = (purchaseId: string, millicredits: number, now = T0): PurchaseCredits => ({
  type: 'PurchaseCredits',
  data: { purchaseId, millicredits, amountCents: Math.floor(millicredits / 125), currency: 'USD', priceBookId: 'credits', priceBookVersion: 'v1' },
  metadata: meta(`purchase-${purchaseId}`, now),
});
export const grant = (grantId: string, millicredits: number, expiresAt: EpochMillis | null, now = T0): GrantCredits => ({
  type: 'GrantCredits',
  data: { grantId, millicredits, expiresAt, source: { kind: 'plan', reference: `plan-${grantId}` } },
  metadata: meta(`grant-${grantId}`, now),
});
export const reserve = (
  reservationId: string,
  millicredits: number,
  now = T0,
  options: { ttlMillis?: number; taskId?: string } = {},
): ReserveCredits => ({
  type: 'ReserveCredits',
  data: { reservationId, millicredits, ttlMillis: options.ttlMillis ?? TTL, ...(options.taskId ? { taskId: options.taskId } : {}) },
  metadata: meta(`reserve-${reservationId}`, now),
});
export const charge = (reservationId: string, millicredits: number, now = T0): ChargeReservation => ({
  type: 'ChargeReservation',
  data: { reservationId, millicredits },
  metadata: meta(`charge-${reservationId}`, now),
});
export const release = (reservationId: string, reason: ReleaseReason = 'failed', now = T0): ReleaseReservation => ({
  type: 'ReleaseReservation',
  data: { reservationId, reason },
  metadata: meta(`release-${reservationId}`, now),
});
export const expireReservation = (reservationId: string, now: EpochMillis): ExpireReservation => ({
  type: 'ExpireReservation',
  data: { reservationId },
  metadata: meta(`expire-${reservationId}`, now),
});
export const expireGrant = (grantId: string, now: EpochMillis): ExpireGrant => ({
  type: 'ExpireGrant',
  data: { grantId },
  metadata: meta(`expire-${grantId}`, now),
});
export const refund = (refundId: string, reservationId: string, millicredits: number, now = T0): RefundCredits => ({
  type: 'RefundCredits',
  data: { refundId, reservationId, millicredits, reason: 'provider fault' },
  metadata: meta(`refund-${refundId}`, now),
});
export const revoke = (purchaseId: string, now = T0): RevokePurchasedCredits => ({
  type: 'RevokePurchasedCredits',
  data: { purchaseId, reason: 'payment refunded' },
  metadata: meta(`revoke-${purchaseId}`, now),
});

export const freeze = (purchaseId: string, now = T0): FreezePurchasedCredits => ({
  type: 'FreezePurchasedCredits',
  data: { purchaseId, reason: 'dispute opened' },
  metadata: meta(`freeze-${purchaseId}`, now),
});

export const unfreeze = (purchaseId: string, now = T0): UnfreezePurchasedCredits => ({
  type: 'UnfreezePurchasedCredits',
  data: { purchaseId, reason: 'dispute won' },
  metadata: meta(`unfreeze-${purchaseId}`, now),
});

// ---- events ----
export const purchased = (purchaseId: string, millicredits: number, at = T0): WalletEvent => ({
  type: 'CreditsPurchased',
  data: { purchaseId, millicredits, amountCents: Math.floor(millicredits / 125), currency: 'USD', priceBookId: 'credits', priceBookVersion: 'v1', at },
});
export const granted = (grantId: string, millicredits: number, expiresAt: EpochMillis | null, at = T0): WalletEvent => ({
  type: 'CreditsGranted',
  data: { grantId, millicredits, expiresAt, source: { kind: 'plan', reference: `plan-${grantId}` }, at },
});
export const reserved = (
  reservationId: string,
  millicredits: number,
  allocations: LotAllocation[],
  at = T0,
  options: { ttlMillis?: number; taskId?: string } = {},
): WalletEvent => ({
  type: 'CreditsReserved',
  data: {
    reservationId,
    millicredits,
    allocations,
    expiresAt: at + (options.ttlMillis ?? TTL),
    ...(options.taskId ? { taskId: options.taskId } : {}),
    at,
  },
});
export const rejected = (reservationId: string, requested: number, available: number, at = T0): WalletEvent => ({
  type: 'ReservationRejected',
  data: { reservationId, requestedMillicredits: requested, availableMillicredits: available, at },
});
export const charged = (reservationId: string, millicredits: number, allocations: LotAllocation[], at = T0): WalletEvent => ({
  type: 'CreditsCharged',
  data: { reservationId, millicredits, allocations, at },
});
export const released = (
  reservationId: string,
  millicredits: number,
  allocations: LotAllocation[],
  reason: ReleaseReason = 'failed',
  at = T0,
): WalletEvent => ({
  type: 'CreditsReleased',
  data: { reservationId, millicredits, allocations, reason, at },
});
export const reservationExpired = (reservationId: string, millicredits: number, allocations: LotAllocation[], at: EpochMillis): WalletEvent => ({
  type: 'ReservationExpired',
  data: { reservationId, millicredits, allocations, at },
});
export const expired = (lotId: string, millicredits: number, at: EpochMillis): WalletEvent => ({
  type: 'CreditsExpired',
  data: { lotId, millicredits, at },
});
export const refunded = (
  refundId: string,
  reservationId: string,
  millicredits: number,
  allocations: LotAllocation[],
  at = T0,
): WalletEvent => ({
  type: 'CreditsRefunded',
  data: { refundId, reservationId, millicredits, allocations, reason: 'provider fault', at },
});
export const frozen = (purchaseId: string, millicredits: number, at = T0, reason = 'dispute opened'): WalletEvent => ({
  type: 'CreditsFrozen',
  data: { purchaseId, millicredits, reason, at },
});

export const unfrozen = (purchaseId: string, millicredits: number, at = T0, reason = 'dispute won'): WalletEvent => ({
  type: 'CreditsUnfrozen',
  data: { purchaseId, millicredits, reason, at },
});

export const revoked = (purchaseId: string, millicredits: number, at = T0, reason = 'payment refunded'): WalletEvent => ({
  type: 'CreditsRevoked',
  data: { purchaseId, millicredits, reason, at },
});
