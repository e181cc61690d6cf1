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
      };
    }
    case 'PlanPeriodGranted': {
      const { accountId, planId, invoiceId, amountCents, currency, monthlyMillicredits, pool, periodStart, periodEnd, at } = event.data;
      // Only a renewal was paid; a first period is its order's receipt, a contract plan's periods are not sold online.
      if (invoiceId === undefined || amountCents === undefined || currency === undefined) return null;
      const receipt = { taxCents: event.data.taxCents ?? null, receiptUrl: event.data.receiptUrl ?? null };
      return { receiptId: `renewal:${invoiceId}`, kind: 'renewal', accountId, orderId: null, description: `Plan ${planId}, renewal`, amountCents, currency, ...receipt, creditsMillicredits: monthlyMillicredits, pool, periodStart, periodEnd, paidAt: at };
    }
    case 'PlanUpgraded': {
      const { accountId, fromPlanId, planId, proratedCents, proratedMillicredits, currency, pool, periodEnd, at } = event.data;
      const receipt = { taxCents: event.data.taxCents ?? null, receiptUrl: event.data.receiptUrl ?? null };
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

function describeItem(item: OrderItem): string {
  if (item.kind === 'plan') return `Plan ${item.planId}, first month`;
  return item.packId === undefined ? `${item.millicredits / 1000} credits (${item.pool} pool)` : `Pack ${item.packId} (${item.pool} pool)`;
}
