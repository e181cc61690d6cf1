import type { AuditSource } from './audit-source';
import type { AuditFinding } from './finding';
import { walletFigures, type WalletFigures } from './replay-audit';
import { replayWallets, type ReplayProgress } from './wallet-replay';

export interface BalancesAsOfReport {
  readonly audit: 'balances';
  readonly source: string;
  readonly asOf: string;
  readonly wallets: readonly WalletFigures[];
  readonly findings: readonly AuditFinding[];
}

/** `audit balances --as-of`: every wallet's balance, held and available from the events recorded by then. */
export async function balancesAsOf(
  source: AuditSource,
  options: { readonly asOf: number; readonly accountId?: string; readonly pool?: string; readonly onProgress?: (progress: ReplayProgress) => void },
): Promise<BalancesAsOfReport> {
  const replay = await replayWallets(source, options);
  return {
    audit: 'balances',
    source: source.location,
    asOf: new Date(options.asOf).toISOString(),
    wallets: walletFigures(replay.wallets),
    findings: replay.findings,
  };
}
