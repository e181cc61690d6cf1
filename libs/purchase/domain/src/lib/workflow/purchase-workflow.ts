import type { CommandMetadata, EpochMillis, OrderEvent, SubscriptionEvent, WalletCommand } from '@billing/contracts';
import { assertNever } from '@billing/util';
import { planPeriod } from '../subscription/periods';
import { planGrantId, planUpgradeGrantId, type PurchaseWorkflowCommand } from './purchase-command';

export type PurchaseWorkflowEvent = OrderEvent | SubscriptionEvent;

export interface PurchaseWorkflowContext {
  readonly now: EpochMillis;
  /** The causing event's id, when the store gave it one. */
  readonly eventId?: string;
}

/**
 * From money to credits: a paid pack becomes purchased credits in its pool, a paid plan
 * starts a subscription whose periods become grants, and a refunded order takes back
 * what it gave. Command ids come from the causing event, so redelivery is harmless.
 */
export function reactToPurchaseEvent(event: PurchaseWorkflowEvent, context: PurchaseWorkflowContext): readonly PurchaseWorkflowCommand[] {
  switch (event.type) {
    case 'PaymentConfirmed': {
      const { orderId, accountId, item, amountCents, currency, priceBookId, priceBookVersion, providerSubscriptionId, at } = event.data;
      const metadata = meta(`${event.type}:${orderId}`, orderId, context);
      if (item.kind === 'pack') {
        return [
          {
            target: 'wallet',
            accountId,
            pool: item.pool,
            command: { type: 'PurchaseCredits', data: { purchaseId: orderId, millicredits: item.millicredits, amountCents, currency, priceBookId, priceBookVersion }, metadata },
          },
        ];
      }
      const { planId, monthlyMillicredits, pool } = item;
      // The first period starts when the payment went through; the provider bills the later ones.
      const provider = providerSubscriptionId === undefined ? {} : { providerSubscriptionId };
      return [
        { target: 'subscription', accountId, command: { type: 'StartSubscription', data: { accountId, planId, monthlyMillicredits, pool, periodStart: at, orderId, ...provider }, metadata } },
      ];
    }
    case 'OrderRefundRequested': {
      const { orderId, accountId, item, reason, initiatedBy, grantId, disputeId } = event.data;
      const metadata = meta(`${event.type}:${orderId}`, orderId, context);
      // A pack's lot, or the grant of the plan's first period, which the order paid.
      const paid = grantId === undefined ? { purchaseId: orderId } : { purchaseId: orderId, grantId };
      const revoke: PurchaseWorkflowCommand = { target: 'wallet', accountId, pool: item.pool, command: { type: 'RevokePurchasedCredits', data: { ...paid, reason: `refund (${initiatedBy}): ${reason}` }, metadata } };
      if (item.kind === 'pack') return [revoke];
      // A plan refunded, or charged back, ends now, here and at the provider: no later period is billed or granted.
      const end = disputeId === undefined ? { reason: `refund (${initiatedBy}): ${reason}`, cause: 'refund' as const } : { reason: `chargeback: dispute ${disputeId} lost`, cause: 'chargeback' as const };
      // Refunded here, the upgrades paid in the order's period go with it; the provider's refund or a chargeback returned the order's payment only.
      const upgrades = disputeId === undefined && initiatedBy !== 'provider' ? { refundUpgrades: { initiatedBy, reason: `${reason} (order ${orderId} refunded)` } } : {};
      const cancel: PurchaseWorkflowCommand = { target: 'subscription', accountId, command: { type: 'CancelSubscription', data: { accountId, ...end, ...upgrades }, metadata } };
      return grantId === undefined ? [cancel] : [revoke, cancel];
    }
    case 'OrderDisputed':
    case 'DisputeClosed': {
      const { orderId, accountId, item, disputeId, grantId } = event.data;
      // A pack's lot, or the grant of the plan period the disputed payment paid for.
      const paid = grantId === undefined ? { purchaseId: orderId } : { purchaseId: orderId, grantId };
      if (item.kind !== 'pack' && grantId === undefined) return [];
      // A lost dispute's credits go with the refund it brings (which ends a plan).
      if (event.type === 'DisputeClosed' && event.data.outcome === 'lost') return [];
      const metadata = meta(`${event.type}:${orderId}`, orderId, context);
      const command: WalletCommand =
        event.type === 'OrderDisputed'
          ? { type: 'FreezePurchasedCredits', data: { ...paid, reason: `dispute ${disputeId} opened` }, metadata }
          : { type: 'UnfreezePurchasedCredits', data: { ...paid, reason: `dispute ${disputeId} won` }, metadata };
      return [{ target: 'wallet', accountId, pool: item.pool, command }];
    }
    case 'OrderRefunded': {
      const { orderId, accountId, item, reason, revocationId } = event.data;
      // Settles a revocation the wallet already made; only a refund recorded before revocations were settled asks for more.
      if (revocationId !== undefined) return [];
      const metadata = meta(`${event.type}:${orderId}`, orderId, context);
      if (item.kind === 'pack') return [{ target: 'wallet', accountId, pool: item.pool, command: { type: 'RevokePurchasedCredits', data: { purchaseId: orderId, reason }, metadata } }];
      // A plan refunded whole, before plan refunds were pro rata: no further period is granted.
      return [{ target: 'subscription', accountId, command: { type: 'CancelSubscription', data: { accountId, reason }, metadata } }];
    }
    case 'SubscriptionStarted': {
      const { accountId, periodStart } = event.data;
      const first = planPeriod(periodStart, 0);
      const metadata = meta(`${event.type}:${accountId}:${periodStart}`, accountId, context);
      return [{ target: 'subscription', accountId, command: { type: 'GrantPeriod', data: { accountId, ...first }, metadata } }];
    }
    case 'PlanPeriodGranted': {
      const { accountId, planId, monthlyMillicredits, pool, periodStart, periodEnd } = event.data;
      return [planGrant(event.type, { accountId, pool, planId, grantId: planGrantId(accountId, periodStart), millicredits: monthlyMillicredits, expiresAt: periodEnd }, context)];
    }
    case 'PlanUpgraded': {
      const { accountId, planId, pool, periodEnd, proratedMillicredits, at } = event.data;
      if (proratedMillicredits === 0) return [];
      // One upgrade per moment: the grant's id says which.
      return [planGrant(event.type, { accountId, pool, planId, grantId: planUpgradeGrantId(accountId, at), millicredits: proratedMillicredits, expiresAt: periodEnd }, context)];
    }
    case 'RenewalDisputed':
    case 'RenewalDisputeClosed':
    case 'RenewalRefundRequested': {
      const { accountId, pool, invoiceId, grantId } = event.data;
      // A renewal paid its period's grant: a dispute freezes what is unspent of it; won, releases it; a refund (a lost dispute's too) revokes it.
      if (event.type === 'RenewalDisputeClosed' && event.data.outcome === 'lost') return [];
      const paid = { purchaseId: invoiceId, grantId };
      const metadata = meta(`${event.type}:${invoiceId}`, `plan:${accountId}`, context);
      const command: WalletCommand =
        event.type === 'RenewalDisputed'
          ? { type: 'FreezePurchasedCredits', data: { ...paid, reason: `dispute ${event.data.disputeId} opened` }, metadata }
          : event.type === 'RenewalDisputeClosed'
            ? { type: 'UnfreezePurchasedCredits', data: { ...paid, reason: `dispute ${event.data.disputeId} won` }, metadata }
            : { type: 'RevokePurchasedCredits', data: { ...paid, reason: `refund (${event.data.initiatedBy}): ${event.data.reason}` }, metadata };
      return [{ target: 'wallet', accountId, pool, command }];
    }
    case 'RenewalRefunded':
    case 'OrderPlaced':
    case 'PaymentLinked':
    case 'PlanDowngradeScheduled':
    case 'PaymentFailed':
    case 'SubscriptionPastDue':
    case 'SubscriptionCancelled':
    case 'SubscriptionCancellationScheduled':
    case 'SubscriptionResumed':
      return [];
    default:
      return assertNever(event, 'purchase event');
  }
}

/** Plan credits in the plan's pool, expiring with the period they belong to. */
function planGrant(
  cause: string,
  grant: { accountId: string; pool: string; planId: string; grantId: string; millicredits: number; expiresAt: number },
  context: PurchaseWorkflowContext,
): PurchaseWorkflowCommand {
  const { accountId, pool, planId, grantId, millicredits, expiresAt } = grant;
  return {
    target: 'wallet',
    accountId,
    pool,
    command: {
      type: 'GrantCredits',
      data: { grantId, millicredits, source: { kind: 'plan', reference: planId }, expiresAt },
      metadata: meta(`${cause}:${grantId}`, accountId, context),
    },
  };
}

function meta(commandId: string, correlationId: string, context: PurchaseWorkflowContext): CommandMetadata {
  const trace = { commandId, now: context.now, correlationId };
  return context.eventId === undefined ? trace : { ...trace, causationId: context.eventId };
}
