import { type PaidRenewalView, type RefundRenewalCall, subscriptionStreamName } from '@billing/contracts';
import { isSubscription, type PaidRenewal } from '@billing/purchase-domain';
import { problems } from './purchase-problems';
import type { PurchaseRpcDependencies } from './purchase-rpc';

/**
 * `refundRenewal`: finance refunds a paid renewal. The renewal is found by its invoice (or
 * the payment that paid it); the buyer is refused, as for a plan's order. The refund is
 * recorded once (`RefundRenewal` is idempotent); the workflow revokes the period's unspent
 * credits and each revocation is settled pro rata through the provider (`refund-settlement`).
 */
export function renewalRefunds(deps: PurchaseRpcDependencies) {
  const { streams, payments, clock } = deps;

  async function renewalOf(invoiceId: string, accountId?: string): Promise<{ accountId: string; renewal: PaidRenewal }> {
    const owner = await deps.ownerOfPayment(invoiceId);
    const missing = problems.notFound('Renewal', `no paid renewal ${invoiceId}`, { invoiceId });
    // Another account's renewal is not found: its existence is not theirs to learn.
    if (owner?.kind !== 'renewal' || (accountId !== undefined && owner.accountId !== accountId)) throw missing;
    const { state } = await streams.subscription(owner.accountId);
    const renewal = isSubscription(state) ? state.renewals.get(owner.invoiceId) : undefined;
    if (renewal === undefined) throw missing;
    return { accountId: owner.accountId, renewal };
  }

  return {
    refundRenewal: async (request: RefundRenewalCall): Promise<PaidRenewalView> => {
      const initiatedBy = request.requestedBy ?? 'finance';
      const { accountId, renewal } = await renewalOf(request.invoiceId, initiatedBy === 'owner' ? request.accountId : undefined);
      if (initiatedBy === 'owner') throw problems.forbidden('a plan’s renewal is refunded by finance; a plan is ended by cancelling it');
      const { invoiceId } = renewal;
      // Stripe refunds a renewal by the PaymentIntent that paid its invoice, which Stripe reports on its own.
      if (renewal.refund === null && payments.kind === 'stripe' && (await deps.linkedPaymentOf(invoiceId)) === undefined) {
        throw problems.providerNotReady(`renewal ${invoiceId}: Stripe has not reported the payment that paid it yet; try again shortly`);
      }
      await streams.subscriptions.handle(subscriptionStreamName(accountId), {
        type: 'RefundRenewal',
        data: { accountId, invoiceId, reason: request.reason, initiatedBy },
        metadata: { commandId: `refund-renewal:${invoiceId}`, now: clock.now(), correlationId: `plan:${accountId}` },
      });
      return paidRenewalView(accountId, (await renewalOf(invoiceId)).renewal);
    },
  };
}

export function paidRenewalView(accountId: string, renewal: PaidRenewal): PaidRenewalView {
  const { invoiceId, periodStart, periodEnd, amountCents, currency, millicredits, refundedCents, revokedMillicredits } = renewal;
  const status = renewal.refund === null ? 'paid' : renewal.revocations.length > 0 ? 'refunded' : 'refund_requested';
  return { accountId, invoiceId, periodStart, periodEnd, amountCents, currency, millicredits, status, refundedCents, revokedMillicredits };
}
