import type { Command, EpochMillis, Event } from './envelope';

/**
 * Wallet messages. One stream per (account, pool): `wallet-<accountId>-<pool>`.
 * Amounts are integer millicredits; money is integer cents with its currency.
 */
export const WALLET_CATEGORY = 'wallet';
export const walletStreamName = (accountId: string, pool: string): string => `${WALLET_CATEGORY}-${accountId}-${pool}`;

/** What a grant came from, so finance can tell plan credits from goodwill. */
export interface GrantSource {
  readonly kind: 'plan' | 'promotion' | 'compensation';
  readonly reference: string;
}

/**
 * A lot is one source of credits in a wallet: a purchase or a grant. Its id names its
 * kind (`purchase:<purchaseId>`, `grant:<grantId>`) so ids from different services never collide.
 */
export type LotKind = 'purchase' | 'grant';
export const purchaseLotId = (purchaseId: string): string => `purchase:${purchaseId}`;
export const grantLotId = (grantId: string): string => `grant:${grantId}`;

/** The part of a lot that an amount draws on (a hold, a charge, a release, a refund). */
export interface LotAllocation {
  readonly lotId: string;
  readonly millicredits: number;
}

export type ReleaseReason = 'failed' | 'cancelled' | 'timed_out' | 'rejected' | 'partial_charge' | 'other';

// ---- commands ----
export type PurchaseCredits = Command<'PurchaseCredits', {
  purchaseId: string;
  millicredits: number;
  amountCents: number;
  currency: string;
  priceBookId: string;
  priceBookVersion: string;
}>;
export type GrantCredits = Command<'GrantCredits', {
  grantId: string;
  millicredits: number;
  source: GrantSource;
  /** null: never expires. */
  expiresAt: EpochMillis | null;
}>;
export type ReserveCredits = Command<'ReserveCredits', {
  reservationId: string;
  millicredits: number;
  /** The hold lapses this long after the command's `now` unless charged or released. */
  ttlMillis: number;
  taskId?: string;
}>;
/** Posts all or part of a hold; what is not charged is released in the same step. */
export type ChargeReservation = Command<'ChargeReservation', {
  reservationId: string;
  millicredits: number;
}>;
export type ReleaseReservation = Command<'ReleaseReservation', {
  reservationId: string;
  reason: ReleaseReason;
}>;
export type ExpireReservation = Command<'ExpireReservation', { reservationId: string }>;
export type ExpireGrant = Command<'ExpireGrant', { grantId: string }>;
/** Gives back credits that a settled reservation was charged (never more than it was charged). */
export type RefundCredits = Command<'RefundCredits', {
  refundId: string;
  reservationId: string;
  millicredits: number;
  reason: string;
}>;
/** A purchase whose money was returned: its unspent credits leave the wallet. */
export type RevokePurchasedCredits = Command<'RevokePurchasedCredits', {
  purchaseId: string;
  reason: string;
}>;

export type WalletCommand =
  | PurchaseCredits
  | GrantCredits
  | ReserveCredits
  | ChargeReservation
  | ReleaseReservation
  | ExpireReservation
  | ExpireGrant
  | RefundCredits
  | RevokePurchasedCredits;

// ---- events ----
export type CreditsPurchased = Event<'CreditsPurchased', {
  purchaseId: string;
  millicredits: number;
  amountCents: number;
  currency: string;
  priceBookId: string;
  priceBookVersion: string;
  at: EpochMillis;
}>;
export type CreditsGranted = Event<'CreditsGranted', {
  grantId: string;
  millicredits: number;
  source: GrantSource;
  expiresAt: EpochMillis | null;
  at: EpochMillis;
}>;
export type CreditsReserved = Event<'CreditsReserved', {
  reservationId: string;
  millicredits: number;
  allocations: readonly LotAllocation[];
  expiresAt: EpochMillis;
  taskId?: string;
  at: EpochMillis;
}>;
/** A refusal others react to (the task is rejected), so it is an event. */
export type ReservationRejected = Event<'ReservationRejected', {
  reservationId: string;
  requestedMillicredits: number;
  availableMillicredits: number;
  taskId?: string;
  at: EpochMillis;
}>;
export type CreditsCharged = Event<'CreditsCharged', {
  reservationId: string;
  millicredits: number;
  allocations: readonly LotAllocation[];
  taskId?: string;
  at: EpochMillis;
}>;
export type CreditsReleased = Event<'CreditsReleased', {
  reservationId: string;
  millicredits: number;
  allocations: readonly LotAllocation[];
  reason: ReleaseReason;
  taskId?: string;
  at: EpochMillis;
}>;
export type ReservationExpired = Event<'ReservationExpired', {
  reservationId: string;
  millicredits: number;
  allocations: readonly LotAllocation[];
  taskId?: string;
  at: EpochMillis;
}>;
/** Unused credits of a lot (a grant past its expiry) leave the balance: breakage. */
export type CreditsExpired = Event<'CreditsExpired', {
  lotId: string;
  millicredits: number;
  at: EpochMillis;
}>;
export type CreditsRefunded = Event<'CreditsRefunded', {
  refundId: string;
  reservationId: string;
  millicredits: number;
  allocations: readonly LotAllocation[];
  reason: string;
  at: EpochMillis;
}>;
export type CreditsRevoked = Event<'CreditsRevoked', {
  purchaseId: string;
  millicredits: number;
  reason: string;
  at: EpochMillis;
}>;

export type WalletEvent =
  | CreditsPurchased
  | CreditsGranted
  | CreditsReserved
  | ReservationRejected
  | CreditsCharged
  | CreditsReleased
  | ReservationExpired
  | CreditsExpired
  | CreditsRefunded
  | CreditsRevoked;

export type WalletEventType = WalletEvent['type'];

/** Schema version of each event type's `data`; bump with an upcaster when a shape changes. */
export const WALLET_EVENT_SCHEMA_VERSIONS: Readonly<Record<WalletEventType, number>> = {
  CreditsPurchased: 1,
  CreditsGranted: 1,
  CreditsReserved: 1,
  ReservationRejected: 1,
  CreditsCharged: 1,
  CreditsReleased: 1,
  ReservationExpired: 1,
  CreditsExpired: 1,
  CreditsRefunded: 1,
  CreditsRevoked: 1,
};
