import type { RoundingMode } from '@billing/util';
import type { WalletEvent } from '../wallet';
import { rpc } from './rpc-contract';

// Finance's figures, replayed from the wallet's events. Instants are ISO 8601 text.

// ---- requests ----
export interface StatementCall {
  readonly accountId: string;
  readonly pool: string;
  readonly from: string;
  readonly to: string;
}

export interface BalancesAsOfCall {
  readonly asOf: string;
  readonly accountId?: string;
  readonly pool?: string;
}

export interface LiabilityCall {
  readonly asOf: string;
  /** Start of the period for breakage and revenue; default the start of the asOf month (UTC). */
  readonly from?: string;
}

export interface VerifyCall {
  /** `chain`: hash chains and invariants only; `checkpoints` (default): also every stored checkpoint. */
  readonly scope?: 'chain' | 'checkpoints';
}

/** Lists the checkpoints kept, optionally of one period kind. */
export interface CheckpointsCall {
  readonly period?: 'day' | 'month';
}

// ---- what the reports hold ----
/** What kind of check found something. */
export type FindingKind = 'chain' | 'invariant' | 'event' | 'read_model' | 'checkpoint';

/**
 * One discrepancy, located by stream and revision (and global position where there is one),
 * so finance can open the exact event.
 */
export interface AuditFinding {
  readonly kind: FindingKind;
  readonly streamName: string;
  /** The revision the finding is about; null when it concerns a whole stream or row. */
  readonly revision: number | null;
  readonly position: number | null;
  /** A stable rule name (`hash_mismatch`, `conservation`, `balance_differs`...). */
  readonly rule: string;
  readonly message: string;
}

/** A reply's findings: all of them counted, the list capped. */
export interface FindingsPage {
  readonly findingCount: number;
  readonly findings: readonly AuditFinding[];
}

/** One line of a statement: what moved, the running balance, and what it was for. */
export interface StatementEntry {
  readonly position: number;
  readonly revision: number;
  readonly recordedAt: string;
  /** The business instant the wallet decided at (`at` of the event). */
  readonly at: string;
  readonly type: Exclude<WalletEvent['type'], 'ReservationRejected'>;
  readonly millicredits: number;
  readonly balanceChangeMillicredits: number;
  readonly heldChangeMillicredits: number;
  readonly runningBalanceMillicredits: number;
  readonly heldMillicredits: number;
  readonly taskId: string | null;
  readonly reservationId: string | null;
  /** The order (purchase id) for purchases and revocations. */
  readonly orderId: string | null;
  readonly priceBookId: string | null;
  readonly priceBookVersion: string | null;
  /** Money paid, for purchases. */
  readonly amountCents: number | null;
  readonly currency: string | null;
  readonly lotId: string | null;
  readonly reason: string | null;
}

export interface WalletStatement {
  readonly audit: 'statement';
  readonly source: string;
  readonly accountId: string;
  readonly pool: string;
  readonly from: string;
  readonly to: string;
  readonly openingBalanceMillicredits: number;
  readonly closingBalanceMillicredits: number;
  readonly closingHeldMillicredits: number;
  readonly entries: readonly StatementEntry[];
}

export interface WalletFigures {
  /** The wallet's latest stream (its latest period's), which `revision` is of. */
  readonly streamName: string;
  readonly accountId: string;
  readonly pool: string;
  readonly revision: number;
  readonly balanceMillicredits: number;
  readonly heldMillicredits: number;
  readonly availableMillicredits: number;
}

export interface BalancesAsOf {
  readonly audit: 'balances';
  readonly source: string;
  readonly asOf: string;
  readonly wallets: readonly WalletFigures[];
}

export const LIABILITY_FLOWS = ['purchased', 'granted', 'charged', 'refunded', 'expired', 'revoked'] as const;
export type LiabilityFlow = (typeof LIABILITY_FLOWS)[number];

export interface FlowFigures {
  readonly millicredits: number;
  /** Money at the price each credit was bought at, per currency, rounded once (grants count 0). */
  readonly valueCents: Readonly<Record<string, number>>;
}

export interface PoolLiability {
  readonly pool: string;
  /** Credits still in balances at `asOf` (held ones included), and their value. */
  readonly outstanding: FlowFigures & { readonly purchasedMillicredits: number; readonly grantedMillicredits: number };
  /** Outstanding at the start of the period, from the flows before it. */
  readonly opening: FlowFigures;
  /** Movements recorded in the period. */
  readonly period: Readonly<Record<LiabilityFlow, FlowFigures>>;
  /** Breakage: credits that expired unused in the period. */
  readonly breakage: FlowFigures;
  /** Charged credits at their purchase price, less credits refunded back, in the period. */
  readonly revenueRecognisedCents: Readonly<Record<string, number>>;
  /** Every flow since the first event. */
  readonly allTime: Readonly<Record<LiabilityFlow, FlowFigures>>;
  /** opening + period flows = outstanding, and all-time flows = outstanding, exactly, per price class. */
  readonly reconciles: boolean;
}

export interface Liability {
  readonly audit: 'liability';
  readonly source: string;
  readonly asOf: string;
  readonly periodFrom: string;
  readonly rounding: RoundingMode;
  readonly pools: readonly PoolLiability[];
}

export interface Verification {
  readonly verified: boolean;
  readonly eventsRead: number;
  readonly streams: number;
  readonly checkpoints: number;
  /** The gateway's organisations audited with the wallets (their findings are among the reply's); null: their store is not beside finance. */
  readonly organisations: OrganisationsVerification | null;
}

/**
 * The organisations' streams replayed (chains, the migration of single-user accounts, the
 * membership rules: an owner always) and checked against the wallets: every account is one
 * organisation's, and pools never mix (a lot funds one wallet only).
 */
export interface OrganisationsVerification {
  readonly eventsRead: number;
  readonly organisations: number;
  /** Founded by the migration of an account from before organisations. */
  readonly migrated: number;
  readonly members: number;
  /** Accounts with wallets, each checked to be an organisation's. */
  readonly accounts: number;
  readonly findingCount: number;
}

export interface CheckpointListing {
  readonly name: string;
  readonly period: string;
  readonly periodEnd: string;
  readonly createdAt: string;
  readonly streams: number;
  readonly digest: string;
  readonly keyFingerprint: string;
  /** Whether its signature is valid under the configured key; null when no key is configured. */
  readonly signatureValid: boolean | null;
}

// ---- replies ----
export type StatementReply = WalletStatement & FindingsPage;
export type BalancesAsOfReply = BalancesAsOf & FindingsPage;
export type LiabilityReply = Liability & FindingsPage;
export type VerifyReply = Verification & FindingsPage;
export type CheckpointsReply = readonly CheckpointListing[];

export const FinanceRpc = {
  statement: rpc<StatementCall, StatementReply>('finance', 'statement'),
  balancesAsOf: rpc<BalancesAsOfCall, BalancesAsOfReply>('finance', 'balancesAsOf'),
  liability: rpc<LiabilityCall, LiabilityReply>('finance', 'liability'),
  verify: rpc<VerifyCall, VerifyReply>('finance', 'verify'),
  checkpoints: rpc<CheckpointsCall, CheckpointsReply>('finance', 'checkpoints'),
};
