import { parseWalletStreamName } from '@billing/contracts';

export interface WalletKey {
  readonly accountId: string;
  readonly pool: string;
}

/**
 * The wallet a stream belongs to: `wallet-<accountId>-<pool>` and each of its period
 * streams `wallet-<accountId>-<pool>.<period>` (read models follow the wallet across periods).
 */
export function parseWalletStream(streamName: string): WalletKey | undefined {
  const parts = parseWalletStreamName(streamName);
  return parts === undefined ? undefined : { accountId: parts.accountId, pool: parts.pool };
}
