import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BillingClient } from '@billing/sdk';
import { eventuallyValue } from '@billing/util/testing';
import { EmbeddedTestPlatform } from '../testing/embedded-test-platform';
import { HttpClient } from '../testing/http-client';
import { balanceOf } from '../testing/orders';
import { problemOf, SdkAnswers } from '../testing/sdk';

type Json = Record<string, unknown>;
const PROBLEM = 'https://billing.local/problems/';
const RENDER = { model: 'seedance-2.0', duration_seconds: 5 };
/** Every finance operation, called as each spec's caller. */
const FINANCE_CALLS: readonly ((client: BillingClient) => Promise<unknown>)[] = [
  (client) => client.finance.statement({ account: 'carol', pool: 'api', from: '2026-01-01T00:00:00Z', to: '2026-01-02T00:00:00Z' }),
  (client) => client.finance.balances({ as_of: '2026-01-01T00:00:00Z' }),
  (client) => client.finance.liability({ as_of: '2026-01-01T00:00:00Z' }),
  (client) => client.finance.verify(),
  (client) => client.finance.checkpoints(),
];

interface Balance {
  pool: string;
  balance: number;
  held: number;
  available: number;
}

// Public operations go through @billing/sdk; raw HTTP (HttpClient) is kept for malformed
// queries the SDK's types refuse and for the OpenAPI document.
describe('finance over REST (role finance): statements, balances as of, liability, verification, replayed from the wallet events', () => {
  let dir: string;
  let platform: EmbeddedTestPlatform;
  let answers: SdkAnswers;
  let anon: BillingClient;
  let carol: BillingClient; // app user of account carol
  let carolKey: BillingClient; // carol's API key
  let auditor: BillingClient; // a finance user
  let start: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gateway-finance-e2e-'));
    platform = await EmbeddedTestPlatform.start({ dir, jwtSecret: 'finance-e2e-secret-finance-e2e-secret' });
    answers = new SdkAnswers(platform.url);
    anon = answers.anon;
    carol = anon.as(await platform.token('carol'));
    auditor = anon.as(await platform.token('auditor', 'finance'));
    start = new Date(Date.now() - 1_000).toISOString();

    const key = await carol.apiKeys.create({ name: 'finance e2e' });
    expect(answers.last.status).toBe(201);
    carolKey = anon.as(String(key.key));
    const order = await carol.orders.place({ kind: 'pack', pack_id: 'api-1000' });
    expect(answers.last.status).toBe(201);
    await carol.orders.confirmSandboxPayment(order.id);
    expect(answers.last.status).toBe(200);
    await eventuallyValue(() => balanceOf(carolKey, 'api'), (pool) => pool?.available === 1000);
    const task = await carolKey.tasks.create(RENDER);
    expect(answers.last.status).toBe(201);
    await eventuallyValue(() => carolKey.tasks.get(task.id), (answer) => answer.status === 'charged');
    await eventuallyValue(() => balanceOf(carolKey, 'api'), (pool) => pool?.balance === 925);
  }, 60_000);

  afterAll(async () => {
    await platform?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('given a purchase and a charged task, then the statement opens at 0 and closes at the wallet balance, entry by entry, with the money paid', async () => {
    const to = new Date().toISOString();
    const statement = await auditor.finance.statement({ account: 'carol', pool: 'api', from: start, to });
    expect(answers.last.status).toBe(200);
    expect(statement).toMatchObject({ account_id: 'carol', pool: 'api', opening_balance: 0, closing_held: 0, finding_count: 0, findings: [] });
    expect(statement.closing_balance).toBe((await balanceOf(carol, 'api'))?.balance);
    const entries = statement.entries;
    expect(entries.map((e) => [e.type, e.credits, e.balance])).toEqual([
      ['CreditsPurchased', 1000, 1000],
      ['CreditsReserved', 75, 1000],
      ['CreditsCharged', 75, 925],
    ]);
    expect(entries[0]).toMatchObject({ amount: { amount_cents: 7200, currency: 'USD' }, price_book: 'credits' });
    expect(entries[2]).toMatchObject({ amount: null, balance_change: -75, held_change: -75, held: 0 });
  });

  it('given an instant after the work, then balances as of it match GET /v1/balances pool by pool', async () => {
    const asOf = new Date().toISOString();
    const report = await auditor.finance.balances({ as_of: asOf, account: 'carol' });
    expect(answers.last.status).toBe(200);
    expect(report.finding_count).toBe(0);
    const live = (await carol.account.balances()).balances;
    expect(report.wallets.length).toBeGreaterThan(0);
    for (const wallet of report.wallets) {
      expect(wallet.account_id).toBe('carol');
      const { pool, balance, held, available } = wallet as unknown as Balance;
      expect({ pool, balance, held, available }).toEqual(live.find((b) => b.pool === pool));
    }
    expect(report.wallets.map((w) => w.pool)).toContain('api');
    const before = await auditor.finance.balances({ as_of: new Date(Date.parse(start) - 60_000).toISOString(), account: 'carol' });
    expect(before.wallets).toEqual([]);
  });

  it('given the period of the work, then liability reconciles: 925 credits outstanding worth $66.60, 75 charged recognised as $5.40', async () => {
    const liability = await auditor.finance.liability({ as_of: new Date().toISOString(), from: start });
    expect(answers.last.status).toBe(200);
    expect(liability).toMatchObject({ finding_count: 0, rounding: 'half_even', period_from: start });
    expect(liability.pools.every((p) => p.reconciles === true)).toBe(true);
    const api = liability.pools.find((p) => p.pool === 'api');
    expect(api).toMatchObject({
      outstanding: { credits: 925, value: [{ amount_cents: 6660, currency: 'USD' }], purchased_credits: 925, granted_credits: 0 },
      opening: { credits: 0, value: [] },
      period: { purchased: { credits: 1000, value: [{ amount_cents: 7200, currency: 'USD' }] }, charged: { credits: 75, value: [{ amount_cents: 540, currency: 'USD' }] } },
      revenue_recognised: [{ amount_cents: 540, currency: 'USD' }],
      reconciles: true,
    });
    await auditor.finance.liability({ to: new Date().toISOString(), from: start });
    expect(answers.last.status).toBe(200);
  });

  it('given the whole history, then verify reports no finding and no checkpoint is kept yet', async () => {
    const verify = await auditor.finance.verify();
    expect(answers.last.status).toBe(200);
    expect(verify).toMatchObject({ verified: true, checkpoints: 0, finding_count: 0, findings: [] });
    // The gateway's organisations beside the wallets: every account that bought or spent is one organisation's.
    expect(verify.organisations).toMatchObject({ finding_count: 0 });
    expect(verify.organisations?.accounts).toBeGreaterThanOrEqual(1);
    expect(verify.organisations?.organisations).toBeGreaterThanOrEqual(verify.organisations?.accounts ?? Infinity);
    expect(verify.events_read).toBeGreaterThanOrEqual(3);
    expect(await auditor.finance.verify({ scope: 'chain' })).toMatchObject({ verified: true });
    const checkpoints = await auditor.finance.checkpoints({ period: 'day' });
    expect(answers.last.status).toBe(200);
    expect(checkpoints).toEqual({ checkpoints: [] });
  });

  it('given a caller without role finance (an app user, an API key), then 403 forbidden on every finance route; without a credential 401', async () => {
    for (const call of FINANCE_CALLS) {
      for (const client of [carol, carolKey]) {
        const refused = await problemOf(call(client));
        expect(answers.last.headers.get('content-type')).toContain('application/problem+json');
        expect(refused).toMatchObject({ type: `${PROBLEM}forbidden`, status: 403, detail: expect.stringContaining('role finance') });
      }
      expect(await problemOf(call(anon))).toMatchObject({ status: 401 });
    }
  });

  // Malformed queries (an unknown parameter, a scope that does not exist, days that do not): raw HTTP.
  it('given bad or missing parameters, then 400 naming every one', async () => {
    const auditor = new HttpClient(platform.url, await platform.token('auditor', 'finance'));
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
    const document = (await new HttpClient(platform.url).get<{ paths: Record<string, Record<string, { responses: Record<string, Json> }>> }>('/openapi.json')).body;
    for (const path of ['/v1/finance/statement', '/v1/finance/balances', '/v1/finance/liability', '/v1/finance/verify', '/v1/finance/checkpoints']) {
      const responses = document.paths[path]?.['get']?.responses ?? {};
      expect(Object.keys(responses).sort()).toEqual(['200', '400', '401', '403', '414', '429', '503']);
    }
  });
});
