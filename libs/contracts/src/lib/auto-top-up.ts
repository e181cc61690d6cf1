import type { Command, EpochMillis, Event } from './envelope';

/**
 * Auto top-up: one stream per account and pool (`auto-top-up-<accountId>-<pool>`), kept by
 * the purchase service. Money is integer cents with its currency, credits millicredits.
 */
export const AUTO_TOP_UP_CATEGORY = 'auto-top-up';
export const autoTopUpStreamName = (accountId: string, pool: string): string => `${AUTO_TOP_UP_CATEGORY}-${accountId}-${pool}`;
/** A top-up's order id starts with this, so an order's events say they belong to a top-up. */
export const AUTO_TOP_UP_ORDER_PREFIX = 'auto-top-up_';

/** What a pool's auto top-up buys, when, and within what. */
export interface AutoTopUpSetting {
  readonly accountId: string;
  readonly pool: string;
  /** A top-up starts when the pool's available credits fall below this. */
  readonly thresholdMillicredits: number;
  /** The pack bought, as the price book in force sold it when the setting was saved; it gives at least the threshold. */
  readonly packId: string;
  readonly packMillicredits: number;
  readonly amountCents: number;
  readonly currency: string;
  readonly priceBookId: string;
  readonly priceBookVersion: string;
  /** Top-ups started in a calendar month (UTC) never cost more than this in all. */
  readonly monthlyCapCents: number;
  /** Failed charges in a row after which auto top-up is disabled. */
  readonly maxFailures: number;
}

// ---- commands ----
export type ConfigureAutoTopUp = Command<'ConfigureAutoTopUp', AutoTopUpSetting>;
export type RemoveAutoTopUp = Command<'RemoveAutoTopUp', { accountId: string; pool: string }>;
/** The pool's available credits as the wallet answered after a batch of its events. */
export type CheckAutoTopUp = Command<'CheckAutoTopUp', { accountId: string; pool: string; availableMillicredits: number }>;
/** The top-up's order ended: its credits are in the wallet, or its charge was declined. */
export type SettleAutoTopUp = Command<'SettleAutoTopUp', { accountId: string; pool: string; orderId: string } & ({ outcome: 'succeeded' } | { outcome: 'failed'; reason: string })>;
export type AutoTopUpCommand = ConfigureAutoTopUp | RemoveAutoTopUp | CheckAutoTopUp | SettleAutoTopUp;

// ---- events ----
export type AutoTopUpConfigured = Event<'AutoTopUpConfigured', AutoTopUpSetting & { at: EpochMillis }>;
export type AutoTopUpRemoved = Event<'AutoTopUpRemoved', { accountId: string; pool: string; at: EpochMillis }>;
export type AutoTopUpStarted = Event<'AutoTopUpStarted', {
  accountId: string;
  pool: string;
  orderId: string;
  packId: string;
  millicredits: number;
  amountCents: number;
  currency: string;
  priceBookId: string;
  priceBookVersion: string;
  availableMillicredits: number;
  thresholdMillicredits: number;
  at: EpochMillis;
}>;
export type AutoTopUpSucceeded = Event<'AutoTopUpSucceeded', { accountId: string; pool: string; orderId: string; millicredits: number; amountCents: number; currency: string; at: EpochMillis }>;
/** `failures`: declined charges in a row; `disabled`: this one reached the setting's limit. */
export type AutoTopUpFailed = Event<'AutoTopUpFailed', { accountId: string; pool: string; orderId: string; reason: string; failures: number; disabled: boolean; at: EpochMillis }>;
export type AutoTopUpEvent = AutoTopUpConfigured | AutoTopUpRemoved | AutoTopUpStarted | AutoTopUpSucceeded | AutoTopUpFailed;

export const AUTO_TOP_UP_EVENT_SCHEMA_VERSIONS: Readonly<Record<AutoTopUpEvent['type'], number>> = {
  AutoTopUpConfigured: 1,
  AutoTopUpRemoved: 1,
  AutoTopUpStarted: 1,
  AutoTopUpSucceeded: 1,
  AutoTopUpFailed: 1,
};
