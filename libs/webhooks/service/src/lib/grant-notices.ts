import { WalletRpc } from '@billing/contracts';
import { type RpcClient, send } from '@billing/service-host';
import { type ExpiringGrant, grantExpiringMessage } from '@billing/webhooks-domain';
import { queueMessage, type WebhooksState } from './webhooks-controller';

/**
 * One run of the notices on the platform clock: each plan grant whose notice is due is
 * announced as `grant.expiring` with what is left of it (the wallet's books, asked first)
 * and marked, in one transaction. A grant already expired when its notice comes due (the
 * service was down), or with nothing left, is marked without one; so is a grant no
 * endpoint of its account asked about, without asking the wallet.
 */
export function noticeExpiringGrants(state: Pick<WebhooksState, 'db' | 'grants' | 'endpoints' | 'deliveries' | 'rpc'>): (now: number) => Promise<void> {
  return async (now) => {
    const due = state.grants.due(now);
    const remaining = new Map<string, number>();
    for (const grant of due) {
      if (grant.expiresAt > now && state.endpoints.subscribedTo(grant.accountId, 'grant.expiring').length > 0) remaining.set(grant.eventId, await remainingOf(state.rpc, grant));
    }
    state.db.transaction(() => {
      for (const grant of due) {
        const message = grantExpiringMessage(grant, remaining.get(grant.eventId) ?? 0, now);
        if (message) queueMessage(state, message, now);
        state.grants.noticed(grant.eventId);
      }
    })();
  };
}

async function remainingOf(rpc: RpcClient, grant: ExpiringGrant): Promise<number> {
  const { accountId, pool, grantId } = grant;
  const lot = await send(rpc, WalletRpc.purchaseLot, { accountId, pool, purchaseId: grantId, grantId }, { key: accountId });
  return lot.known && !lot.revoked ? lot.remainingMillicredits : 0;
}
