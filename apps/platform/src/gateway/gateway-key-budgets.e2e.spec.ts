import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BillingClient } from '@billing/sdk';
import { EmbeddedTestPlatform } from '../testing/embedded-test-platform';
import { bookWithoutConcurrencyLimit } from '../testing/price-books';
import { HttpClient } from '../testing/http-client';
import { balanceOf, confirmedOrder } from '../testing/orders';

type Json = Record<string, unknown>;
const PROBLEM = 'https://billing.local/problems/';
/** 75 credits from the API pool (15 per second, no video reference). */
const RENDER = { model: 'seedance-2.0', duration_seconds: 5 };
const TASK_CREDITS = 75;


describe('API keys with scopes, budgets, expiry and rotation (credits book, real HTTP)', () => {
  let dir: string;
  let platform: EmbeddedTestPlatform;
  let anon: HttpClient;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gateway-key-budgets-e2e-'));
    platform = await EmbeddedTestPlatform.start({
      dir,
      jwtSecret: 'key-budgets-secret-key-budgets-secret',
      logRequests: false,
      variables: { PRICE_BOOKS_DIR: bookWithoutConcurrencyLimit(dir), SIMULATOR_LATENCY_MIN_MS: '20000', SIMULATOR_LATENCY_MAX_MS: '20000' },
    });
    anon = new HttpClient(platform.url);
  }, 30_000);

  /** The account's app user, raw and through the SDK (which the order and balance helpers take). */
  const appUser = async (accountId: string) => {
    const token = await platform.token(accountId);
    return { owner: anon.as(token), sdk: new BillingClient({ baseUrl: platform.url, credential: token }) };
  };

  afterAll(async () => {
    await platform?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('given a key whose budget covers 20 tasks, when 200 are created at once with it, then exactly 20 hold credits and the rest of the pool is untouched', async () => {
    const { owner, sdk } = await appUser('bea');
    await confirmedOrder(sdk, { kind: 'pack', pack_id: 'api-3000' });
    const created = await owner.post('/v1/api-keys', { name: 'contractor', budget_credits: 20 * TASK_CREDITS, budget_per: 'month' });
    expect(created.status).toBe(201);
    expect(created.body['budget']).toEqual({ limit: 1500, per: 'month', spent: 0, remaining: 1500 });
    const key = anon.as(String(created.body['key']));

    const answers = await Promise.all(Array.from({ length: 200 }, () => key.post('/v1/tasks', RENDER)));

    const accepted = answers.filter((answer) => answer.status === 201);
    const refused = answers.filter((answer) => answer.status !== 201);
    expect(accepted).toHaveLength(20);
    expect(refused).toHaveLength(180);
    for (const answer of refused) {
      expect(answer.status).toBe(402);
      expect(answer.body).toMatchObject({ type: `${PROBLEM}key-budget-exceeded`, key_id: created.body['id'], available: 0, required: TASK_CREDITS });
    }
    expect(await balanceOf(sdk, 'api')).toEqual({ pool: 'api', balance: 3000, held: 1500, available: 1500 });
    const listed = await owner.get<{ api_keys: Json[] }>('/v1/api-keys');
    expect(listed.body.api_keys.find((k) => k['id'] === created.body['id'])?.['budget']).toEqual({ limit: 1500, per: 'month', spent: 1500, remaining: 0 });

    // The pool's other credits are still there for the owner's other keys.
    const other = anon.as(String((await owner.post('/v1/api-keys', { name: 'ci' })).body['key']));
    expect((await other.post('/v1/tasks', RENDER)).status).toBe(201);
  }, 60_000);

  it('given a key with scopes, when it calls an operation outside them, then 403 naming the scope; inside them it works', async () => {
    const { owner, sdk } = await appUser('cyd');
    await confirmedOrder(sdk, { kind: 'pack', pack_id: 'api-1000' });
    const created = await owner.post('/v1/api-keys', { name: 'reader', scopes: ['balances:read', 'quotes'] });
    expect(created.body['scopes']).toEqual(['balances:read', 'quotes']);
    const reader = anon.as(String(created.body['key']));

    expect((await reader.get('/v1/balances')).status).toBe(200);
    expect((await reader.post('/v1/quotes', RENDER)).status).toBe(200);
    const refused = await reader.post('/v1/tasks', RENDER);
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ type: `${PROBLEM}forbidden`, scope: 'tasks:write' });
    expect((await reader.get('/v1/tasks')).body).toMatchObject({ scope: 'tasks:read' });
    expect(await balanceOf(sdk, 'api')).toMatchObject({ held: 0, balance: 1000 });
  });

  it('given a rotated key, when both secrets are used within the overlap, then both work; a rotation without overlap ends the old one at once', async () => {
    const owner = anon.as(await platform.token('dov'));
    const created = await owner.post('/v1/api-keys', { name: 'rotating' });
    const id = String(created.body['id']);
    const first = anon.as(String(created.body['key']));

    const rotated = await owner.post(`/v1/api-keys/${id}/rotate`, { overlap_seconds: 3600 });
    expect(rotated.status).toBe(200);
    expect(rotated.body).toMatchObject({ id, previous_secret_expires_at: expect.any(String) });
    const second = anon.as(String(rotated.body['key']));
    expect((await first.get('/v1/balances')).status).toBe(200);
    expect((await second.get('/v1/balances')).status).toBe(200);

    const third = anon.as(String((await owner.post(`/v1/api-keys/${id}/rotate`, { overlap_seconds: 0 })).body['key']));
    expect((await second.get('/v1/balances')).status).toBe(401);
    expect((await third.get('/v1/balances')).status).toBe(200);
    // The first secret's overlap was replaced by the second rotation's.
    expect((await first.get('/v1/balances')).status).toBe(401);
    expect((await anon.as('nobody').post(`/v1/api-keys/${id}/rotate`, {})).status).toBe(401);
    const stranger = anon.as(await platform.token('eve'));
    expect((await stranger.post(`/v1/api-keys/${id}/rotate`, {})).status).toBe(404);
  });

  it('given a key with an expiry in the past or malformed terms, then 400; keys made without terms keep every scope and no budget', async () => {
    const owner = anon.as(await platform.token('fay'));
    expect((await owner.post('/v1/api-keys', { expires_at: '2000-01-01T00:00:00Z' })).status).toBe(400);
    expect((await owner.post('/v1/api-keys', { scopes: ['tasks:fly'] })).status).toBe(400);
    expect((await owner.post('/v1/api-keys', { budget_credits: 1.0001 })).status).toBe(400);
    const plain = await owner.post('/v1/api-keys', {});
    expect(plain.body).toMatchObject({ scopes: null, budget: null, expires_at: null });
  });
});
