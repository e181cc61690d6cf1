import type { WalletFigures } from '@billing/contracts';
import type Database from 'better-sqlite3';
import type { AuditSource } from './audit-source';
import type { AuditedWallet } from './audited-wallet';
import type { AuditFinding } from './finding';
import { ReadModelCheck } from './read-model-check';
import { lapsedHoldFindings, replayWallets, type ReplayProgress, type WalletSelection } from './wallet-replay';

export interface ReplayAuditOptions extends WalletSelection {
  /** The wallet service's read-model database, opened read-only; absent: no comparison. */
  readonly readModels?: Database.Database;
  /** The audit's own instant: holds open past their TTL by then are findings (invariant 3). */
  readonly now: number;
  /** How long past its TTL a hold may wait for the sweeper before it is a finding (default 60 s). */
  readonly holdGraceMillis?: number;
  readonly onProgress?: (progress: ReplayProgress) => void;
}

export type { WalletFigures } from '@billing/contracts';

export interface ReplayAuditReport {
  readonly audit: 'replay';
  readonly source: string;
  readonly generatedAt: string;
  readonly asOf: string | null;
  readonly scope: { readonly accountId: string | null; readonly pool: string | null };
  readonly headPosition: number;
  readonly eventsRead: number;
  readonly eventsFolded: number;
  readonly streams: number;
  readonly wallets: number;
  /** Null when no read models were compared (none given, or an `--as-of` replay: read models are live). */
  readonly readModels: { readonly compared: true; readonly checkpoints: { balances: number; ledger: number; expiry: number } } | null;
  readonly findingCount: number;
  readonly findings: readonly AuditFinding[];
}

/**
 * `audit replay`: every wallet rebuilt from its events alone, every chain verified,
 * invariants 1 to 4 at every event, and the result compared with the live read models.
 */
export async function runReplayAudit(
  source: AuditSource,
  options: ReplayAuditOptions,
): Promise<{ report: ReplayAuditReport; wallets: WalletFigures[]; audited: ReadonlyMap<string, AuditedWallet> }> {
  const wallets = new Map<string, AuditedWallet>();
  const scope = { ...(options.accountId === undefined ? {} : { accountId: options.accountId }), ...(options.pool === undefined ? {} : { pool: options.pool }) };
  const check = options.readModels !== undefined && options.asOf === undefined ? new ReadModelCheck(options.readModels, () => wallets, scope) : undefined;
  let replay;
  try {
    replay = await replayWallets(source, { ...options, wallets, ...(check ? { visitor: check } : {}) });
  } catch (error) {
    check?.finish();
    throw error;
  }
  const findings = [...replay.findings, ...lapsedHoldFindings(wallets, options.asOf ?? options.now, options.holdGraceMillis ?? 60_000)];
  if (check) findings.push(...check.finish());
  findings.sort((a, b) => (a.position ?? Number.MAX_SAFE_INTEGER) - (b.position ?? Number.MAX_SAFE_INTEGER) || a.streamName.localeCompare(b.streamName));
  const report: ReplayAuditReport = {
    audit: 'replay',
    source: source.location,
    generatedAt: new Date(options.now).toISOString(),
    asOf: options.asOf === undefined ? null : new Date(options.asOf).toISOString(),
    scope: { accountId: options.accountId ?? null, pool: options.pool ?? null },
    headPosition: replay.headPosition,
    eventsRead: replay.eventsRead,
    eventsFolded: replay.eventsFolded,
    streams: replay.chain.streams().size,
    wallets: wallets.size,
    readModels: check ? { compared: true, checkpoints: check.readModelCheckpoints } : null,
    findingCount: findings.length,
    findings,
  };
  return { report, wallets: walletFigures(wallets), audited: wallets };
}

export function walletFigures(wallets: ReadonlyMap<string, AuditedWallet>): WalletFigures[] {
  return [...wallets]
    .map(([, wallet]) => ({
      streamName: wallet.streamName,
      accountId: wallet.accountId,
      pool: wallet.pool,
      revision: wallet.revision,
      balanceMillicredits: wallet.balanceMillicredits,
      heldMillicredits: wallet.heldMillicredits,
      availableMillicredits: wallet.availableMillicredits,
    }))
    .filter((figures) => figures.revision >= 0)
    .sort((a, b) => a.accountId.localeCompare(b.accountId) || a.pool.localeCompare(b.pool));
}
