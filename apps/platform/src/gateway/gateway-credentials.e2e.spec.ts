import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventuallyValue } from '@billing/util/testing';
import { EmbeddedTestPlatform } from '../testing/embedded-test-platform';
import { HttpClient } from '../testing/http-client';
import { balanceOf, confirmedOrder } from '../testing/orders';

type Json = Record<string, unknown>;
const PROBLEM = 'https://billing.local/problems/';
const RENDER = { model: 'seedance-2.0', duration_seconds: 5 };

describe('credentials, idempotency and reading one’s own writes (credits book)', () => {
  let dir: string;
  let platform: EmbeddedTestPlatform;
  let anon: HttpClient;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gateway-credentials-e2e-'));
    platform = await EmbeddedTestPlatform.start({ dir, jwtSecret: 'credentials-secret-credentials-secret', logRequests: false });
    anon = new HttpClient(platform.url);
  }, 30_000);

  afterAll(async () => {
    await platform?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('given a confirmed payment, when balances are read at once, then the first read shows it (order after order, in both pools)', async () => {
    const user = anon.as(await platform.token('rita'));
    let app = 0;
    let api = 0;
    for (let round = 0; round < 6; round++) {
      const pack = round % 2 === 0 ? 'app-300' : 'api-1000';
      await confirmedOrder(user, { kind: 'pack', pack_id: pack });
      if (pack === 'app-300') app += 300;
      else api += 1000;
      expect(await balanceOf(user, 'app')).toEqual({ pool: 'app', balance: app, held: 0, available: app });
      expect(await balanceOf(user, 'api')).toEqual({ pool: 'api', balance: api, held: 0, available: api });
    }
    const ledger = await user.get<{ entries: Json[] }>('/v1/ledger');
    expect(ledger.body.entries.filter((e) => e['type'] === 'CreditsPurchased')).toHaveLength(6);
  });

  it('given a key used by an API key, when the app user or another key of the account sends it, then 422; the key’s own replay shows the task as it is now', async () => {
    const app = anon.as(await platform.token('quinn'));
    await confirmedOrder(app, { kind: 'pack', pack_id: 'api-1000' });
    await confirmedOrder(app, { kind: 'pack', pack_id: 'app-300' });
    const first = await app.post('/v1/api-keys', { name: 'first' });
    const second = await app.post('/v1/api-keys', { name: 'second' });
    const firstKey = anon.as(String(first.body['key']));
    const secondKey = anon.as(String(second.body['key']));
    const headers = { 'idempotency-key': 'qs-1' };

    const created = await firstKey.post('/v1/tasks', RENDER, headers);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ channel: 'api', pool: 'api' });

    for (const other of [app, secondKey]) {
      const crossed = await other.post('/v1/tasks', RENDER, headers);
      expect(crossed.status).toBe(422);
      expect(crossed.headers.get('content-type')).toContain('application/problem+json');
      expect(crossed.body).toMatchObject({ type: `${PROBLEM}idempotency-key-reused`, status: 422 });
      expect(JSON.stringify(crossed.body)).not.toContain(String(created.body['id']));
    }
    // Nothing ran for the refused ones: the app pool is untouched and the account has one task.
    expect(await balanceOf(app, 'app')).toMatchObject({ balance: 300, held: 0 });
    expect((await app.get<{ tasks: Json[] }>('/v1/tasks')).body.tasks).toHaveLength(1);

    await eventuallyValue(() => firstKey.get(`/v1/tasks/${String(created.body['id'])}`), (answer) => answer.body['status'] === 'charged');
    const replay = await firstKey.post('/v1/tasks', RENDER, headers);
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toMatchObject({ id: created.body['id'], status: 'charged', credits_cost: 75 });
  });

  it('given an app user’s refused task, when it is sent again after buying credits, then the refusal replays as it was; another body is 422', async () => {
    const app = anon.as(await platform.token('sam'));
    const headers = { 'idempotency-key': 'sam-1' };
    const refused = await app.post('/v1/tasks', RENDER, headers);
    expect(refused.status).toBe(402);
    await confirmedOrder(app, { kind: 'pack', pack_id: 'app-300' });
    const again = await app.post('/v1/tasks', RENDER, headers);
    expect(again.status).toBe(402);
    expect(again.body).toEqual(refused.body);
    expect((await app.post('/v1/tasks', { ...RENDER, duration_seconds: 6 }, headers)).status).toBe(422);
  });
});

describe('API keys follow the plan (points book: Starter has no api_access)', () => {
  let dir: string;
  let platform: EmbeddedTestPlatform;
  let anon: HttpClient;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gateway-credentials-points-e2e-'));
    platform = await EmbeddedTestPlatform.start({ dir, jwtSecret: 'credentials-points-secret-credentials', priceBookId: 'points', logRequests: false });
    anon = new HttpClient(platform.url);
  }, 30_000);

  afterAll(async () => {
    await platform?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('given a plan without api_access, when a key is created, then 403 api_access and no key exists; after buying Creator the key is created and works at once', async () => {
    const user = anon.as(await platform.token('tess'));
    const refused = await user.post('/v1/api-keys', { name: 'too early' });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body).toMatchObject({ type: `${PROBLEM}forbidden`, status: 403, entitlement: 'api_access', plan_id: 'starter' });
    expect((await user.get<{ api_keys: Json[] }>('/v1/api-keys')).body.api_keys).toEqual([]);

    await confirmedOrder(user, { kind: 'plan', plan_id: 'creator' });
    expect(await balanceOf(user, 'points')).toEqual({ pool: 'points', balance: 5000, held: 0, available: 5000 });
    const created = await user.post('/v1/api-keys', { name: 'now' });
    expect(created.status).toBe(201);
    const byKey = await anon.as(String(created.body['key'])).get('/v1/balances');
    expect(byKey.status).toBe(200);
    expect(byKey.body).toMatchObject({ balances: [{ pool: 'points', balance: 5000 }] });
  });
});
