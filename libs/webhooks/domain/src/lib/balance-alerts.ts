import { createHash } from 'node:crypto';
import type { EpochMillis } from '@billing/contracts';
import { creditsNumber } from '@billing/util';
import type { WebhookMessage } from './webhook-events';

/**
 * One alert of a pool: `low` below a threshold, `depleted` at zero. Armed, it fires when
 * the pool's available credits are below it; fired, it waits until they are back at or
 * above it (re-armed). Each firing counts a crossing, which names its message.
 */
export interface BalanceAlert {
  readonly kind: 'low' | 'depleted';
  readonly thresholdMillicredits: number;
  readonly armed: boolean;
  readonly crossings: number;
}

export interface BalanceAlertFiring {
  readonly alert: BalanceAlert;
  /** 1 for the first crossing, 2 for the next, and so on. */
  readonly crossing: number;
}

const isBelow = (alert: BalanceAlert, availableMillicredits: number): boolean =>
  alert.kind === 'depleted' ? availableMillicredits <= 0 : availableMillicredits < alert.thresholdMillicredits;

/** A new alert is armed only while the pool is at or above it: one set below the balance now waits for a rise first. */
export const newBalanceAlert = (kind: BalanceAlert['kind'], thresholdMillicredits: number, availableMillicredits: number): BalanceAlert => {
  const alert: BalanceAlert = { kind, thresholdMillicredits, armed: true, crossings: 0 };
  return { ...alert, armed: !isBelow(alert, availableMillicredits) };
};

/** The pool's alerts after its available credits are seen: the armed ones below fire once, the fired ones above re-arm. */
export function balanceAlertsAfter(alerts: readonly BalanceAlert[], availableMillicredits: number): { readonly alerts: BalanceAlert[]; readonly firings: BalanceAlertFiring[] } {
  const firings: BalanceAlertFiring[] = [];
  const next = alerts.map((alert): BalanceAlert => {
    const below = isBelow(alert, availableMillicredits);
    if (alert.armed && below) {
      const fired = { ...alert, armed: false, crossings: alert.crossings + 1 };
      firings.push({ alert: fired, crossing: fired.crossings });
      return fired;
    }
    return !alert.armed && !below ? { ...alert, armed: true } : alert;
  });
  return { alerts: next, firings };
}

/** The message of a firing: its id comes from (account, pool, alert, crossing), so the same crossing always makes the same message. */
export function balanceAlertMessage(accountId: string, pool: string, firing: BalanceAlertFiring, availableMillicredits: number, at: EpochMillis): WebhookMessage {
  const { kind, thresholdMillicredits } = firing.alert;
  const digest = createHash('sha256').update([accountId, pool, kind, thresholdMillicredits, firing.crossing].join('\u0000')).digest('hex');
  return {
    messageId: `msg_balance_${digest.slice(0, 32)}`,
    type: kind === 'low' ? 'balance.low' : 'balance.depleted',
    accountId,
    at,
    data: {
      account_id: accountId,
      pool,
      available: creditsNumber(availableMillicredits),
      ...(kind === 'low' ? { threshold: creditsNumber(thresholdMillicredits) } : {}),
      crossing: firing.crossing,
    },
  };
}
