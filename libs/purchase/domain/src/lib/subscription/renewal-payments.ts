import type { CloseRenewalDispute, EpochMillis, OpenRenewalDispute, RecordRenewalRefund, RefundInitiator, RefundRenewal, SubscriptionEvent } from '@billing/contracts';
import { proRataRefundCents } from '../order/refund-rule';
import { PurchaseError } from '../purchase-errors';
import { planPeriod } from './periods';
import type { Subscription } from './subscription-state';

/**
 * A period's charge, as its later dispute or refund finds it: a renewal (the period's grant),
 * or an upgrade's pro rata invoice (its grant, from the upgrade to the period's end).
 */
export interface PaidRenewal {
  readonly kind: 'renewal' | 'upgrade';
  readonly invoiceId: string;
  /** The wallet grant this payment paid for. */
  readonly grantId: string;
  readonly periodStart: EpochMillis;
  readonly periodEnd: EpochMillis;
  readonly millicredits: number;
  readonly amountCents: number;
  readonly currency: string;
  readonly dispute: { readonly disputeId: string; readonly status: 'open' | 'won' | 'lost' } | null;
  /** The refund under way, once asked for (with what the provider returned, when it returned the money itself). */
  readonly refund: RenewalRefund | null;
  readonly refundedCents: number;
  readonly revokedMillicredits: number;
  readonly revocations: readonly string[];
}

export interface RenewalRefund {
  readonly initiatedBy: RefundInitiator;
  readonly reason: string;
  readonly providerRefundedCents?: number;
}

/**
 * A renewal's payment disputed: once per renewal (a repeat, or an opening after the close,
 * changes nothing). The workflow freezes the period's unspent credits.
 */
export function openRenewalDispute(command: OpenRenewalDispute, state: Subscription): readonly SubscriptionEvent[] {
  const renewal = renewalOf(state, command.data.invoiceId);
  if (renewal.dispute !== null) return [];
  const { disputeId, amountCents } = command.data;
  return [{ type: 'RenewalDisputed', data: { ...paymentOf(state, renewal), disputeId, amountCents, currency: renewal.currency, at: command.metadata.now } }];
}

/**
 * A renewal's dispute closes once. Lost, the bank took the money back, as a chargeback:
 * the renewal is refunded as by the provider (the period's unspent credits revoked) and
 * the plan ends. A close that arrives before the opening closes it all the same.
 */
export function closeRenewalDispute(command: CloseRenewalDispute, state: Subscription): readonly SubscriptionEvent[] {
  const renewal = renewalOf(state, command.data.invoiceId);
  if (renewal.dispute !== null && renewal.dispute.status !== 'open') return [];
  const { disputeId, outcome, amountCents } = command.data;
  const at = command.metadata.now;
  const closed: SubscriptionEvent = { type: 'RenewalDisputeClosed', data: { ...paymentOf(state, renewal), disputeId, outcome, amountCents, currency: renewal.currency, at } };
  if (outcome === 'won') return [closed];
  const reason = `dispute ${disputeId} lost`;
  const refund = requestRefund(state, renewal, { initiatedBy: 'provider', reason, providerRefundedCents: Math.min(amountCents, renewal.amountCents) }, at);
  const { accountId, planId } = state;
  const ended: SubscriptionEvent[] = state.status === 'cancelled' ? [] : [{ type: 'SubscriptionCancelled', data: { accountId, planId, reason: `chargeback: ${reason}`, cause: 'chargeback', at } }];
  return [closed, ...refund, ...ended];
}

/**
 * A renewal's refund, once (asked again, or reported by the provider after ours, nothing
 * changes): asked for here, the money follows the period's credits the wallet takes back;
 * made at the provider (its dashboard), it records what the provider returned. The plan goes on.
 */
export function refundRenewal(command: RefundRenewal, state: Subscription): readonly SubscriptionEvent[] {
  const renewal = renewalOf(state, command.data.invoiceId);
  const { providerRefundedCents, reason, initiatedBy = 'provider' } = command.data;
  if (initiatedBy === 'provider' && providerRefundedCents === undefined) {
    throw new PurchaseError('refund_mismatch', `renewal ${renewal.invoiceId}: a refund made at the provider says what it returned`);
  }
  if (providerRefundedCents !== undefined && (!Number.isSafeInteger(providerRefundedCents) || providerRefundedCents < 0 || providerRefundedCents > renewal.amountCents)) {
    throw new PurchaseError('refund_mismatch', `renewal ${renewal.invoiceId} cost ${renewal.amountCents} cents; the provider cannot have returned ${providerRefundedCents}`);
  }
  return requestRefund(state, renewal, { initiatedBy, reason, ...(providerRefundedCents === undefined ? {} : { providerRefundedCents }) }, command.metadata.now);
}

/**
 * Settles one revocation of a refunded renewal's credits, once: its pro rata share of the
 * renewal's price (`refund-rule`), or, when the provider returned the money itself, all it
 * returned with the first revocation and nothing after.
 */
export function recordRenewalRefund(command: RecordRenewalRefund, state: Subscription): readonly SubscriptionEvent[] {
  const { invoiceId, revocationId, revokedMillicredits, amountCents, providerRefundId } = command.data;
  const renewal = renewalOf(state, invoiceId);
  if (renewal.refund === null) throw new PurchaseError('refund_not_requested', `renewal ${invoiceId} has no refund under way`);
  if (renewal.revocations.includes(revocationId)) return [];
  if (!Number.isSafeInteger(revokedMillicredits) || revokedMillicredits < 0) throw new PurchaseError('refund_mismatch', `renewal ${invoiceId}: revoked credits must be whole millicredits`);
  const due = renewalRefundDue(renewal, revokedMillicredits);
  if (amountCents !== due) throw new PurchaseError('refund_mismatch', `renewal ${invoiceId}: ${revokedMillicredits} millicredits revoked are owed ${due} cents back, not ${amountCents}`);
  const provider = providerRefundId === undefined ? {} : { providerRefundId };
  return [{ type: 'RenewalRefunded', data: { ...paymentOf(state, renewal), amountCents, currency: renewal.currency, revocationId, revokedMillicredits, ...provider, at: command.metadata.now } }];
}

/** What a revocation of a refunded renewal's credits owes back: what the provider returned, less what is recorded; else its pro rata share. */
export function renewalRefundDue(renewal: PaidRenewal, revokedMillicredits: number): number {
  const provider = renewal.refund?.providerRefundedCents;
  if (provider !== undefined) return Math.max(0, provider - renewal.refundedCents);
  const { amountCents: priceCents, millicredits: boughtMillicredits, refundedCents } = renewal;
  return proRataRefundCents({ priceCents, boughtMillicredits, revokedMillicredits: renewal.revokedMillicredits, refundedCents }, revokedMillicredits);
}

function requestRefund(state: Subscription, renewal: PaidRenewal, refund: RenewalRefund, at: EpochMillis): readonly SubscriptionEvent[] {
  if (renewal.refund !== null) return [];
  return [{ type: 'RenewalRefundRequested', data: { ...paymentOf(state, renewal), ...refund, at } }];
}

export function renewalOf(state: Subscription, invoiceId: string): PaidRenewal {
  const renewal = state.renewals.get(invoiceId);
  if (renewal === undefined) throw new PurchaseError('not_paid', `account ${state.accountId}: no paid renewal ${invoiceId}`);
  return renewal;
}

function paymentOf(state: Subscription, renewal: PaidRenewal) {
  return { accountId: state.accountId, invoiceId: renewal.invoiceId, grantId: renewal.grantId, pool: state.pool };
}

/**
 * A plan's order refunded here: each upgrade paid in the order's period (the first) is
 * refunded as a renewal is, once (its unspent credits revoked, the money pro rata); one
 * already refunded, or charged back, is left as it is.
 */
export function refundUpgradesOfOrderPeriod(state: Subscription, refund: RenewalRefund, at: EpochMillis): readonly SubscriptionEvent[] {
  const firstPeriodEnd = planPeriod(state.anchor, 0).periodEnd;
  return [...state.renewals.values()].filter((paid) => paid.kind === 'upgrade' && paid.periodEnd <= firstPeriodEnd).flatMap((upgrade) => requestRefund(state, upgrade, refund, at));
}
