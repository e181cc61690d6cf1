import type { SandboxPaymentProvider } from '@billing/payment-provider';
import { receiveNotification, type NotificationDependencies } from './payment-notifications';
import type { RenewPlan } from './plan-periods';

/** The sandbox retries a declined renewal once a day on the platform clock, as a provider would over a few days. */
export const SANDBOX_RENEWAL_RETRY_MILLIS = 86_400_000;

/**
 * The sandbox as a provider that bills plans: each period is billed when it starts, a
 * declined one is retried a day later until the sandbox gives up, and its signed answer
 * goes through the same webhook path as a real provider's.
 */
export function sandboxRenewals(deps: NotificationDependencies & { readonly provider: SandboxPaymentProvider }): RenewPlan {
  const { provider: sandbox, streams } = deps;
  return async (subscription, period, now) => {
    const pastDue = subscription.pastDue?.periodStart === period.periodStart ? subscription.pastDue : null;
    if (pastDue && now < pastDue.lastAttemptAt + SANDBOX_RENEWAL_RETRY_MILLIS) return 0;
    const order = subscription.orderId === undefined ? undefined : await streams.order(subscription.orderId);
    if (!order) return 0;
    // A downgrade due by this period's end is billed at the new plan's price, as a provider does.
    const pending = subscription.pendingChange !== null && period.periodEnd > subscription.pendingChange.effectiveAt ? subscription.pendingChange : null;
    const amountCents = pending?.monthlyPriceCents ?? subscription.monthlyPriceCents ?? order.amountCents;
    const notification = sandbox.renew(
      { accountId: subscription.accountId, orderId: order.orderId, ...period, amountCents, currency: order.currency, attempt: (pastDue?.attempts ?? 0) + 1 },
      now,
    );
    const { outcome } = await receiveNotification(deps, notification.rawBody, notification.headers, now);
    return outcome === 'applied' ? 1 : 0;
  };
}
