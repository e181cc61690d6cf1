import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { ensureJwtSecret, signAppToken } from '@billing/gateway-application';

const ROOT = resolve(__dirname, '../../../..');
export const DASHBOARD_DIST = join(ROOT, 'apps/dashboard/dist');
const START_TIMEOUT_MILLIS = 90_000;

/** Builds the dashboard when its build is missing or older than its sources (what `npm start` does). */
export function buildDashboard(): void {
  execFileSync(process.execPath, [join(ROOT, 'apps/dashboard/build-if-stale.mjs')], { cwd: ROOT, stdio: 'inherit' });
}

export interface EmbeddedDashboard {
  readonly url: string;
  /** Every line the platform printed. */
  readonly logs: readonly string[];
  /** `email`: the token's `email` claim, the address members are listed with; `role: finance`: the platform's finance (who refunds any payment). */
  token(accountId: string, email?: string, role?: 'finance'): Promise<string>;
  stop(): Promise<void>;
}

/**
 * What `npm start` runs, as a child process: the platform app (every service, SQLite under
 * `dataDir`, the gateway serving the built dashboard) on a free loopback port, which the
 * sandbox checkout URL points at. Tokens are signed with the secret it wrote into `dataDir`.
 */
export async function startEmbeddedDashboard(dataDir: string): Promise<EmbeddedDashboard> {
  const port = await freePort();
  const logs: string[] = [];
  const child = spawn(process.execPath, ['--import', 'tsx', join('apps', 'platform', 'src', 'main.ts')], {
    cwd: ROOT,
    // Only what this platform needs: nothing from the test's environment (SERVICE, TRANSPORT, JWT_SECRET...).
    env: {
      PATH: process.env['PATH'] ?? '',
      HOME: process.env['HOME'] ?? '',
      DATA_DIR: dataDir,
      HOST: '127.0.0.1',
      PORT: String(port),
      GRPC_PORT: '0',
      LOG_LEVEL: 'warn',
      SANDBOX_CHECKOUT_URL: `http://127.0.0.1:${port}/v1/sandbox/checkout`,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const url = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`the platform did not start within ${START_TIMEOUT_MILLIS} ms:\n${logs.join('\n')}`)), START_TIMEOUT_MILLIS);
    const onLine = (line: string) => {
      logs.push(line);
      const listening = /^gateway: (http:\/\/\S+)/.exec(line)?.[1];
      if (listening) {
        clearTimeout(timer);
        done(listening);
      }
    };
    if (child.stdout) createInterface({ input: child.stdout }).on('line', onLine);
    if (child.stderr) createInterface({ input: child.stderr }).on('line', onLine);
    void exited.then(() => {
      clearTimeout(timer);
      fail(new Error(`the platform exited before it was running (code ${child.exitCode}):\n${logs.join('\n')}`));
    });
  }).catch(async (error: unknown) => {
    await stopChild(child, exited);
    throw error;
  });
  const secret = ensureJwtSecret(dataDir);
  return {
    url,
    logs,
    token: (accountId, email, role) => signAppToken(secret, accountId, { ...(email === undefined ? {} : { email }), ...(role === undefined ? {} : { role }), now: Date.now(), ttlSeconds: 3600 }),
    stop: () => stopChild(child, exited),
  };
}

/** SIGTERM (the platform closes its gateway, then its services), and SIGKILL after 20 s. */
async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
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
