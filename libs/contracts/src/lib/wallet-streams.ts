import type { EpochMillis } from './envelope';

/**
 * Where a wallet's events live. `wallet-<accountId>-<pool>` names the wallet: commands
 * are sent there. Its books are kept per accounting period (a UTC calendar month, or a
 * day), one stream each: `wallet-<accountId>-<pool>.<period>`, the period written without
 * dashes (`202603`, `20260315`) so that account id and pool still split at the last dash
 * (account ids may hold dashes, pools do not) and the Kafka key stays the account id.
 * `walletperiods-<accountId>-<pool>` lists the periods opened, so the latest is found
 * with one read (its category is not `wallet`: no wallet reader or relay sees it).
 */
export const WALLET_CATEGORY = 'wallet';
export const WALLET_PERIODS_CATEGORY = 'walletperiods';

export type WalletPeriodUnit = 'month' | 'day';
export const WALLET_PERIOD_UNITS: readonly WalletPeriodUnit[] = ['month', 'day'];

export const walletStreamName = (accountId: string, pool: string): string => `${WALLET_CATEGORY}-${accountId}-${pool}`;
export const walletPeriodStreamName = (accountId: string, pool: string, period: string): string => `${walletStreamName(accountId, pool)}.${period}`;
export const walletPeriodsStreamName = (accountId: string, pool: string): string => `${WALLET_PERIODS_CATEGORY}-${accountId}-${pool}`;

export interface WalletStreamParts {
  readonly accountId: string;
  readonly pool: string;
  /** Null for the wallet's own name (and streams written before books were kept by period). */
  readonly period: string | null;
}

const PERIOD = /^(\d{4})(\d{2})(\d{2})?$/;

/** `wallet-<accountId>-<pool>[.<period>]`: undefined for any other name. */
export function parseWalletStreamName(streamName: string): WalletStreamParts | undefined {
  const prefix = `${WALLET_CATEGORY}-`;
  if (!streamName.startsWith(prefix)) return undefined;
  let rest = streamName.slice(prefix.length);
  let period: string | null = null;
  const dot = rest.lastIndexOf('.');
  if (dot > rest.lastIndexOf('-') && PERIOD.test(rest.slice(dot + 1))) {
    period = rest.slice(dot + 1);
    rest = rest.slice(0, dot);
  }
  const cut = rest.lastIndexOf('-');
  if (cut <= 0 || cut === rest.length - 1) return undefined;
  return { accountId: rest.slice(0, cut), pool: rest.slice(cut + 1), period };
}

const twoDigits = (n: number): string => String(n).padStart(2, '0');

/** The period an instant falls in: `YYYYMM` for a month, `YYYYMMDD` for a day (UTC). */
export function walletPeriodOf(instant: EpochMillis, unit: WalletPeriodUnit): string {
  const date = new Date(instant);
  const month = `${date.getUTCFullYear()}${twoDigits(date.getUTCMonth() + 1)}`;
  return unit === 'month' ? month : `${month}${twoDigits(date.getUTCDate())}`;
}

/** The first instant of a period (UTC). Periods of either unit order by it. */
export function walletPeriodStart(period: string): EpochMillis {
  const match = PERIOD.exec(period);
  if (!match) throw new Error(`not a wallet period: ${period}`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, match[3] === undefined ? 1 : Number(match[3]));
}
