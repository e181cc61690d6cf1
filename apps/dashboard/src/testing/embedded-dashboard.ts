import { execFileSync } from 'node:child_process';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { BillingGateway, ensureJwtSecret, gatewayStatePath, openGatewayState, signAppToken } from '@billing/gateway-application';
import { type RunningGatewayHttp, startGatewayHttp } from '@billing/gateway-http';
import { loadPlatformConfig } from '@billing/platform-config';
import { PlatformRuntime } from '@billing/platform-runtime';
import { JsonLogger } from '@billing/service-host';

const ROOT = resolve(__dirname, '../../../..');
export const DASHBOARD_DIST = join(ROOT, 'apps/dashboard/dist');

/** Builds the dashboard when its build is missing or older than its sources (what `npm start` does). */
export function buildDashboard(): void {
  execFileSync(process.execPath, [join(ROOT, 'apps/dashboard/build-if-stale.mjs')], { cwd: ROOT, stdio: 'inherit' });
}

export interface EmbeddedDashboard {
  readonly url: string;
  readonly logs: readonly string[];
  token(accountId: string): Promise<string>;
  stop(): Promise<void>;
}

/**
 * The embedded platform as `npm start` composes it (every service in this process, the
 * in-process bus, SQLite under `dataDir`) with the REST gateway and the built dashboard
 * in front, on a free port the sandbox checkout URL points at.
 */
export async function startEmbeddedDashboard(dataDir: string): Promise<EmbeddedDashboard> {
  const port = await freePort();
  const logs: string[] = [];
  const config = loadPlatformConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'warn', SANDBOX_CHECKOUT_URL: `http://127.0.0.1:${port}/v1/sandbox/checkout` });
  const runtime = new PlatformRuntime({ config, services: ['pricing', 'wallet', 'purchase', 'tasks'], logSink: (line) => logs.push(line) });
  await runtime.start();
  const secret = ensureJwtSecret(dataDir);
  const db = openGatewayState(gatewayStatePath(dataDir));
  let http: RunningGatewayHttp;
  try {
    const gateway = new BillingGateway({ rpc: runtime.rpc, db, tokens: { jwtSecret: secret } });
    http = await startGatewayHttp({ gateway, logger: new JsonLogger('gateway', (line) => logs.push(line), 'warn'), port, logRequests: false, dashboardDir: DASHBOARD_DIST });
  } catch (error) {
    db.close();
    await runtime.stop();
    throw error;
  }
  return {
    url: http.url,
    logs,
    token: (accountId) => signAppToken(secret, accountId, { now: Date.now(), ttlSeconds: 3600 }),
    stop: async () => {
      await http.close();
      db.close();
      await runtime.stop();
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}
