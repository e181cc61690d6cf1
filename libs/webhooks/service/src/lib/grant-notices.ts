import { grantExpiringMessage } from '@billing/webhooks-domain';
import { queueMessage, type WebhooksState } from './webhooks-controller';

/**
 * One run of the notices on the platform clock: each plan grant whose notice is due is
 * announced as `grant.expiring` and marked, in one transaction; a grant already expired
 * when its notice comes due (the service was down) is marked without one.
 */
export function noticeExpiringGrants(state: Pick<WebhooksState, 'db' | 'grants' | 'endpoints' | 'deliveries'>): (now: number) => Promise<void> {
  return async (now) => {
    state.db.transaction(() => {
      for (const grant of state.grants.due(now)) {
        if (grant.expiresAt > now) queueMessage(state, grantExpiringMessage(grant, now), now);
        state.grants.noticed(grant.eventId);
      }
    })();
  };
}
