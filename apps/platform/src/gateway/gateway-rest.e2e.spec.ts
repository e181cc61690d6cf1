import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BillingClient } from '@billing/sdk';
import { eventuallyValue } from '@billing/util/testing';
import { EmbeddedTestPlatform } from '../testing/embedded-test-platform';
import { HttpClient } from '../testing/http-client';
import { balanceOf, confirmedOrder } from '../testing/orders';
import { problemOf, SdkAnswers } from '../testing/sdk';

type Json = Record<string, unknown>;
const PROBLEM = 'https://billing.local/problems/';
const RENDER = { model: 'seedance-2.0', duration_seconds: 5 };

// Public operations go through @billing/sdk; raw HTTP (HttpClient) is kept for requests the SDK
// cannot send (malformed bodies, unknown values, routes that are no operation) and documents.
describe('REST gateway over the embedded platform (credits book: App and API pools)', () => {
  let dir: string;
  let platform: EmbeddedTestPlatform;
  let answers: SdkAnswers;
  let anon: BillingClient;
  let raw: HttpClient;
  let alice: BillingClient; // app user (JWT) of account alice
  let bob: BillingClient; // app user of account bob
  let aliceKey: BillingClient; // alice's API key
  let aliceKeyId: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gateway-rest-e2e-'));
    platform = await EmbeddedTestPlatform.start({ dir, jwtSecret: 'e2e-secret-e2e-secret-e2e-secret!' });
    answers = new SdkAnswers(platform.url);
    anon = answers.anon;
    raw = new HttpClient(platform.url);
    alice = anon.as(await platform.token('alice'));
    bob = anon.as(await platform.token('bob'));
  }, 30_000);

  afterAll(async () => {
    await platform?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const buy = (client: BillingClient, packId: string) => confirmedOrder(client, { kind: 'pack', pack_id: packId });

  it('token -> API key -> API credits bought in the sandbox -> quote -> task on the API pool -> credits_cost -> balances per pool', async () => {
    const created = await alice.apiKeys.create({ name: 'e2e' });
    expect(answers.last.status).toBe(201);
    expect(String(created.key)).toMatch(/^bk_[0-9a-f]{24}_/);
    aliceKeyId = created.id;
    aliceKey = anon.as(String(created.key));
    const listed = await alice.apiKeys.list();
    expect(listed.api_keys.map((k) => k.id)).toEqual([aliceKeyId]);
    expect(JSON.stringify(listed)).not.toContain(String(created.key));

    const placed = await alice.orders.place({ kind: 'pack', pack_id: 'api-1000' });
    expect(answers.last.status).toBe(201);
    const order = await alice.orders.confirmSandboxPayment(placed.id);
    expect(answers.last.status).toBe(200);
    expect(order.status).toBe('paid');
    expect(order.item).toMatchObject({ kind: 'pack', pack_id: 'api-1000', pool: 'api', credits: 1000 });
    expect(order.amount).toEqual({ amount_cents: 7200, currency: 'USD' });

    const quote = await aliceKey.tasks.quote(RENDER);
    expect(answers.last.status).toBe(200);
    expect(quote).toMatchObject({ credits: 75, pool: 'api', price_book: 'credits' });
    expect(quote.breakdown.map((f) => f.name)).toContain('rate');

    const task = await aliceKey.tasks.create(RENDER);
    expect(answers.last.status).toBe(201);
    expect(task).toMatchObject({ channel: 'api', pool: 'api' });
    const done = await eventuallyValue(
      () => aliceKey.tasks.get(task.id),
      (answer) => answer.status === 'charged',
    );
    expect(done).toMatchObject({ credits_cost: 75, end_reason: 'succeeded', delivered_duration_seconds: 5, charge_basis: 'full', quote: { credits: 75, price_book: 'credits' } });

    expect(await balanceOf(aliceKey, 'api')).toEqual({ pool: 'api', balance: 925, held: 0, available: 925 });
    expect(await balanceOf(alice, 'app')).toEqual({ pool: 'app', balance: 0, held: 0, available: 0 });
    const ledger = await alice.account.ledger({ pool: 'api' });
    expect(ledger.entries.map((e) => e.type)).toEqual(expect.arrayContaining(['CreditsPurchased', 'CreditsReserved', 'CreditsCharged']));
  });

  it('an app user draws on the App pool only: 402 naming the app pool while only API credits exist, then charged from App credits', async () => {
    const refused = await problemOf(alice.tasks.create(RENDER));
    expect(answers.last.headers.get('content-type')).toContain('application/problem+json');
    expect(refused).toMatchObject({ type: `${PROBLEM}insufficient-credits`, status: 402, pool: 'app', available: 0, required: 75 });
    expect(await balanceOf(alice, 'api')).toMatchObject({ available: 925 });

    await buy(alice, 'app-300');
    const task = await alice.tasks.create({ ...RENDER, model: 'seedance-2.0-fast' });
    expect(answers.last.status).toBe(201);
    expect(task).toMatchObject({ channel: 'app', pool: 'app' });
    await eventuallyValue(() => alice.tasks.get(task.id), (answer) => answer.credits_cost === 50);
    expect(await balanceOf(alice, 'app')).toEqual({ pool: 'app', balance: 250, held: 0, available: 250 });
    expect(await balanceOf(alice, 'api')).toMatchObject({ balance: 925 });
  });

  it('one account never sees or moves another’s tasks, orders, keys, balances or ledger (404, not 403)', async () => {
    const taskId = String((await alice.tasks.list()).tasks[0]?.id);
    const orderId = (await alice.orders.place({ kind: 'pack', pack_id: 'api-300' })).id;

    expect(await problemOf(bob.tasks.get(taskId))).toMatchObject({ status: 404, type: `${PROBLEM}not-found` });
    expect(await problemOf(bob.tasks.cancel(taskId))).toMatchObject({ status: 404 });
    expect(await problemOf(bob.tasks.adopt(taskId))).toMatchObject({ status: 404 });
    expect(await problemOf(bob.orders.get(orderId))).toMatchObject({ status: 404 });
    expect(await problemOf(bob.orders.confirmSandboxPayment(orderId))).toMatchObject({ status: 404 });
    expect(await problemOf(bob.apiKeys.revoke(aliceKeyId))).toMatchObject({ status: 404 });
    expect((await bob.tasks.list()).tasks).toEqual([]);
    expect((await bob.account.ledger()).entries).toEqual([]);
    expect((await bob.apiKeys.list()).api_keys).toEqual([]);
    expect(await bob.account.balances()).toMatchObject({ account_id: 'bob', balances: [{ balance: 0 }, { balance: 0 }] });
    // Alice's key still works: bob's attempt changed nothing.
    await aliceKey.account.balances();
    expect(answers.last.status).toBe(200);
    expect(await alice.orders.get(orderId)).toMatchObject({ id: orderId, status: 'placed' });
  });

  it('an API key cannot manage keys (403); a revoked key is refused at once (401)', async () => {
    expect(await problemOf(aliceKey.apiKeys.create({ name: 'from a key' }))).toMatchObject({ status: 403, type: `${PROBLEM}forbidden` });

    const spare = await alice.apiKeys.create({ name: 'spare' });
    const spareKey = anon.as(String(spare.key));
    await spareKey.account.balances();
    expect(answers.last.status).toBe(200);
    const revoked = await alice.apiKeys.revoke(spare.id);
    expect(answers.last.status).toBe(200);
    expect(revoked.revoked_at).toEqual(expect.any(String));
    expect(await problemOf(spareKey.account.balances())).toMatchObject({ type: `${PROBLEM}unauthorized`, status: 401 });
  });

  it('Idempotency-Key: the same key and body answer the same task (as it is now); the same key with another body is 422', async () => {
    const keyed = { idempotencyKey: 'e2e-task-1' };
    const first = await aliceKey.tasks.create(RENDER, keyed);
    expect(answers.last.status).toBe(201);
    const again = await aliceKey.tasks.create(RENDER, keyed);
    expect(answers.last.status).toBe(201);
    expect(again).toMatchObject({ id: first.id, quote: first.quote, created_at: first.created_at });
    expect(answers.last.headers.get('idempotent-replayed')).toBe('true');
    expect(await problemOf(aliceKey.tasks.create({ ...RENDER, duration_seconds: 6 }, keyed))).toMatchObject({ type: `${PROBLEM}idempotency-key-reused`, status: 422 });
    // A refusal is an answer too: replayed as it was.
    const refusedOnce = await problemOf(bob.tasks.create(RENDER, { idempotencyKey: 'bob-1' }));
    const refusedAgain = await problemOf(bob.tasks.create(RENDER, { idempotencyKey: 'bob-1' }));
    expect(refusedOnce.status).toBe(402);
    expect(refusedAgain.problem).toEqual(refusedOnce.problem);
    // A replayed key creation never shows the secret again.
    const key1 = await bob.apiKeys.create({ name: 'once' }, { idempotencyKey: 'bob-key' });
    const key2 = await bob.apiKeys.create({ name: 'once' }, { idempotencyKey: 'bob-key' });
    expect(key1.key).toEqual(expect.any(String));
    expect(key2).toEqual({ ...key1, key: null });
  });

  it('answers problems: 400 naming every bad field (never a 500 for bad input), 401, 404, 409', async () => {
    const aliceRaw = raw.as(await platform.token('alice'));
    const bad = await aliceRaw.post('/v1/tasks', { model: 7, duration_seconds: 1e300, fps: 'x', surprise: true });
    expect(bad.status).toBe(400);
    const fields = (bad.body['errors'] as Json[]).map((e) => e['field']);
    expect(new Set(fields)).toEqual(new Set(['model', 'duration_seconds', 'fps', 'surprise']));
    expect((await aliceRaw.post('/v1/tasks', '{"model": ')).status).toBe(400);
    expect((await aliceRaw.post('/v1/tasks', '[1,2]')).status).toBe(400);
    expect(await problemOf(alice.tasks.quote({ ...RENDER, model: 'no-such-model' }))).toMatchObject({ status: 400 });
    expect((await aliceRaw.get('/v1/tasks?limit=100000&status=nope')).body).toMatchObject({ status: 400, errors: [{ field: 'status' }, { field: 'limit' }] });

    expect(await problemOf(anon.account.balances())).toMatchObject({ status: 401 });
    expect(await problemOf(anon.as('not-a-jwt').account.balances())).toMatchObject({ status: 401 });
    expect(await problemOf(anon.as('bk_000000000000000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA').account.balances())).toMatchObject({ status: 401 });
    const forged = await new EmbeddedTokenForger().token('alice');
    expect(await problemOf(anon.as(forged).account.balances())).toMatchObject({ status: 401 });

    expect(await problemOf(alice.tasks.get('no-such-task'))).toMatchObject({ status: 404, type: `${PROBLEM}not-found` });
    expect(await problemOf(alice.orders.get('no-such-order'))).toMatchObject({ status: 404 });
    expect((await aliceRaw.get('/v1/nowhere')).status).toBe(404);
    expect(await problemOf(alice.tasks.get('x'.repeat(300)))).toMatchObject({ status: 414 });
    expect(answers.last.headers.get('content-type')).toContain('application/problem+json');

    const charged = (await alice.tasks.list({ status: 'charged' })).tasks[0];
    expect(await problemOf(alice.tasks.cancel(String(charged?.id)))).toMatchObject({ status: 409, type: `${PROBLEM}conflict` });
    expect(await alice.tasks.adopt(String(charged?.id))).toMatchObject({ adopted: true });
    expect(await alice.tasks.utilisation()).toMatchObject({ percentage: expect.any(String) });
  });

  // Deliberately unsigned, forged or misaddressed deliveries: raw HTTP.
  it('webhooks: a bad or missing signature is a 400 problem; an unknown provider 404', async () => {
    const unsigned = await raw.post('/v1/webhooks/payments/sandbox', { type: 'payment_confirmed', orderId: 'x' });
    expect(unsigned.status).toBe(400);
    expect(unsigned.body).toMatchObject({ type: `${PROBLEM}validation` });
    const forged = await raw.post('/v1/webhooks/payments/sandbox', { type: 'payment_confirmed' }, { 'x-sandbox-signature': `t=${Math.floor(Date.now() / 1000)},v1=${'0'.repeat(64)}` });
    expect(forged.status).toBe(400);
    expect((await raw.post('/v1/webhooks/payments/paypal', {})).status).toBe(404);
    // The simulator posts no webhooks: the generation endpoint says so.
    expect((await raw.post('/v1/webhooks/generation', {})).status).toBe(404);
  });

  it('health, metrics, OpenAPI and docs respond; the request id is echoed and logged', async () => {
    expect(await anon.operations.live()).toEqual({ status: 'ok' });
    expect(await anon.operations.ready()).toMatchObject({ ready: true, services: { pricing: 'up', wallet: 'up', tasks: 'up', purchase: 'up' } });
    await alice.account.balances({ headers: { 'x-request-id': 'trace-me-123' } });
    expect(answers.last.headers.get('x-request-id')).toBe('trace-me-123');
    expect(platform.logs.some((line) => line.includes('"requestId":"trace-me-123"'))).toBe(true);
    await alice.account.catalog();
    expect(answers.last.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(await anon.operations.metrics()).toContain('gateway_http_requests_total{method="GET",route="/v1/balances",status="200"}');
    // The documents are no operations of their own.
    const openapi = await raw.get<{ paths: Record<string, Record<string, { responses: Record<string, unknown> }>> }>('/openapi.json');
    expect(Object.keys(openapi.body.paths)).toEqual(expect.arrayContaining(['/v1/tasks', '/v1/tasks/{id}', '/v1/balances', '/v1/api-keys/{id}', '/v1/webhooks/payments/{provider}']));
    expect(Object.keys(openapi.body.paths['/v1/tasks']?.['post']?.responses ?? {})).toEqual(expect.arrayContaining(['201', '400', '401', '402', '403', '422', '429']));
    const docs = await raw.get<string>('/docs');
    expect(docs.body).toContain('swagger-ui-bundle.js');
    expect((await raw.get('/docs/swagger-ui-bundle.js')).status).toBe(200);
  });
});

describe('REST gateway with the points book (default plan without entitlements)', () => {
  let dir: string;
  let platform: EmbeddedTestPlatform;
  let answers: SdkAnswers;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gateway-points-e2e-'));
    platform = await EmbeddedTestPlatform.start({ dir, jwtSecret: 'points-secret-points-secret-points', priceBookId: 'points', logRequests: false });
    answers = new SdkAnswers(platform.url);
  }, 30_000);

  afterAll(async () => {
    await platform?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('subscribing to a plan, cancelling it at period end and resuming it, through REST', async () => {
    const user = answers.anon.as(await platform.token('sam'));
    expect(await problemOf(user.subscription.get())).toMatchObject({ status: 404 });
    expect(await problemOf(user.subscription.cancel())).toMatchObject({ status: 404 });
    const order = await confirmedOrder(user, { kind: 'plan', plan_id: 'explorer' });
    expect(order.item).toMatchObject({ kind: 'plan', plan_id: 'explorer', credits: 1000 });
    expect(await balanceOf(user, 'points')).toMatchObject({ balance: 1000 });
    const subscribed = await user.subscription.get();
    expect(subscribed).toMatchObject({ plan_id: 'explorer', status: 'active', billing: 'provider', ends_at: null, cancelled_at: null });
    const cancelled = await user.subscription.cancel();
    expect(answers.last.status).toBe(200);
    expect(cancelled).toMatchObject({ status: 'active', ends_at: subscribed.paid_through });
    expect(await user.subscription.cancel()).toEqual(cancelled);
    expect(await user.subscription.resume()).toMatchObject({ status: 'active', ends_at: null });
    await user.subscription.sandboxDeclineNextRenewal();
    expect(answers.last.status).toBe(200);
  });

  it('a plan without api_access or batch_generation gets 403 naming the entitlement', async () => {
    const user = answers.anon.as(await platform.token('erin'));
    expect(await problemOf(user.tasks.createBatch({ ...RENDER, batch_size: 3 }))).toMatchObject({ status: 403, type: `${PROBLEM}forbidden`, entitlement: 'batch_generation' });
    // A key every use of which would be refused is refused at once, with the same problem.
    expect(await problemOf(user.apiKeys.create({}))).toMatchObject({ status: 403, type: `${PROBLEM}forbidden`, entitlement: 'api_access' });
    // One pool for both channels in the points book.
    expect(await user.tasks.quote({ ...RENDER, resolution: '1080p' })).toMatchObject({ credits: 15, pool: 'points' });
  });
});

/** Signs with a secret the platform does not know: a forged token. */
class EmbeddedTokenForger {
  async token(accountId: string): Promise<string> {
    const { SignJWT } = await import('jose');
    return new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject(accountId).setExpirationTime('1h').sign(new TextEncoder().encode('some-other-secret-some-other-secret'));
  }
}
