import { loadPlatformConfig } from '@billing/platform-config';
import type { RpcClient } from '@billing/service-host';
import { PlatformRuntime } from '../lib/platform-runtime';

/** All four services in this process on SQLite files in `dir`, the in-process bus, logs (warnings up) kept in `logs`. */
export async function startEmbedded(dir: string, env: Record<string, string> = {}, logs: string[] = []): Promise<PlatformRuntime> {
  const config = loadPlatformConfig({ DATA_DIR: dir, LOG_LEVEL: 'warn', ...env });
  const runtime = new PlatformRuntime({ config, services: ['pricing', 'wallet', 'purchase', 'tasks'], logSink: (line) => logs.push(line) });
  await runtime.start();
  return runtime;
}

/** Waits until every account shows at least `millicredits` available in its API pool. */
export async function awaitFunding(rpc: RpcClient, accounts: readonly string[], timeoutMillis = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMillis;
  for (const accountId of accounts) {
    for (;;) {
      const pools = await rpc.call<{ pool: string; availableMillicredits: number }[]>('wallet', 'balances', { accountId });
      if (pools.some((p) => p.pool === 'api' && p.availableMillicredits > 0)) break;
      if (Date.now() > deadline) throw new Error(`account ${accountId} was not funded within ${timeoutMillis} ms`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}
