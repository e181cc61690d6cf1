import type { CloseRenewalDispute, EpochMillis, OpenRenewalDispute, RecordRenewalRefund, RefundRenewal, SubscriptionEvent } from '@billing/contracts';
import { PurchaseError } from '../purchase-errors';
import { planGrantId } from '../workflow/purchase-command';
import type { Subscription } from './subscription-state';

/** A period paid by a renewal, as its later dispute or refund finds it. */
export interface PaidRenewal {
  readonly invoiceId: string;
  readonly periodStart: EpochMillis;
  readonly millicredits: number;
  readonly amountCents: number;
  readonly currency: string;
  readonly dispute: { readonly disputeId: string; readonly status: 'open' | 'won' | 'lost' } | null;
  /** What the provider said it returned, once a refund was reported. */
  readonly providerRefundedCents: number | null;
  readonly refundedCents: number;
  readonly revocations: readonly string[];
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
  const refund = requestRefund(state, renewal, reason, Math.min(amountCents, renewal.amountCents), at);
  const { accountId, planId } = state;
  const ended: SubscriptionEvent[] = state.status === 'cancelled' ? [] : [{ type: 'SubscriptionCancelled', data: { accountId, planId, reason: `chargeback: ${reason}`, at } }];
  return [closed, ...refund, ...ended];
}

/** The provider returned a renewal's money (its dashboard): the period's unspent credits are revoked; reported again, nothing changes. */
export function refundRenewal(command: RefundRenewal, state: Subscription): readonly SubscriptionEvent[] {
  const renewal = renewalOf(state, command.data.invoiceId);
  const { providerRefundedCents, reason } = command.data;
  if (!Number.isSafeInteger(providerRefundedCents) || providerRefundedCents < 0 || providerRefundedCents > renewal.amountCents) {
    throw new PurchaseError('refund_mismatch', `renewal ${renewal.invoiceId} cost ${renewal.amountCents} cents; the provider cannot have returned ${providerRefundedCents}`);
  }
  return requestRefund(state, renewal, reason, providerRefundedCents, command.metadata.now);
}

/**
 * Settles one revocation of a refunded renewal's credits, once: the provider returned the
 * money itself, so the first revocation records all it returned and later ones nothing.
 */
export function recordRenewalRefund(command: RecordRenewalRefund, state: Subscription): readonly SubscriptionEvent[] {
  const { invoiceId, revocationId, revokedMillicredits, amountCents } = command.data;
  const renewal = renewalOf(state, invoiceId);
  if (renewal.providerRefundedCents === null) throw new PurchaseError('refund_not_requested', `renewal ${invoiceId} has no refund under way`);
  if (renewal.revocations.includes(revocationId)) return [];
  const due = renewalRefundDue(renewal);
  if (amountCents !== due) throw new PurchaseError('refund_mismatch', `renewal ${invoiceId}: ${due} cents are still to be recorded, not ${amountCents}`);
  return [{ type: 'RenewalRefunded', data: { ...paymentOf(state, renewal), amountCents, currency: renewal.currency, revocationId, revokedMillicredits, at: command.metadata.now } }];
}

/** What the next revocation of a refunded renewal records: what the provider returned, less what is recorded. */
export function renewalRefundDue(renewal: PaidRenewal): number {
  return Math.max(0, (renewal.providerRefundedCents ?? 0) - renewal.refundedCents);
}

function requestRefund(state: Subscription, renewal: PaidRenewal, reason: string, providerRefundedCents: number, at: EpochMillis): readonly SubscriptionEvent[] {
  if (renewal.providerRefundedCents !== null) return [];
  return [{ type: 'RenewalRefundRequested', data: { ...paymentOf(state, renewal), reason, initiatedBy: 'provider', providerRefundedCents, at } }];
}

export function renewalOf(state: Subscription, invoiceId: string): PaidRenewal {
  const renewal = state.renewals.get(invoiceId);
  if (renewal === undefined) throw new PurchaseError('not_paid', `account ${state.accountId}: no paid renewal ${invoiceId}`);
  return renewal;
}

function paymentOf(state: Subscription, renewal: PaidRenewal) {
  return { accountId: state.accountId, invoiceId: renewal.invoiceId, grantId: planGrantId(state.accountId, renewal.periodStart), pool: state.pool };
}
