import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventuallyValue } from '@billing/util/testing';
import { EmbeddedTestPlatform } from '../testing/embedded-test-platform';
import { HttpClient } from '../testing/http-client';

type Json = Record<string, unknown>;
const PROBLEM = 'https://billing.local/problems/';
const RENDER = { model: 'seedance-2.0', duration_seconds: 5 };
const FINANCE_ROUTES = ['statement?account=carol&pool=api&from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z', 'balances?as_of=2026-01-01T00:00:00Z', 'liability?as_of=2026-01-01T00:00:00Z', 'verify', 'checkpoints'];

interface Balance {
  pool: string;
  balance: number;
  held: number;
  available: number;
}

describe('finance over REST (role finance): statements, balances as of, liability, verification, replayed from the wallet events', () => {
  let dir: string;
  let platform: EmbeddedTestPlatform;
  let anon: HttpClient;
  let carol: HttpClient; // app user of account carol
  let carolKey: HttpClient; // carol's API key
  let auditor: HttpClient; // a finance user
  let start: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gateway-finance-e2e-'));
    platform = await EmbeddedTestPlatform.start({ dir, jwtSecret: 'finance-e2e-secret-finance-e2e-secret' });
    anon = new HttpClient(platform.url);
    carol = anon.as(await platform.token('carol'));
    auditor = anon.as(await platform.token('auditor', 'finance'));
    start = new Date(Date.now() - 1_000).toISOString();

    const key = await carol.post('/v1/api-keys', { name: 'finance e2e' });
    expect(key.status).toBe(201);
    carolKey = anon.as(String(key.body['key']));
    const order = await carol.post('/v1/orders', { kind: 'pack', pack_id: 'api-1000' });
    expect(order.status).toBe(201);
    expect((await carol.post(`/v1/orders/${String(order.body['id'])}/confirm-sandbox-payment`)).status).toBe(200);
    await eventuallyValue(() => carolKey.get<{ balances: Balance[] }>('/v1/balances'), (answer) => answer.body.balances?.some((b) => b.pool === 'api' && b.available === 1000));
    const task = await carolKey.post('/v1/tasks', RENDER);
    expect(task.status).toBe(201);
    await eventuallyValue(() => carolKey.get(`/v1/tasks/${String(task.body['id'])}`), (answer) => answer.body['status'] === 'charged');
    await eventuallyValue(() => carolKey.get<{ balances: Balance[] }>('/v1/balances'), (answer) => answer.body.balances?.some((b) => b.pool === 'api' && b.balance === 925));
  }, 60_000);

  afterAll(async () => {
    await platform?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('given a purchase and a charged task, then the statement opens at 0 and closes at the wallet balance, entry by entry, with the money paid', async () => {
    const to = new Date().toISOString();
    const statement = await auditor.get(`/v1/finance/statement?account=carol&pool=api&from=${start}&to=${to}`);
    expect(statement.status).toBe(200);
    const balances = (await carol.get<{ balances: Balance[] }>('/v1/balances')).body.balances;
    expect(statement.body).toMatchObject({ account_id: 'carol', pool: 'api', opening_balance: 0, closing_held: 0, finding_count: 0, findings: [] });
    expect(statement.body['closing_balance']).toBe(balances.find((b) => b.pool === 'api')?.balance);
    const entries = statement.body['entries'] as Json[];
    expect(entries.map((e) => [e['type'], e['credits'], e['balance']])).toEqual([
      ['CreditsPurchased', 1000, 1000],
      ['CreditsReserved', 75, 1000],
      ['CreditsCharged', 75, 925],
    ]);
    expect(entries[0]).toMatchObject({ amount: { amount_cents: 7200, currency: 'USD' }, price_book: 'credits' });
    expect(entries[2]).toMatchObject({ amount: null, balance_change: -75, held_change: -75, held: 0 });
  });

  it('given an instant after the work, then balances as of it match GET /v1/balances pool by pool', async () => {
    const asOf = new Date().toISOString();
    const report = await auditor.get<{ as_of: string; wallets: Json[]; finding_count: number }>(`/v1/finance/balances?as_of=${asOf}&account=carol`);
    expect(report.status).toBe(200);
    expect(report.body.finding_count).toBe(0);
    const live = (await carol.get<{ balances: Balance[] }>('/v1/balances')).body.balances;
    expect(report.body.wallets.length).toBeGreaterThan(0);
    for (const wallet of report.body.wallets) {
      expect(wallet['account_id']).toBe('carol');
      const { pool, balance, held, available } = wallet as unknown as Balance;
      expect({ pool, balance, held, available }).toEqual(live.find((b) => b.pool === pool));
    }
    expect(report.body.wallets.map((w) => w['pool'])).toContain('api');
    const before = await auditor.get<{ wallets: Json[] }>(`/v1/finance/balances?as_of=${new Date(Date.parse(start) - 60_000).toISOString()}&account=carol`);
    expect(before.body.wallets).toEqual([]);
  });

  it('given the period of the work, then liability reconciles: 925 credits outstanding worth $66.60, 75 charged recognised as $5.40', async () => {
    const liability = await auditor.get<{ pools: Json[]; finding_count: number; rounding: string }>(`/v1/finance/liability?as_of=${new Date().toISOString()}&from=${start}`);
    expect(liability.status).toBe(200);
    expect(liability.body).toMatchObject({ finding_count: 0, rounding: 'half_even', period_from: start });
    expect(liability.body.pools.every((p) => p['reconciles'] === true)).toBe(true);
    const api = liability.body.pools.find((p) => p['pool'] === 'api');
    expect(api).toMatchObject({
      outstanding: { credits: 925, value: [{ amount_cents: 6660, currency: 'USD' }], purchased_credits: 925, granted_credits: 0 },
      opening: { credits: 0, value: [] },
      period: { purchased: { credits: 1000, value: [{ amount_cents: 7200, currency: 'USD' }] }, charged: { credits: 75, value: [{ amount_cents: 540, currency: 'USD' }] } },
      revenue_recognised: [{ amount_cents: 540, currency: 'USD' }],
      reconciles: true,
    });
    const sameEnd = await auditor.get(`/v1/finance/liability?to=${new Date().toISOString()}&from=${start}`);
    expect(sameEnd.status).toBe(200);
  });

  it('given the whole history, then verify reports no finding and no checkpoint is kept yet', async () => {
    const verify = await auditor.get('/v1/finance/verify');
    expect(verify.status).toBe(200);
    expect(verify.body).toMatchObject({ verified: true, checkpoints: 0, finding_count: 0, findings: [] });
    expect(verify.body['events_read']).toBeGreaterThanOrEqual(3);
    expect((await auditor.get('/v1/finance/verify?scope=chain')).body).toMatchObject({ verified: true });
    const checkpoints = await auditor.get('/v1/finance/checkpoints?period=day');
    expect(checkpoints.status).toBe(200);
    expect(checkpoints.body).toEqual({ checkpoints: [] });
  });

  it('given a caller without role finance (an app user, an API key), then 403 forbidden on every finance route; without a credential 401', async () => {
    for (const route of FINANCE_ROUTES) {
      for (const client of [carol, carolKey]) {
        const refused = await client.get(`/v1/finance/${route}`);
        expect(refused.status).toBe(403);
        expect(refused.headers.get('content-type')).toContain('application/problem+json');
        expect(refused.body).toMatchObject({ type: `${PROBLEM}forbidden`, status: 403, detail: expect.stringContaining('role finance') });
      }
      expect((await anon.get(`/v1/finance/${route}`)).status).toBe(401);
    }
  });

  it('given bad or missing parameters, then 400 naming every one', async () => {
    const missing = await auditor.get<{ errors: Json[] }>('/v1/finance/statement?pool=api&from=yesterday');
    expect(missing.status).toBe(400);
    expect(missing.body.errors.map((e) => e['field']).sort()).toEqual(['account', 'from', 'to']);
    const reversed = await auditor.get<{ errors: Json[] }>('/v1/finance/statement?account=carol&pool=api&from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z');
    expect(reversed.body.errors).toEqual([{ field: 'from', message: 'from must not be after to' }]);
    const notADay = await auditor.get<{ errors: Json[] }>('/v1/finance/balances?as_of=2026-02-30T00:00:00Z&colour=red');
    expect(notADay.body.errors.map((e) => e['field'])).toEqual(['colour', 'as_of']);
    const twoEnds = await auditor.get<{ errors: Json[] }>('/v1/finance/liability?as_of=2026-03-01T00:00:00Z&to=2026-03-02T00:00:00Z');
    expect(twoEnds.body.errors.map((e) => e['field'])).toEqual(['to']);
    const noEnd = await auditor.get<{ errors: Json[] }>('/v1/finance/liability');
    expect(noEnd.body.errors).toEqual([{ field: 'as_of', message: 'as_of (or to) is required' }]);
    expect((await auditor.get('/v1/finance/verify?scope=everything')).status).toBe(400);
  });

  it('documents every finance route with its response schema and problems in /openapi.json', async () => {
    const document = (await anon.get<{ paths: Record<string, Record<string, { responses: Record<string, Json> }>> }>('/openapi.json')).body;
    for (const path of ['/v1/finance/statement', '/v1/finance/balances', '/v1/finance/liability', '/v1/finance/verify', '/v1/finance/checkpoints']) {
      const responses = document.paths[path]?.['get']?.responses ?? {};
      expect(Object.keys(responses).sort()).toEqual(['200', '400', '401', '403', '414', '429', '503']);
    }
  });
});
