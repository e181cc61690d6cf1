import type { OrderItem } from '@billing/contracts';
import type { PurchaseWorkflowEvent } from './purchase-workflow';
import { planPeriod } from '../subscription/periods';
import { purchaseTargetStream } from './purchase-command';
import { reactToPurchaseEvent } from './purchase-workflow';

const at = Date.UTC(2025, 0, 31, 9);
const context = { now: at + 1_000, eventId: 'event-7' };
const pack: OrderItem = { kind: 'pack', pool: 'api', millicredits: 1_000_000 };
const plan: OrderItem = { kind: 'plan', planId: 'creator', monthlyMillicredits: 5_000_000, pool: 'app' };
const paid = (item: OrderItem): PurchaseWorkflowEvent => ({
  type: 'PaymentConfirmed',
  data: { orderId: 'order-1', accountId: 'acct-1', paymentId: 'pay-1', item, amountCents: 7_200, currency: 'USD', priceBookId: 'credits', priceBookVersion: '1', at },
});
const refunded = (item: OrderItem): PurchaseWorkflowEvent => ({
  type: 'OrderRefunded',
  data: { orderId: 'order-1', accountId: 'acct-1', item, amountCents: 7_200, currency: 'USD', reason: 'chargeback', at },
});
const summary = (event: PurchaseWorkflowEvent) =>
  reactToPurchaseEvent(event, context).map((c) => ({ stream: purchaseTargetStream(c), type: c.command.type, data: c.command.data }));

describe('the purchase workflow', () => {
  it('a paid pack becomes purchased credits in its own pool, named after the order', () => {
    expect(summary(paid(pack))).toEqual([
      {
        stream: 'wallet-acct-1-api',
        type: 'PurchaseCredits',
        data: { purchaseId: 'order-1', millicredits: 1_000_000, amountCents: 7_200, currency: 'USD', priceBookId: 'credits', priceBookVersion: '1' },
      },
    ]);
  });

  it('a paid plan starts a subscription from the moment of payment', () => {
    expect(summary(paid(plan))).toEqual([
      {
        stream: 'subscription-acct-1',
        type: 'StartSubscription',
        data: { accountId: 'acct-1', planId: 'creator', monthlyMillicredits: 5_000_000, pool: 'app', periodStart: at, orderId: 'order-1' },
      },
    ]);
  });

  it('a started subscription grants its first period at once', () => {
    const started: PurchaseWorkflowEvent = {
      type: 'SubscriptionStarted',
      data: { accountId: 'acct-1', planId: 'creator', monthlyMillicredits: 5_000_000, pool: 'app', periodStart: at, at },
    };
    expect(summary(started)).toEqual([{ stream: 'subscription-acct-1', type: 'GrantPeriod', data: { accountId: 'acct-1', ...planPeriod(at, 0) } }]);
  });

  it('a granted period becomes plan credits that expire with the period', () => {
    const period = planPeriod(at, 2);
    const granted: PurchaseWorkflowEvent = {
      type: 'PlanPeriodGranted',
      data: { accountId: 'acct-1', planId: 'creator', monthlyMillicredits: 5_000_000, pool: 'app', ...period, at },
    };
    expect(summary(granted)).toEqual([
      {
        stream: 'wallet-acct-1-app',
        type: 'GrantCredits',
        data: {
          grantId: `plan:acct-1:${period.periodStart}`,
          millicredits: 5_000_000,
          source: { kind: 'plan', reference: 'creator' },
          expiresAt: period.periodEnd,
        },
      },
    ]);
  });

  it('a pack whose refund is asked for has its unspent credits taken back; a plan’s, those of its first period’s grant, and the plan ends (here and at the provider)', () => {
    const requested: PurchaseWorkflowEvent = {
      type: 'OrderRefundRequested',
      data: { orderId: 'order-1', accountId: 'acct-1', item: pack, amountCents: 7_200, currency: 'USD', reason: 'chargeback', initiatedBy: 'finance', at },
    };
    expect(summary(requested)).toEqual([{ stream: 'wallet-acct-1-api', type: 'RevokePurchasedCredits', data: { purchaseId: 'order-1', reason: 'refund (finance): chargeback' } }]);
    // A pack refund settled per revocation asks for nothing more.
    const settled = refunded(pack);
    expect(summary({ ...settled, data: { ...settled.data, revocationId: 'event-9', revokedMillicredits: 1_000_000 } } as PurchaseWorkflowEvent)).toEqual([]);
    // A plan refunded whole before refunds were pro rata still ends its grants.
    expect(summary(refunded(plan))).toEqual([{ stream: 'subscription-acct-1', type: 'CancelSubscription', data: { accountId: 'acct-1', reason: 'chargeback' } }]);
    const grantId = `plan:acct-1:${at}`;
    const planRequested: PurchaseWorkflowEvent = { type: 'OrderRefundRequested', data: { ...requested.data, item: plan, reason: 'goodwill', grantId } } as PurchaseWorkflowEvent;
    expect(summary(planRequested)).toEqual([
      { stream: 'wallet-acct-1-app', type: 'RevokePurchasedCredits', data: { purchaseId: 'order-1', grantId, reason: 'refund (finance): goodwill' } },
      {
        stream: 'subscription-acct-1',
        type: 'CancelSubscription',
        data: { accountId: 'acct-1', reason: 'refund (finance): goodwill', cause: 'refund', refundUpgrades: { initiatedBy: 'finance', reason: 'goodwill (order order-1 refunded)' } },
      },
    ]);
    // Refunded at the provider, only the order's payment came back: the upgrades of its period stay paid.
    const atProvider = { ...planRequested, data: { ...planRequested.data, initiatedBy: 'provider', providerRefundedCents: 2_900 } } as PurchaseWorkflowEvent;
    expect(summary(atProvider)[1]).toEqual({ stream: 'subscription-acct-1', type: 'CancelSubscription', data: { accountId: 'acct-1', reason: 'refund (provider): goodwill', cause: 'refund' } });
    expect(summary({ ...settled, data: { ...settled.data, item: plan, revocationId: 'event-9', revokedMillicredits: 3_000_000 } } as PurchaseWorkflowEvent)).toEqual([]);
  });

  it('a disputed pack has its credits frozen; won, they are released; lost, the refund it brings takes them', () => {
    const dispute = { orderId: 'order-1', accountId: 'acct-1', item: pack, disputeId: 'dp_1', amountCents: 7_200, currency: 'USD', at };
    expect(summary({ type: 'OrderDisputed', data: dispute })).toEqual([{ stream: 'wallet-acct-1-api', type: 'FreezePurchasedCredits', data: { purchaseId: 'order-1', reason: 'dispute dp_1 opened' } }]);
    expect(summary({ type: 'DisputeClosed', data: { ...dispute, outcome: 'won' } })).toEqual([
      { stream: 'wallet-acct-1-api', type: 'UnfreezePurchasedCredits', data: { purchaseId: 'order-1', reason: 'dispute dp_1 won' } },
    ]);
    expect(summary({ type: 'DisputeClosed', data: { ...dispute, outcome: 'lost' } })).toEqual([]);
  });

  it('a disputed plan payment freezes the grant of the period it paid; won, it is released; lost, the refund it brings revokes it and ends the plan, a chargeback', () => {
    const grantId = `plan:acct-1:${at}`;
    const dispute = { orderId: 'order-1', accountId: 'acct-1', item: plan, disputeId: 'dp_2', grantId, amountCents: 7_200, currency: 'USD', at };
    const paidBy = { purchaseId: 'order-1', grantId };
    expect(summary({ type: 'OrderDisputed', data: dispute })).toEqual([{ stream: 'wallet-acct-1-app', type: 'FreezePurchasedCredits', data: { ...paidBy, reason: 'dispute dp_2 opened' } }]);
    expect(summary({ type: 'DisputeClosed', data: { ...dispute, outcome: 'won' } })).toEqual([
      { stream: 'wallet-acct-1-app', type: 'UnfreezePurchasedCredits', data: { ...paidBy, reason: 'dispute dp_2 won' } },
    ]);
    expect(summary({ type: 'DisputeClosed', data: { ...dispute, outcome: 'lost' } })).toEqual([]);
    const lost = { orderId: 'order-1', accountId: 'acct-1', item: plan, amountCents: 7_200, currency: 'USD', reason: 'dispute dp_2 lost', initiatedBy: 'provider' as const, providerRefundedCents: 7_200, grantId, disputeId: 'dp_2', at };
    expect(summary({ type: 'OrderRefundRequested', data: lost })).toEqual([
      { stream: 'wallet-acct-1-app', type: 'RevokePurchasedCredits', data: { ...paidBy, reason: 'refund (provider): dispute dp_2 lost' } },
      { stream: 'subscription-acct-1', type: 'CancelSubscription', data: { accountId: 'acct-1', reason: 'chargeback: dispute dp_2 lost', cause: 'chargeback' } },
    ]);
  });

  it('a renewal’s dispute freezes the grant of the period it paid, named by its invoice; won, releases it; its refund (a lost dispute’s too) revokes it', () => {
    const payment = { accountId: 'acct-1', invoiceId: 'in_1', grantId: `plan:acct-1:${at}`, pool: 'app' };
    const paidBy = { purchaseId: 'in_1', grantId: `plan:acct-1:${at}` };
    const dispute = { ...payment, disputeId: 'dp_3', amountCents: 9_900, currency: 'USD', at };
    expect(summary({ type: 'RenewalDisputed', data: dispute })).toEqual([{ stream: 'wallet-acct-1-app', type: 'FreezePurchasedCredits', data: { ...paidBy, reason: 'dispute dp_3 opened' } }]);
    expect(summary({ type: 'RenewalDisputeClosed', data: { ...dispute, outcome: 'won' } })).toEqual([
      { stream: 'wallet-acct-1-app', type: 'UnfreezePurchasedCredits', data: { ...paidBy, reason: 'dispute dp_3 won' } },
    ]);
    expect(summary({ type: 'RenewalDisputeClosed', data: { ...dispute, outcome: 'lost' } })).toEqual([]);
    expect(summary({ type: 'RenewalRefundRequested', data: { ...payment, reason: 'dispute dp_3 lost', initiatedBy: 'provider', providerRefundedCents: 9_900, at } })).toEqual([
      { stream: 'wallet-acct-1-app', type: 'RevokePurchasedCredits', data: { ...paidBy, reason: 'refund (provider): dispute dp_3 lost' } },
    ]);
    expect(summary({ type: 'RenewalRefunded', data: { ...payment, amountCents: 9_900, currency: 'USD', revocationId: 'rev-1', revokedMillicredits: 1, at } })).toEqual([]);
  });

  it('a redelivered event yields the same commands, traced to their cause', () => {
    const first = reactToPurchaseEvent(paid(pack), context);
    expect(reactToPurchaseEvent(paid(pack), context)).toEqual(first);
    expect(first[0]?.command.metadata).toEqual({ commandId: 'PaymentConfirmed:order-1', now: at + 1_000, correlationId: 'order-1', causationId: 'event-7' });
  });

  it('a placed order or a failed payment asks for nothing', () => {
    expect(reactToPurchaseEvent({ type: 'PaymentFailed', data: { orderId: 'order-1', reason: 'declined', at } }, context)).toEqual([]);
  });
});
