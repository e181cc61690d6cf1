import type { EpochMillis } from './envelope';

/**
 * The wallet's `reserveCredits` request/reply method: the `ReserveCredits` command of
 * wallet `wallet-<accountId>-<pool>`, decided at once and answered with its outcome, so
 * a caller can answer its own client without waiting for the wallet's events. Idempotent
 * by reservation id: asked again, it answers what the first request decided (the events
 * are written once, and published like any other wallet event).
 */
export const RESERVE_CREDITS_METHOD = 'reserveCredits';

export interface ReserveCreditsCall {
  readonly accountId: string;
  readonly pool: string;
  readonly reservationId: string;
  readonly millicredits: number;
  readonly ttlMillis: number;
  readonly taskId?: string;
  /** The command's id and time, as the command topic would carry them. */
  readonly commandId: string;
  readonly now: EpochMillis;
  readonly correlationId?: string;
}

/** `reserved` also answers a hold decided earlier and settled since: the credits were held. */
export type ReservationAnswer =
  | { readonly outcome: 'reserved'; readonly reservationId: string; readonly millicredits: number; readonly expiresAt: EpochMillis }
  | { readonly outcome: 'rejected'; readonly reservationId: string; readonly requestedMillicredits: number; readonly availableMillicredits: number };
