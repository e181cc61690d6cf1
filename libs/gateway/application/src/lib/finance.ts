import {
  type AuditFinding,
  type BalancesAsOfCall,
  type BalancesAsOfReply,
  type CheckpointListing,
  type CheckpointsCall,
  type FindingsPage,
  type FlowFigures,
  LIABILITY_FLOWS,
  type LiabilityCall,
  type LiabilityFlow,
  type LiabilityReply,
  type StatementCall,
  type StatementReply,
  type VerifyCall,
  type VerifyReply,
} from '@billing/contracts';
import { creditsNumber } from '@billing/util';
import type { MoneyView } from './views';

// Finance's figures for the `finance` role: what a client asks, and what it sees of what the
// finance service answers (its contract's replies).

/** What a client asks finance is what the gateway asks the finance service; instants are ISO 8601 text. */
export type FinanceStatementInput = StatementCall;
export type FinanceBalancesInput = BalancesAsOfCall;
export type FinanceLiabilityInput = LiabilityCall;
export type FinanceVerifyInput = VerifyCall;
export type FinanceCheckpointsInput = CheckpointsCall;

/** One discrepancy, located by stream and revision, so finance can open the exact event. */
export interface FindingView {
  readonly kind: string;
  readonly stream_name: string;
  readonly revision: number | null;
  readonly position: number | null;
  readonly rule: string;
  readonly message: string;
}

interface FindingsView {
  /** Every finding (the list may be capped). */
  readonly finding_count: number;
  readonly findings: readonly FindingView[];
}

export interface StatementEntryView {
  readonly position: number;
  readonly revision: number;
  readonly recorded_at: string;
  readonly at: string;
  readonly type: string;
  readonly credits: number;
  readonly balance_change: number;
  readonly held_change: number;
  readonly balance: number;
  readonly held: number;
  readonly task_id: string | null;
  readonly reservation_id: string | null;
  readonly order_id: string | null;
  readonly price_book: string | null;
  readonly price_book_version: string | null;
  /** Money paid, for purchases; null otherwise. */
  readonly amount: MoneyView | null;
  readonly lot_id: string | null;
  readonly reason: string | null;
}

export interface StatementView extends FindingsView {
  readonly account_id: string;
  readonly pool: string;
  readonly from: string;
  readonly to: string;
  readonly opening_balance: number;
  readonly closing_balance: number;
  readonly closing_held: number;
  readonly entries: readonly StatementEntryView[];
}

export interface WalletAsOfView {
  readonly account_id: string;
  readonly pool: string;
  readonly revision: number;
  readonly balance: number;
  readonly held: number;
  readonly available: number;
}

export interface BalancesAsOfView extends FindingsView {
  readonly as_of: string;
  readonly wallets: readonly WalletAsOfView[];
}

/** Credits and their value at the price they were bought at, one amount per currency. */
export interface FlowView {
  readonly credits: number;
  readonly value: readonly MoneyView[];
}

export interface PoolLiabilityView {
  readonly pool: string;
  readonly outstanding: FlowView & { readonly purchased_credits: number; readonly granted_credits: number };
  readonly opening: FlowView;
  readonly period: Readonly<Record<LiabilityFlow, FlowView>>;
  readonly breakage: FlowView;
  readonly revenue_recognised: readonly MoneyView[];
  readonly all_time: Readonly<Record<LiabilityFlow, FlowView>>;
  readonly reconciles: boolean;
}

export interface LiabilityView extends FindingsView {
  readonly as_of: string;
  readonly period_from: string;
  readonly rounding: string;
  readonly pools: readonly PoolLiabilityView[];
}

export interface VerificationView extends FindingsView {
  readonly verified: boolean;
  readonly events_read: number;
  readonly streams: number;
  readonly checkpoints: number;
  /** The organisations audited with the wallets (their findings are in `findings`); null: their store is not beside finance. */
  readonly organisations: OrganisationsVerificationView | null;
}

export interface OrganisationsVerificationView {
  readonly events_read: number;
  readonly organisations: number;
  readonly migrated: number;
  readonly members: number;
  readonly accounts: number;
  readonly finding_count: number;
}

export interface CheckpointView {
  readonly name: string;
  readonly period: string;
  readonly period_end: string;
  readonly created_at: string;
  readonly streams: number;
  readonly digest: string;
  readonly key_fingerprint: string;
  /** Whether its signature is valid under the configured key; null when no key is configured. */
  readonly signature_valid: boolean | null;
}

export interface CheckpointsView {
  readonly checkpoints: readonly CheckpointView[];
}

const findingView = (finding: AuditFinding): FindingView => ({
  kind: finding.kind,
  stream_name: finding.streamName,
  revision: finding.revision,
  position: finding.position,
  rule: finding.rule,
  message: finding.message,
});

const findingsView = (wire: FindingsPage): FindingsView => ({ finding_count: wire.findingCount, findings: wire.findings.map(findingView) });

/** Per currency, in the currency's order. */
const moneyList = (cents: Readonly<Record<string, number>>): MoneyView[] =>
  Object.entries(cents)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([currency, amount]) => ({ amount_cents: amount, currency }));

const flowView = (flow: FlowFigures): FlowView => ({ credits: creditsNumber(flow.millicredits), value: moneyList(flow.valueCents) });

const flowsView = (flows: Readonly<Record<LiabilityFlow, FlowFigures>>): Record<LiabilityFlow, FlowView> =>
  Object.fromEntries(LIABILITY_FLOWS.map((flow) => [flow, flowView(flows[flow])])) as Record<LiabilityFlow, FlowView>;

export const statementView = (statement: StatementReply): StatementView => ({
  account_id: statement.accountId,
  pool: statement.pool,
  from: statement.from,
  to: statement.to,
  opening_balance: creditsNumber(statement.openingBalanceMillicredits),
  closing_balance: creditsNumber(statement.closingBalanceMillicredits),
  closing_held: creditsNumber(statement.closingHeldMillicredits),
  entries: statement.entries.map((entry) => ({
    position: entry.position,
    revision: entry.revision,
    recorded_at: entry.recordedAt,
    at: entry.at,
    type: entry.type,
    credits: creditsNumber(entry.millicredits),
    balance_change: creditsNumber(entry.balanceChangeMillicredits),
    held_change: creditsNumber(entry.heldChangeMillicredits),
    balance: creditsNumber(entry.runningBalanceMillicredits),
    held: creditsNumber(entry.heldMillicredits),
    task_id: entry.taskId,
    reservation_id: entry.reservationId,
    order_id: entry.orderId,
    price_book: entry.priceBookId,
    price_book_version: entry.priceBookVersion,
    amount: entry.amountCents === null || entry.currency === null ? null : { amount_cents: entry.amountCents, currency: entry.currency },
    lot_id: entry.lotId,
    reason: entry.reason,
  })),
  ...findingsView(statement),
});

export const balancesAsOfView = (report: BalancesAsOfReply): BalancesAsOfView => ({
  as_of: report.asOf,
  wallets: report.wallets.map((wallet) => ({
    account_id: wallet.accountId,
    pool: wallet.pool,
    revision: wallet.revision,
    balance: creditsNumber(wallet.balanceMillicredits),
    held: creditsNumber(wallet.heldMillicredits),
    available: creditsNumber(wallet.availableMillicredits),
  })),
  ...findingsView(report),
});

export const liabilityView = (report: LiabilityReply): LiabilityView => ({
  as_of: report.asOf,
  period_from: report.periodFrom,
  rounding: report.rounding,
  pools: report.pools.map((pool) => ({
    pool: pool.pool,
    outstanding: {
      ...flowView(pool.outstanding),
      purchased_credits: creditsNumber(pool.outstanding.purchasedMillicredits),
      granted_credits: creditsNumber(pool.outstanding.grantedMillicredits),
    },
    opening: flowView(pool.opening),
    period: flowsView(pool.period),
    breakage: flowView(pool.breakage),
    revenue_recognised: moneyList(pool.revenueRecognisedCents),
    all_time: flowsView(pool.allTime),
    reconciles: pool.reconciles,
  })),
  ...findingsView(report),
});

export const verificationView = (report: VerifyReply): VerificationView => ({
  verified: report.verified,
  events_read: report.eventsRead,
  streams: report.streams,
  checkpoints: report.checkpoints,
  organisations:
    report.organisations === null
      ? null
      : {
          events_read: report.organisations.eventsRead,
          organisations: report.organisations.organisations,
          migrated: report.organisations.migrated,
          members: report.organisations.members,
          accounts: report.organisations.accounts,
          finding_count: report.organisations.findingCount,
        },
  ...findingsView(report),
});

export const checkpointsView = (listing: readonly CheckpointListing[]): CheckpointsView => ({
  checkpoints: listing.map((checkpoint) => ({
    name: checkpoint.name,
    period: checkpoint.period,
    period_end: checkpoint.periodEnd,
    created_at: checkpoint.createdAt,
    streams: checkpoint.streams,
    digest: checkpoint.digest,
    key_fingerprint: checkpoint.keyFingerprint,
    signature_valid: checkpoint.signatureValid,
  })),
});
