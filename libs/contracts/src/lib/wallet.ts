import type { Command, EpochMillis, Event } from './envelope';

/*
 * Wallet messages. A wallet is one (account, pool), named `wallet-<accountId>-<pool>`:
 * commands are sent to that name, and its books are kept in one stream per accounting
 * period (wallet-streams). Amounts are integer millicredits; money is integer cents with
 * its currency.
 */
export * from './wallet-streams';

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

/**
 * The credits a payment bought, as a refund or a dispute of it names them: the purchase's
 * lot, or, with `grantId`, the grant of the plan period that payment paid for.
 */
export interface PaidCredits {
  /** The purchase (the order) whose payment is refunded or disputed. */
  readonly purchaseId: string;
  /** A plan's period: the grant that payment paid for, whose lot is meant instead of the purchase's. */
  readonly grantId?: string;
}
export const paidLotId = ({ purchaseId, grantId }: PaidCredits): string => (grantId === undefined ? purchaseLotId(purchaseId) : grantLotId(grantId));

/** The part of a lot that an amount draws on (a hold, a charge, a release, a refund). */
export interface LotAllocation {
  readonly lotId: string;
  readonly millicredits: number;
}

/**
 * An API key's budget as a reservation states it: at most `limitMillicredits` held and
 * charged through the key per UTC month, or over the key's life. The wallet keeps what each
 * key drew in its books and refuses a hold past the limit in the same decision.
 */
export interface KeyBudget {
  readonly limitMillicredits: number;
  readonly per: 'month' | 'lifetime';
}

/** What one API key drew from a wallet (held or charged, not released): in one UTC month (`202603`) and over its life. */
export interface KeySpend {
  readonly keyId: string;
  readonly month: string;
  readonly monthMillicredits: number;
  readonly lifetimeMillicredits: number;
}

/** A refusal by a key's budget rather than the pool: what the key had left. */
export interface KeyBudgetShortfall {
  readonly keyId: string;
  readonly remainingMillicredits: number;
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
  /** The API key the hold is made with: its draw is tracked, and refused past `keyBudget`. */
  keyId?: string;
  keyBudget?: KeyBudget;
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
export type RevokePurchasedCredits = Command<'RevokePurchasedCredits', PaidCredits & { reason: string }>;

/** A dispute over a purchase's payment: its unspent, unheld credits are held until it closes. */
export type FreezePurchasedCredits = Command<'FreezePurchasedCredits', PaidCredits & { reason: string }>;
/** The dispute was won: the frozen credits are spendable again. (Lost: `RevokePurchasedCredits` takes them.) */
export type UnfreezePurchasedCredits = Command<'UnfreezePurchasedCredits', PaidCredits & { reason: string }>;

export type WalletCommand =
  | PurchaseCredits
  | FreezePurchasedCredits
  | UnfreezePurchasedCredits
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
  keyId?: string;
  at: EpochMillis;
}>;
/** A refusal others react to (the task is rejected), so it is an event. */
export type ReservationRejected = Event<'ReservationRejected', {
  reservationId: string;
  requestedMillicredits: number;
  availableMillicredits: number;
  taskId?: string;
  /** Present when the key's budget refused it (the pool may have had enough). */
  keyBudget?: KeyBudgetShortfall;
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
  /** A plan period's credits: the grant paid by `purchaseId` (absent: the purchase's own lot). */
  grantId?: string;
  millicredits: number;
  reason: string;
  at: EpochMillis;
}>;

/** Credits of a disputed purchase held (they stay in the balance, and leave `available`) until the dispute closes. */
export type CreditsFrozen = Event<'CreditsFrozen', {
  purchaseId: string;
  /** A plan period's credits: the grant paid by `purchaseId` (absent: the purchase's own lot). */
  grantId?: string;
  millicredits: number;
  reason: string;
  at: EpochMillis;
}>;
export type CreditsUnfrozen = Event<'CreditsUnfrozen', {
  purchaseId: string;
  /** A plan period's credits: the grant paid by `purchaseId` (absent: the purchase's own lot). */
  grantId?: string;
  millicredits: number;
  reason: string;
  at: EpochMillis;
}>;

export type WalletEvent =
  | CreditsFrozen
  | CreditsUnfrozen
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

// ---- the books of a period ----
/** How a lot came in: what a repeated purchase or grant is compared with. */
export type LotOrigin =
  | {
      readonly kind: 'purchase';
      readonly purchaseId: string;
      readonly millicredits: number;
      readonly amountCents: number;
      readonly currency: string;
      readonly priceBookId: string;
      readonly priceBookVersion: string;
    }
  | {
      readonly kind: 'grant';
      readonly grantId: string;
      readonly millicredits: number;
      readonly source: GrantSource;
      readonly expiresAt: EpochMillis | null;
    };

/** A lot as a period opens with it; a spent one is still listed (0 left) so its id stays known. */
export interface CarriedLot {
  readonly origin: LotOrigin;
  readonly revoked: boolean;
  readonly remainingMillicredits: number;
  readonly heldMillicredits: number;
  /** The part of `heldMillicredits` frozen by a dispute (absent: none). */
  readonly frozenMillicredits?: number;
  /** Its purchase is (`frozen`) or was (`released`) under dispute (absent: never). */
  readonly dispute?: 'frozen' | 'released';
  /** A grant disputed or revoked: the purchase whose payment paid for it (absent: a purchase lot, or never). */
  readonly paidBy?: string;
}

/** A hold still open when the period opened. */
export interface CarriedHold {
  readonly reservationId: string;
  readonly millicredits: number;
  readonly allocations: readonly LotAllocation[];
  readonly expiresAt: EpochMillis;
  readonly taskId?: string;
  readonly key?: HoldKey;
}

/** The key a hold was made with and the UTC month its draw counts in. */
export interface HoldKey {
  readonly keyId: string;
  readonly month: string;
}

/** A hold that had ended but whose TTL ran past the period's start: commands about it are still answered as before. */
export type EndedHold =
  | {
      readonly reservationId: string;
      readonly millicredits: number;
      readonly expiresAt: EpochMillis;
      readonly taskId?: string;
      readonly status: 'released' | 'expired';
    }
  | {
      readonly reservationId: string;
      readonly millicredits: number;
      readonly expiresAt: EpochMillis;
      readonly taskId?: string;
      readonly status: 'charged';
      readonly chargedMillicredits: number;
      /** The part of the hold consumed, in allocation order (refunds go back to these lots). */
      readonly chargedAllocations: readonly LotAllocation[];
      readonly refundedMillicredits: number;
    };

/** A refund of a carried charge, so a repeat of it is still known. */
export interface CarriedRefund {
  readonly refundId: string;
  readonly reservationId: string;
  readonly millicredits: number;
}

/**
 * The first event of a period's stream: the wallet as the previous period closed, with
 * what stays open. Lots are in creation order (the order that breaks expiry ties), holds
 * in the order they were opened. `at` is the period's first instant.
 */
export type BalanceCarriedForward = Event<'BalanceCarriedForward', {
  period: string;
  /** The stream whose closing this is; null for the wallet's first period. */
  previousStreamName: string | null;
  balanceMillicredits: number;
  heldMillicredits: number;
  lots: readonly CarriedLot[];
  holds: readonly CarriedHold[];
  endedHolds: readonly EndedHold[];
  refunds: readonly CarriedRefund[];
  /** What each API key drew (absent: no key ever reserved here). */
  keySpend?: readonly KeySpend[];
  at: EpochMillis;
}>;

/**
 * What a wallet stream holds: the movements and answers others react to, and the opening
 * of its books. Consumers of the wallet topic ignore the opening (it moves nothing).
 */
export type WalletStreamEvent = BalanceCarriedForward | WalletEvent;

/** A period the wallet service opened (or is opening) for a wallet: the periods stream's events. */
export type WalletPeriodOpened = Event<'WalletPeriodOpened', {
  period: string;
  streamName: string;
  at: EpochMillis;
}>;

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
  CreditsFrozen: 1,
  CreditsUnfrozen: 1,
};

export const WALLET_STREAM_EVENT_SCHEMA_VERSIONS: Readonly<Record<WalletStreamEvent['type'], number>> = {
  ...WALLET_EVENT_SCHEMA_VERSIONS,
  BalanceCarriedForward: 1,
};
export const WALLET_PERIOD_OPENED_SCHEMA_VERSION = 1;
