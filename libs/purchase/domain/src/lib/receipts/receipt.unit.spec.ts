import type { OrderItem } from '@billing/contracts';
import { planPeriod } from '../subscription/periods';
import { receiptOf, refundedPaymentOf, withRefund } from './receipt';

const at = Date.UTC(2026, 2, 3, 12);
const plan: OrderItem = { kind: 'plan', planId: 'explorer', monthlyMillicredits: 1_000_000, pool: 'points' };
const pack: OrderItem = { kind: 'pack', packId: 'api-300', pool: 'api', millicredits: 300_000 };
const paid = (item: OrderItem, extra = {}) => ({
  type: 'PaymentConfirmed' as const,
  data: { orderId: 'o-1', accountId: 'acct-1', paymentId: 'pi_1', item, amountCents: 2_400, currency: 'USD', priceBookId: 'credits', priceBookVersion: '1', at, ...extra },
});

describe('every payment has a receipt', () => {
  it('given a pack paid, then its receipt shows the amount, the credits, no period, and the provider’s tax and receipt page when it gave them', () => {
    expect(receiptOf(paid(pack))).toEqual({
      receiptId: 'order:o-1',
      kind: 'order',
      accountId: 'acct-1',
      orderId: 'o-1',
      description: 'Pack api-300 (api pool)',
      amountCents: 2_400,
      currency: 'USD',
      taxCents: null,
      creditsMillicredits: 300_000,
      pool: 'api',
      periodStart: null,
      periodEnd: null,
      paidAt: at,
      receiptUrl: null,
      invoiceId: null,
      refund: null,
    });
    expect(receiptOf(paid(pack, { taxCents: 480, receiptUrl: 'https://pay.example/r/1' }))).toMatchObject({ taxCents: 480, receiptUrl: 'https://pay.example/r/1' });
  });

  it('given a plan paid, then its receipt is for the first month: the monthly grant and the period it covers', () => {
    expect(receiptOf(paid(plan))).toMatchObject({ kind: 'order', creditsMillicredits: 1_000_000, ...planPeriod(at, 0) });
  });

  it('given a renewal paid, then a receipt per invoice; a first period or a contract plan’s period is none', () => {
    const period = planPeriod(at, 1);
    const granted = { accountId: 'acct-1', planId: 'explorer', monthlyMillicredits: 1_000_000, pool: 'points', ...period, at: period.periodStart };
    expect(receiptOf({ type: 'PlanPeriodGranted', data: { ...granted, invoiceId: 'in_1', amountCents: 2_900, currency: 'USD', receiptUrl: 'https://invoice.example/in_1' } })).toMatchObject({
      receiptId: 'renewal:in_1',
      kind: 'renewal',
      amountCents: 2_900,
      creditsMillicredits: 1_000_000,
      periodStart: period.periodStart,
      periodEnd: period.periodEnd,
      receiptUrl: 'https://invoice.example/in_1',
    });
    expect(receiptOf({ type: 'PlanPeriodGranted', data: granted })).toBeNull();
  });

  it('given an upgrade, then its receipt is the pro rata difference for the rest of the period', () => {
    const periodEnd = planPeriod(at, 0).periodEnd;
    const upgraded = {
      type: 'PlanUpgraded' as const,
      data: { accountId: 'acct-1', fromPlanId: 'explorer', planId: 'creator', monthlyMillicredits: 5_000_000, monthlyPriceCents: 9_900, pool: 'points', periodEnd, proratedMillicredits: 2_709_677, proratedCents: 4_741, currency: 'USD', at: at + 1 },
    };
    expect(receiptOf(upgraded)).toMatchObject({ kind: 'upgrade', amountCents: 4_741, creditsMillicredits: 2_709_677, periodStart: at + 1, periodEnd, description: 'Plan explorer to creator, rest of the period' });
  });
});

describe('a receipt shows its refund', () => {
  const order = { orderId: 'o-1', accountId: 'acct-1', item: pack, amountCents: 2_400, currency: 'USD', reason: 'goodwill', at: at + 10 };
  const settled = (revocationId: string, revokedMillicredits: number, amountCents: number) => ({ type: 'OrderRefunded' as const, data: { ...order, revocationId, revokedMillicredits, amountCents } });

  it('given a pack’s refund asked for, then settled in two revocations, then the receipt shows it under way, then the money returned so far', () => {
    const requested = { type: 'OrderRefundRequested' as const, data: { ...order, initiatedBy: 'finance' as const } };
    const receipt = receiptOf(paid(pack));
    if (!receipt) throw new Error('no receipt');
    expect(refundedPaymentOf(requested)).toEqual({ orderId: 'o-1' });
    const asked = withRefund(receipt, requested);
    expect(asked.refund).toEqual({ status: 'refund_requested', refundedCents: 0 });
    expect(withRefund(asked, requested)).toBe(asked);
    const first = withRefund(asked, settled('rev-1', 100_000, 800));
    expect(withRefund(first, settled('rev-2', 50_000, 400)).refund).toEqual({ status: 'refunded', refundedCents: 1_200 });
  });

  it('given a renewal’s refund settled, then its receipt is found by its invoice and shows the money returned', () => {
    const payment = { accountId: 'acct-1', invoiceId: 'in_1', grantId: 'plan:acct-1:1', pool: 'points' };
    const refunded = { type: 'RenewalRefunded' as const, data: { ...payment, amountCents: 2_030, currency: 'USD', revocationId: 'rev-1', revokedMillicredits: 700_000, at } };
    const period = planPeriod(at, 1);
    const receipt = receiptOf({ type: 'PlanPeriodGranted', data: { accountId: 'acct-1', planId: 'explorer', monthlyMillicredits: 1_000_000, pool: 'points', ...period, at, invoiceId: 'in_1', amountCents: 2_900, currency: 'USD' } });
    if (!receipt) throw new Error('no receipt');
    expect(refundedPaymentOf(refunded)).toEqual({ invoiceId: 'in_1' });
    expect(withRefund(receipt, refunded)).toMatchObject({ invoiceId: 'in_1', refund: { status: 'refunded', refundedCents: 2_030 } });
  });
});
