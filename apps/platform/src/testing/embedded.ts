import { WalletRpc } from '@billing/contracts';
import { loadPlatformConfig } from '@billing/platform-config';
import { type RpcClient, send } from '@billing/service-host';
import { PlatformRuntime } from '../runtime/platform-runtime';
import { START_ORDER } from '../runtime/service-catalog';

/** All four services in this process on SQLite files in `dir`, the in-process bus, logs (warnings up) kept in `logs`. */
export async function startEmbedded(dir: string, env: Record<string, string> = {}, logs: string[] = []): Promise<PlatformRuntime> {
  const config = loadPlatformConfig({ DATA_DIR: dir, LOG_LEVEL: 'warn', ...env });
  const runtime = new PlatformRuntime({ config, services: START_ORDER, logSink: (line) => logs.push(line) });
  await runtime.start();
  return runtime;
}

/**
 * The variables for an embedded platform with its front door under test: free loopback
 * ports, a known JWT secret (tests mint tokens), the sandbox payment provider and a
 * simulator that answers at once and never fails.
 */
export function frontDoorTestEnvironment(dir: string, jwtSecret: string, priceBook = 'credits'): Record<string, string> {
  return {
    DATA_DIR: dir,
    PORT: '0',
    GRPC_PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'error',
    JWT_SECRET: jwtSecret,
    PRICE_BOOK: priceBook,
    PAYMENT_PROVIDER: 'sandbox',
    GENERATION_PROVIDER: 'simulator',
    SIMULATOR_LATENCY_MIN_MS: '0',
    SIMULATOR_LATENCY_MAX_MS: '0',
    SIMULATOR_FAILURE_RATE: '0',
    SIMULATOR_PARTIAL_RATE: '0',
  };
}

/** Waits until every account shows at least `millicredits` available in its API pool. */
export async function awaitFunding(rpc: RpcClient, accounts: readonly string[], timeoutMillis = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMillis;
  for (const accountId of accounts) {
    for (;;) {
      const pools = await send(rpc, WalletRpc.balances, { accountId });
      if (pools.some((p) => p.pool === 'api' && p.availableMillicredits > 0)) break;
      if (Date.now() > deadline) throw new Error(`account ${accountId} was not funded within ${timeoutMillis} ms`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}
