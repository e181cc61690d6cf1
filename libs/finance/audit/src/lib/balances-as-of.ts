import type { BalancesAsOf } from '@billing/contracts';
import type { AuditSource } from './audit-source';
import type { AuditFinding } from './finding';
import { walletFigures } from './replay-audit';
import { replayWallets, type ReplayProgress } from './wallet-replay';

export interface BalancesAsOfReport extends BalancesAsOf {
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
