import type { OrderItem, Receipt } from '@billing/contracts';
import { planPeriod } from '../subscription/periods';
import type { PurchaseWorkflowEvent } from '../workflow/purchase-workflow';

/**
 * The receipt a payment event is, or null: a paid order (a pack, or a plan's first
 * period), a paid renewal, an upgrade's difference. Its id is the payment's, so a receipt
 * is written once however often the event is read.
 */
export function receiptOf(event: PurchaseWorkflowEvent): Receipt | null {
  switch (event.type) {
    case 'PaymentConfirmed': {
      const { orderId, accountId, item, amountCents, currency, at } = event.data;
      const period = item.kind === 'plan' ? planPeriod(at, 0) : null;
      return {
        receiptId: `order:${orderId}`,
        kind: 'order',
        accountId,
        orderId,
        description: describeItem(item),
        amountCents,
        currency,
        taxCents: event.data.taxCents ?? null,
        creditsMillicredits: item.kind === 'pack' ? item.millicredits : item.monthlyMillicredits,
        pool: item.pool,
        periodStart: period?.periodStart ?? null,
        periodEnd: period?.periodEnd ?? null,
        paidAt: at,
        receiptUrl: event.data.receiptUrl ?? null,
        invoiceId: null,
        refund: null,
      };
    }
    case 'PlanPeriodGranted': {
      const { accountId, planId, invoiceId, amountCents, currency, monthlyMillicredits, pool, periodStart, periodEnd, at } = event.data;
      // Only a renewal was paid; a first period is its order's receipt, a contract plan's periods are not sold online.
      if (invoiceId === undefined || amountCents === undefined || currency === undefined) return null;
      const receipt = { taxCents: event.data.taxCents ?? null, receiptUrl: event.data.receiptUrl ?? null, invoiceId, refund: null };
      return { receiptId: `renewal:${invoiceId}`, kind: 'renewal', accountId, orderId: null, description: `Plan ${planId}, renewal`, amountCents, currency, ...receipt, creditsMillicredits: monthlyMillicredits, pool, periodStart, periodEnd, paidAt: at };
    }
    case 'PlanUpgraded': {
      const { accountId, fromPlanId, planId, proratedCents, proratedMillicredits, currency, pool, periodEnd, at } = event.data;
      // An upgrade without an invoice charged nothing apart, so it has nothing to refund.
      const receipt = { taxCents: event.data.taxCents ?? null, receiptUrl: event.data.receiptUrl ?? null, invoiceId: event.data.invoiceId ?? null, refund: null };
      return {
        receiptId: `upgrade:${accountId}:${at}`,
        kind: 'upgrade',
        accountId,
        orderId: null,
        description: `Plan ${fromPlanId} to ${planId}, rest of the period`,
        amountCents: proratedCents,
        currency,
        ...receipt,
        creditsMillicredits: proratedMillicredits,
        pool,
        periodStart: at,
        periodEnd,
        paidAt: at,
      };
    }
    default:
      return null;
  }
}

/** The payment a refund event is about (an order, or a renewal's or upgrade's invoice); null for any other event. */
export function refundedPaymentOf(event: PurchaseWorkflowEvent): { readonly orderId: string } | { readonly invoiceId: string } | null {
  switch (event.type) {
    case 'OrderRefundRequested':
    case 'OrderRefunded':
      return { orderId: event.data.orderId };
    case 'RenewalRefundRequested':
    case 'RenewalRefunded':
      return { invoiceId: event.data.invoiceId };
    default:
      return null;
  }
}

/**
 * The receipt of the payment a refund event is about, with that event applied: asked for,
 * then refunded with each settled revocation's money added (an order's refund from before
 * revocations were recorded states its whole amount), as the order and the renewal count it.
 */
export function withRefund(receipt: Receipt, event: PurchaseWorkflowEvent): Receipt {
  const refundedCents = receipt.refund?.refundedCents ?? 0;
  switch (event.type) {
    case 'OrderRefundRequested':
    case 'RenewalRefundRequested':
      return receipt.refund === null ? { ...receipt, refund: { status: 'refund_requested', refundedCents: 0 } } : receipt;
    case 'OrderRefunded':
      return { ...receipt, refund: { status: 'refunded', refundedCents: event.data.revocationId === undefined ? event.data.amountCents : refundedCents + event.data.amountCents } };
    case 'RenewalRefunded':
      return { ...receipt, refund: { status: 'refunded', refundedCents: refundedCents + event.data.amountCents } };
    default:
      return receipt;
  }
}

function describeItem(item: OrderItem): string {
  if (item.kind === 'plan') return `Plan ${item.planId}, first month`;
  return item.packId === undefined ? `${item.millicredits / 1000} credits (${item.pool} pool)` : `Pack ${item.packId} (${item.pool} pool)`;
}
