import { WALLET_CATEGORY } from '@billing/contracts';

export interface WalletKey {
  readonly accountId: string;
  readonly pool: string;
}

const prefix = `${WALLET_CATEGORY}-`;

/** `wallet-<accountId>-<pool>`: account ids may contain dashes, so the pool is the LAST segment. */
export function parseWalletStream(streamName: string): WalletKey | undefined {
  if (!streamName.startsWith(prefix)) return undefined;
  const rest = streamName.slice(prefix.length);
  const cut = rest.lastIndexOf('-');
  if (cut <= 0 || cut === rest.length - 1) return undefined;
  return { accountId: rest.slice(0, cut), pool: rest.slice(cut + 1) };
}
