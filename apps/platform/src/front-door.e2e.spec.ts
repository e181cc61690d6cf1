import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signAppToken } from '@billing/gateway-application';
import type { GetBalancesResponse } from '@billing/gateway-grpc';
import { BillingGrpcClient } from '@billing/gateway-grpc/testing';
import { loadPlatformConfig } from '@billing/platform-config';
import { openFrontDoor } from './runtime/front-door';
import { PlatformRuntime } from './runtime/platform-runtime';

const SECRET = 'front-door-e2e-secret-front-door-e2e-secret';

/** One unary billing.v1 call over a real connection. */
async function getBalances(address: string, token: string): Promise<GetBalancesResponse> {
  const client = new BillingGrpcClient(address);
  try {
    return await client.getBalances(token);
  } finally {
    client.close();
  }
}

/** A port free right now: `npm start` is given a fixed PORT, not 0, so the test picks one the same way. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

describe('the front door of `npm start`: REST and gRPC on one facade over the embedded runtime', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'front-door-e2e-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('given GRPC_PORT=0, then gRPC answers on a free port with the balances REST shows, finance answers its role over REST, and both close before the services stop', async () => {
    const runtime = new PlatformRuntime({ config: loadPlatformConfig({ DATA_DIR: dir, LOG_LEVEL: 'warn' }), services: ['pricing', 'wallet', 'purchase', 'tasks'], logSink: () => undefined });
    await runtime.start();
    let stopped = false;
    try {
      const door = await openFrontDoor(runtime, { PORT: '0', GRPC_PORT: '0', HOST: '127.0.0.1', JWT_SECRET: SECRET, LOG_LEVEL: 'warn', DASHBOARD_DIR: join(dir, 'no-dashboard') });
      runtime.beforeStop(() => door.close());
      expect(door.lines).toContain(`grpc: localhost:${door.grpc.port} (billing.v1)`);
      expect(door.grpc.port).toBeGreaterThan(0);
      const token = await signAppToken(SECRET, 'erin', { now: Date.now(), ttlSeconds: 600 });
      const finance = await signAppToken(SECRET, 'fiona', { role: 'finance', now: Date.now(), ttlSeconds: 600 });
      const rest = (path: string, credential: string, method = 'GET') => fetch(`${door.http.url}${path}`, { method, headers: { authorization: `Bearer ${credential}` } });

      const order = (await (await fetch(`${door.http.url}/v1/orders`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ kind: 'pack', pack_id: 'app-300' }),
      })).json()) as { id: string };
      expect((await rest(`/v1/orders/${order.id}/confirm-sandbox-payment`, token, 'POST')).status).toBe(200);
      let pools: GetBalancesResponse['pools'] = [];
      for (const deadline = Date.now() + 15_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 20))) {
        pools = (await getBalances(`127.0.0.1:${door.grpc.port}`, token)).pools;
        if (pools.some((p) => p.pool === 'app' && p.balance === '300')) break;
      }
      const restPools = ((await (await rest('/v1/balances', token)).json()) as { balances: { pool: string; balance: number; available: number }[] }).balances;
      expect(pools.map((p) => [p.pool, Number(p.balance), Number(p.available)])).toEqual(restPools.map((p) => [p.pool, p.balance, p.available]));
      expect(restPools.find((p) => p.pool === 'app')).toMatchObject({ balance: 300, available: 300 });

      const statement = await rest(`/v1/finance/statement?account=erin&pool=app&from=2020-01-01T00:00:00Z&to=${new Date().toISOString()}`, finance);
      expect(statement.status).toBe(200);
      expect(await statement.json()).toMatchObject({ account_id: 'erin', pool: 'app', closing_balance: 300, finding_count: 0 });
      expect((await rest('/v1/finance/verify', token)).status).toBe(403);

      await runtime.stop();
      stopped = true;
      await expect(fetch(`${door.http.url}/health/live`)).rejects.toThrow();
      await expect(getBalances(`127.0.0.1:${door.grpc.port}`, token)).rejects.toMatchObject({ code: 14 });
    } finally {
      if (!stopped) await runtime.stop();
    }
  }, 60_000);

  it('given PORT set to another port than 3000 and no SANDBOX_CHECKOUT_URL, then an order’s checkout_url leads to this gateway’s checkout page', async () => {
    const env = { DATA_DIR: dir, PORT: String(await freePort()), GRPC_PORT: '0', HOST: '127.0.0.1', JWT_SECRET: SECRET, LOG_LEVEL: 'warn', DASHBOARD_DIR: join(dir, 'no-dashboard') };
    const runtime = new PlatformRuntime({ config: loadPlatformConfig(env), services: ['pricing', 'wallet', 'purchase', 'tasks'], logSink: () => undefined });
    await runtime.start();
    try {
      const door = await openFrontDoor(runtime, env);
      runtime.beforeStop(() => door.close());
      const token = await signAppToken(SECRET, 'erin', { now: Date.now(), ttlSeconds: 600 });

      const order = (await (await fetch(`${door.http.url}/v1/orders`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ kind: 'pack', pack_id: 'app-300' }),
      })).json()) as { id: string; checkout_url: string };

      expect(order.checkout_url).toBe(`http://127.0.0.1:${env.PORT}/v1/sandbox/checkout/${order.id}`);
      const page = await fetch(order.checkout_url, { redirect: 'manual' });
      expect(page.status).toBe(303);
      expect(page.headers.get('location')).toBe(`/dashboard/checkout/${order.id}`);
    } finally {
      await runtime.stop();
    }
  }, 60_000);
});
