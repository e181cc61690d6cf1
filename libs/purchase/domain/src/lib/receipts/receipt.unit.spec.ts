import type { OrderItem } from '@billing/contracts';
import { planPeriod } from '../subscription/periods';
import { receiptOf } from './receipt';

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
