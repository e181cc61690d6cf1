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

describe('REST gateway over the embedded platform (credits book: App and API pools)', () => {
  let dir: string;
  let platform: EmbeddedTestPlatform;
  let anon: HttpClient;
  let alice: HttpClient; // app user (JWT) of account alice
  let bob: HttpClient; // app user of account bob
  let aliceKey: HttpClient; // alice's API key
  let aliceKeyId: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gateway-rest-e2e-'));
    platform = await EmbeddedTestPlatform.start({ dir, jwtSecret: 'e2e-secret-e2e-secret-e2e-secret!' });
    anon = new HttpClient(platform.url);
    alice = anon.as(await platform.token('alice'));
    bob = anon.as(await platform.token('bob'));
  }, 30_000);

  afterAll(async () => {
    await platform?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const buy = (client: HttpClient, packId: string): Promise<Json> => confirmedOrder(client, { kind: 'pack', pack_id: packId });

  it('token -> API key -> API credits bought in the sandbox -> quote -> task on the API pool -> credits_cost -> balances per pool', async () => {
    const created = await alice.post('/v1/api-keys', { name: 'e2e' });
    expect(created.status).toBe(201);
    expect(String(created.body['key'])).toMatch(/^bk_[0-9a-f]{24}_/);
    aliceKeyId = String(created.body['id']);
    aliceKey = anon.as(String(created.body['key']));
    const listed = await alice.get<{ api_keys: Json[] }>('/v1/api-keys');
    expect(listed.body.api_keys.map((k) => k['id'])).toEqual([aliceKeyId]);
    expect(JSON.stringify(listed.body)).not.toContain(String(created.body['key']));

    const order = await buy(alice, 'api-1000');
    expect(order['item']).toMatchObject({ kind: 'pack', pack_id: 'api-1000', pool: 'api', credits: 1000 });
    expect(order['amount']).toEqual({ amount_cents: 7200, currency: 'USD' });

    const quote = await aliceKey.post('/v1/quotes', RENDER);
    expect(quote.status).toBe(200);
    expect(quote.body).toMatchObject({ credits: 75, pool: 'api', price_book: 'credits' });
    expect((quote.body['breakdown'] as Json[]).map((f) => f['name'])).toContain('rate');

    const task = await aliceKey.post('/v1/tasks', RENDER);
    expect(task.status).toBe(201);
    expect(task.body).toMatchObject({ channel: 'api', pool: 'api' });
    const done = await eventuallyValue(
      () => aliceKey.get(`/v1/tasks/${String(task.body['id'])}`),
      (answer) => answer.body['status'] === 'charged',
    );
    expect(done.body).toMatchObject({ credits_cost: 75, end_reason: 'succeeded', delivered_duration_seconds: 5, charge_basis: 'full', quote: { credits: 75, price_book: 'credits' } });

    expect(await balanceOf(aliceKey, 'api')).toEqual({ pool: 'api', balance: 925, held: 0, available: 925 });
    expect(await balanceOf(alice, 'app')).toEqual({ pool: 'app', balance: 0, held: 0, available: 0 });
    const ledger = await alice.get<{ entries: Json[] }>('/v1/ledger?pool=api');
    expect(ledger.body.entries.map((e) => e['type'])).toEqual(expect.arrayContaining(['CreditsPurchased', 'CreditsReserved', 'CreditsCharged']));
  });

  it('an app user draws on the App pool only: 402 naming the app pool while only API credits exist, then charged from App credits', async () => {
    const refused = await alice.post('/v1/tasks', RENDER);
    expect(refused.status).toBe(402);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body).toMatchObject({ type: `${PROBLEM}insufficient-credits`, status: 402, pool: 'app', available: 0, required: 75 });
    expect(await balanceOf(alice, 'api')).toMatchObject({ available: 925 });

    await buy(alice, 'app-300');
    const task = await alice.post('/v1/tasks', { ...RENDER, model: 'seedance-2.0-fast' });
    expect(task.status).toBe(201);
    expect(task.body).toMatchObject({ channel: 'app', pool: 'app' });
    await eventuallyValue(() => alice.get(`/v1/tasks/${String(task.body['id'])}`), (answer) => answer.body['credits_cost'] === 50);
    expect(await balanceOf(alice, 'app')).toEqual({ pool: 'app', balance: 250, held: 0, available: 250 });
    expect(await balanceOf(alice, 'api')).toMatchObject({ balance: 925 });
  });

  it('one account never sees or moves another’s tasks, orders, keys, balances or ledger (404, not 403)', async () => {
    const aliceTasks = await alice.get<{ tasks: Json[] }>('/v1/tasks');
    const taskId = String(aliceTasks.body.tasks[0]?.['id']);
    const order = await alice.post('/v1/orders', { kind: 'pack', pack_id: 'api-300' });
    const orderId = String(order.body['id']);

    expect((await bob.get(`/v1/tasks/${taskId}`)).body).toMatchObject({ status: 404, type: `${PROBLEM}not-found` });
    expect((await bob.post(`/v1/tasks/${taskId}/cancel`)).status).toBe(404);
    expect((await bob.post(`/v1/tasks/${taskId}/adopt`)).status).toBe(404);
    expect((await bob.get(`/v1/orders/${orderId}`)).status).toBe(404);
    expect((await bob.post(`/v1/orders/${orderId}/confirm-sandbox-payment`)).status).toBe(404);
    expect((await bob.delete(`/v1/api-keys/${aliceKeyId}`)).status).toBe(404);
    expect((await bob.get<{ tasks: Json[] }>('/v1/tasks')).body.tasks).toEqual([]);
    expect((await bob.get<{ entries: Json[] }>('/v1/ledger')).body.entries).toEqual([]);
    expect((await bob.get<{ api_keys: Json[] }>('/v1/api-keys')).body.api_keys).toEqual([]);
    expect((await bob.get<{ balances: Json[] }>('/v1/balances')).body).toMatchObject({ account_id: 'bob', balances: [{ balance: 0 }, { balance: 0 }] });
    // Alice's key still works: bob's attempt changed nothing.
    expect((await aliceKey.get('/v1/balances')).status).toBe(200);
    expect((await alice.get(`/v1/orders/${orderId}`)).body).toMatchObject({ id: orderId, status: 'placed' });
  });

  it('an API key cannot manage keys (403); a revoked key is refused at once (401)', async () => {
    const byKey = await aliceKey.post('/v1/api-keys', { name: 'from a key' });
    expect(byKey.status).toBe(403);
    expect(byKey.body).toMatchObject({ type: `${PROBLEM}forbidden` });

    const spare = await alice.post('/v1/api-keys', { name: 'spare' });
    const spareKey = anon.as(String(spare.body['key']));
    expect((await spareKey.get('/v1/balances')).status).toBe(200);
    const revoked = await alice.delete(`/v1/api-keys/${String(spare.body['id'])}`);
    expect(revoked.status).toBe(200);
    expect(revoked.body['revoked_at']).toEqual(expect.any(String));
    const after = await spareKey.get('/v1/balances');
    expect(after.status).toBe(401);
    expect(after.body).toMatchObject({ type: `${PROBLEM}unauthorized`, status: 401 });
  });

  it('Idempotency-Key: the same key and body answer the same task (as it is now); the same key with another body is 422', async () => {
    const headers = { 'idempotency-key': 'e2e-task-1' };
    const first = await aliceKey.post('/v1/tasks', RENDER, headers);
    const again = await aliceKey.post('/v1/tasks', RENDER, headers);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ id: first.body['id'], quote: first.body['quote'], created_at: first.body['created_at'] });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const other = await aliceKey.post('/v1/tasks', { ...RENDER, duration_seconds: 6 }, headers);
    expect(other.status).toBe(422);
    expect(other.body).toMatchObject({ type: `${PROBLEM}idempotency-key-reused`, status: 422 });
    // A refusal is an answer too: replayed as it was.
    const refusedOnce = await bob.post('/v1/tasks', RENDER, { 'idempotency-key': 'bob-1' });
    const refusedAgain = await bob.post('/v1/tasks', RENDER, { 'idempotency-key': 'bob-1' });
    expect(refusedOnce.status).toBe(402);
    expect(refusedAgain.body).toEqual(refusedOnce.body);
    // A replayed key creation never shows the secret again.
    const key1 = await bob.post('/v1/api-keys', { name: 'once' }, { 'idempotency-key': 'bob-key' });
    const key2 = await bob.post('/v1/api-keys', { name: 'once' }, { 'idempotency-key': 'bob-key' });
    expect(key1.body['key']).toEqual(expect.any(String));
    expect(key2.body).toEqual({ ...key1.body, key: null });
  });

  it('answers problems: 400 naming every bad field (never a 500 for bad input), 401, 404, 409', async () => {
    const bad = await alice.post('/v1/tasks', { model: 7, duration_seconds: 1e300, fps: 'x', surprise: true });
    expect(bad.status).toBe(400);
    const fields = (bad.body['errors'] as Json[]).map((e) => e['field']);
    expect(new Set(fields)).toEqual(new Set(['model', 'duration_seconds', 'fps', 'surprise']));
    expect((await alice.post('/v1/tasks', '{"model": ')).status).toBe(400);
    expect((await alice.post('/v1/tasks', '[1,2]')).status).toBe(400);
    expect((await alice.post('/v1/quotes', { ...RENDER, model: 'no-such-model' })).status).toBe(400);
    expect((await alice.get('/v1/tasks?limit=100000&status=nope')).body).toMatchObject({ status: 400, errors: [{ field: 'status' }, { field: 'limit' }] });

    expect((await anon.get('/v1/balances')).status).toBe(401);
    expect((await anon.as('not-a-jwt').get('/v1/balances')).status).toBe(401);
    expect((await anon.as('bk_000000000000000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA').get('/v1/balances')).status).toBe(401);
    const forged = await new EmbeddedTokenForger().token('alice');
    expect((await anon.as(forged).get('/v1/balances')).status).toBe(401);

    expect((await alice.get('/v1/tasks/no-such-task')).body).toMatchObject({ status: 404, type: `${PROBLEM}not-found` });
    expect((await alice.get('/v1/orders/no-such-order')).status).toBe(404);
    expect((await alice.get('/v1/nowhere')).status).toBe(404);
    const tooLong = await alice.get(`/v1/tasks/${'x'.repeat(300)}`);
    expect(tooLong.status).toBe(414);
    expect(tooLong.headers.get('content-type')).toContain('application/problem+json');

    const charged = (await alice.get<{ tasks: Json[] }>('/v1/tasks?status=charged')).body.tasks[0];
    const cancel = await alice.post(`/v1/tasks/${String(charged?.['id'])}/cancel`);
    expect(cancel.status).toBe(409);
    expect(cancel.body).toMatchObject({ type: `${PROBLEM}conflict` });
    const adopted = await alice.post(`/v1/tasks/${String(charged?.['id'])}/adopt`);
    expect(adopted.body).toMatchObject({ adopted: true });
    expect((await alice.get('/v1/utilisation')).body).toMatchObject({ percentage: expect.any(String) });
  });

  it('webhooks: a bad or missing signature is a 400 problem; an unknown provider 404', async () => {
    const unsigned = await anon.post('/v1/webhooks/payments/sandbox', { type: 'payment_confirmed', orderId: 'x' });
    expect(unsigned.status).toBe(400);
    expect(unsigned.body).toMatchObject({ type: `${PROBLEM}validation` });
    const forged = await anon.post('/v1/webhooks/payments/sandbox', { type: 'payment_confirmed' }, { 'x-sandbox-signature': `t=${Math.floor(Date.now() / 1000)},v1=${'0'.repeat(64)}` });
    expect(forged.status).toBe(400);
    expect((await anon.post('/v1/webhooks/payments/paypal', {})).status).toBe(404);
    // The simulator posts no webhooks: the generation endpoint says so.
    expect((await anon.post('/v1/webhooks/generation', {})).status).toBe(404);
  });

  it('health, metrics, OpenAPI and docs respond; the request id is echoed and logged', async () => {
    expect((await anon.get('/health/live')).body).toEqual({ status: 'ok' });
    expect((await anon.get('/health/ready')).body).toMatchObject({ ready: true, services: { pricing: 'up', wallet: 'up', tasks: 'up', purchase: 'up' } });
    const traced = await alice.get('/v1/balances', { 'x-request-id': 'trace-me-123' });
    expect(traced.headers.get('x-request-id')).toBe('trace-me-123');
    expect(platform.logs.some((line) => line.includes('"requestId":"trace-me-123"'))).toBe(true);
    expect((await anon.get('/v1/catalog')).headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const metrics = await anon.get<string>('/metrics');
    expect(metrics.body).toContain('gateway_http_requests_total{method="GET",route="/v1/balances",status="200"}');
    const openapi = await anon.get<{ paths: Record<string, Record<string, { responses: Record<string, unknown> }>> }>('/openapi.json');
    expect(Object.keys(openapi.body.paths)).toEqual(expect.arrayContaining(['/v1/tasks', '/v1/tasks/{id}', '/v1/balances', '/v1/api-keys/{id}', '/v1/webhooks/payments/{provider}']));
    expect(Object.keys(openapi.body.paths['/v1/tasks']?.['post']?.responses ?? {})).toEqual(expect.arrayContaining(['201', '400', '401', '402', '403', '422', '429']));
    const docs = await anon.get<string>('/docs');
    expect(docs.body).toContain('swagger-ui-bundle.js');
    expect((await anon.get('/docs/swagger-ui-bundle.js')).status).toBe(200);
  });
});

describe('REST gateway with the points book (default plan without entitlements)', () => {
  let dir: string;
  let platform: EmbeddedTestPlatform;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gateway-points-e2e-'));
    platform = await EmbeddedTestPlatform.start({ dir, jwtSecret: 'points-secret-points-secret-points', priceBookId: 'points', logRequests: false });
  }, 30_000);

  afterAll(async () => {
    await platform?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('subscribing to a plan, cancelling it at period end and resuming it, through REST', async () => {
    const user = new HttpClient(platform.url, await platform.token('sam'));
    expect((await user.get('/v1/subscription')).status).toBe(404);
    expect((await user.post('/v1/subscription/cancel')).status).toBe(404);
    const order = await confirmedOrder(user, { kind: 'plan', plan_id: 'explorer' });
    expect(order['item']).toMatchObject({ kind: 'plan', plan_id: 'explorer', credits: 1000 });
    expect(await balanceOf(user, 'points')).toMatchObject({ balance: 1000 });
    const subscribed = await user.get<Json>('/v1/subscription');
    expect(subscribed.body).toMatchObject({ plan_id: 'explorer', status: 'active', billing: 'provider', ends_at: null, cancelled_at: null });
    const cancelled = await user.post('/v1/subscription/cancel');
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'active', ends_at: subscribed.body['paid_through'] });
    expect((await user.post('/v1/subscription/cancel')).body).toEqual(cancelled.body);
    const resumed = await user.post('/v1/subscription/resume');
    expect(resumed.body).toMatchObject({ status: 'active', ends_at: null });
    expect((await user.post('/v1/subscription/sandbox-decline-next-renewal')).status).toBe(200);
  });

  it('a plan without api_access or batch_generation gets 403 naming the entitlement', async () => {
    const user = new HttpClient(platform.url, await platform.token('erin'));
    const batch = await user.post('/v1/batches', { ...RENDER, batch_size: 3 });
    expect(batch.status).toBe(403);
    expect(batch.body).toMatchObject({ type: `${PROBLEM}forbidden`, entitlement: 'batch_generation' });
    // A key every use of which would be refused is refused at once, with the same problem.
    const key = await user.post('/v1/api-keys', {});
    expect(key.status).toBe(403);
    expect(key.body).toMatchObject({ type: `${PROBLEM}forbidden`, entitlement: 'api_access' });
    // One pool for both channels in the points book.
    expect((await user.post('/v1/quotes', { ...RENDER, resolution: '1080p' })).body).toMatchObject({ credits: 15, pool: 'points' });
  });
});

/** Signs with a secret the platform does not know: a forged token. */
class EmbeddedTokenForger {
  async token(accountId: string): Promise<string> {
    const { SignJWT } = await import('jose');
    return new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject(accountId).setExpirationTime('1h').sign(new TextEncoder().encode('some-other-secret-some-other-secret'));
  }
}
