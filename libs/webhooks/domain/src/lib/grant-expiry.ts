import { type EpochMillis, parseWalletStreamName } from '@billing/contracts';
import { creditsNumber } from '@billing/util';
import type { RecordedEvent, WebhookMessage } from './webhook-events';

const DAY_MILLIS = 86_400_000;

/** A plan's grant that expires, as the notice needs it; `eventId` is its CreditsGranted event's. */
export interface ExpiringGrant {
  readonly eventId: string;
  readonly accountId: string;
  readonly pool: string;
  readonly grantId: string;
  readonly millicredits: number;
  readonly expiresAt: EpochMillis;
}

interface GrantedData {
  readonly grantId: string;
  readonly millicredits: number;
  readonly source: { readonly kind: string };
  readonly expiresAt: EpochMillis | null;
}

/** The grant a wallet event makes that `grant.expiring` will announce: a plan's credits with an expiry. */
export function expiringGrantOf(event: RecordedEvent): ExpiringGrant | undefined {
  const wallet = parseWalletStreamName(event.streamName);
  if (event.type !== 'CreditsGranted' || wallet === undefined) return undefined;
  const data = event.data as GrantedData;
  if (data.source.kind !== 'plan' || data.expiresAt === null) return undefined;
  return { eventId: event.eventId, accountId: wallet.accountId, pool: wallet.pool, grantId: data.grantId, millicredits: data.millicredits, expiresAt: data.expiresAt };
}

/** When the notice is due: `days` before the expiry (a grant shorter than that is announced as soon as it is seen). */
export const grantNoticeAt = (grant: ExpiringGrant, days: number): EpochMillis => grant.expiresAt - days * DAY_MILLIS;

/**
 * The one notice of a grant, reporting what is left of it at `at` (`remainingMillicredits`:
 * its credits still in the balance, those held by running tasks included): none when the
 * grant has expired or nothing of it is left (spent, revoked), as there is nothing to lose.
 * Its id comes from the grant's event, so it is sent once however often it is made.
 */
export function grantExpiringMessage(grant: ExpiringGrant, remainingMillicredits: number, at: EpochMillis): WebhookMessage | undefined {
  if (grant.expiresAt <= at || remainingMillicredits <= 0) return undefined;
  return {
    messageId: `msg_expiring_${grant.eventId}`,
    type: 'grant.expiring',
    accountId: grant.accountId,
    at,
    data: {
      account_id: grant.accountId,
      pool: grant.pool,
      grant: grant.grantId,
      credits: creditsNumber(Math.min(remainingMillicredits, grant.millicredits)),
      credits_granted: creditsNumber(grant.millicredits),
      expires_at: new Date(grant.expiresAt).toISOString(),
    },
  };
}
