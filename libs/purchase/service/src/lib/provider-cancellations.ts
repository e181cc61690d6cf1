import type { SubscriptionCancelled } from '@billing/contracts';
import { PaymentProviderError, type PaymentProvider } from '@billing/payment-provider';
import { isSubscription } from '@billing/purchase-domain';
import type { Logger, ReactorEvent } from '@billing/service-host';
import type { PurchaseStreams } from './purchase-streams';

export interface ProviderCancellationDependencies {
  readonly streams: PurchaseStreams;
  readonly provider: PaymentProvider;
  readonly logger: Logger;
}

/**
 * On the purchase store: a plan that ended here for a cause (a chargeback, a refund) ends at
 * the provider too, at once, so it bills no further renewal. Asking again (a batch handled
 * twice) changes nothing at the provider. A provider that cannot be reached fails the batch,
 * which is tried again; a refusal is logged, and the plan stays ended here.
 */
export function providerCancellations(deps: ProviderCancellationDependencies): (events: readonly ReactorEvent[]) => Promise<void> {
  return async (events) => {
    for (const event of events) {
      if (event.type !== 'SubscriptionCancelled') continue;
      const { accountId, cause, reason } = event.data as SubscriptionCancelled['data'];
      if (cause === undefined) continue;
      const { state } = await deps.streams.subscription(accountId);
      const providerSubscriptionId = isSubscription(state) ? state.providerSubscriptionId : undefined;
      if (providerSubscriptionId === undefined) continue;
      try {
        await deps.provider.cancelSubscription(providerSubscriptionId);
        deps.logger.info('subscription cancelled at the payment provider', { accountId, providerSubscriptionId, cause, reason });
      } catch (error) {
        if (!(error instanceof PaymentProviderError) || error.code === 'unavailable') throw error;
        deps.logger.error('the payment provider refused to cancel a subscription', { accountId, providerSubscriptionId, cause, code: error.code, reason: error.message });
      }
    }
  };
}
