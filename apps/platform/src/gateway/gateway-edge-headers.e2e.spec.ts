import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BillingClient } from '@billing/sdk';
import { EmbeddedTestPlatform } from '../testing/embedded-test-platform';
import { HttpClient } from '../testing/http-client';
import { confirmedOrder } from '../testing/orders';
import { problemOf, SdkAnswers } from '../testing/sdk';

type Json = Record<string, unknown>;
const PROBLEM = 'https://billing.local/problems/';
const RENDER = { model: 'seedance-2.0', duration_seconds: 5 };
/** Tasks stay running for an hour: the account's concurrency limit can be reached. */
const SLOW_PROVIDER = { SIMULATOR_LATENCY_MIN_MS: '3600000', SIMULATOR_LATENCY_MAX_MS: '3600000' };
const TIGHT = { RATE_LIMIT_APP_USER: '2/60', RATE_LIMIT_API_KEY: '3/60', PUBLIC_URL: 'https://billing.example.test/' };

/** `"name";a=1;b=2` as `{ name, a, b }` (a Structured Field list of one item with integer parameters). */
function structuredItem(value: string | null): Json {
  const [name, ...parameters] = (value ?? '').split(';');
  return { name: JSON.parse(name ?? '""') as string, ...Object.fromEntries(parameters.map((p) => [p.split('=')[0], Number(p.split('=')[1])])) };
}

// Calls go through @billing/sdk (never retrying, so every 429 is seen); the headers are read
// from the answer it kept, or from the BillingProblem a refusal threw. Raw HTTP for the documents.
describe('the REST edge’s headers: RateLimit, Retry-After, WWW-Authenticate (embedded platform over HTTP)', () => {
  let dir: string;
  let platform: EmbeddedTestPlatform;
  let tight: { readonly url: string; closeAll(): Promise<void> };
  let answers: SdkAnswers;
  let tightAnswers: SdkAnswers;
  let anon: BillingClient;
  let raw: HttpClient;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gateway-edge-headers-e2e-'));
    platform = await EmbeddedTestPlatform.start({ dir, jwtSecret: 'edge-headers-secret-edge-headers-secret', logRequests: false, variables: SLOW_PROVIDER });
    tight = await platform.extraGateway('tight-gateway', TIGHT);
    answers = new SdkAnswers(platform.url);
    tightAnswers = new SdkAnswers(tight.url);
    anon = answers.anon;
    raw = new HttpClient(platform.url);
  }, 30_000);

  afterAll(async () => {
    await tight?.closeAll();
    await platform?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('given RATE_LIMIT_APP_USER=2/60, when an app user calls three times, then RateLimit counts down and the third is a 429 problem with Retry-After', async () => {
    const carol = tightAnswers.anon.as(await platform.token('carol'));
    await carol.account.catalog();
    const first = tightAnswers.last;
    expect(first.status).toBe(200);
    expect(first.headers.get('ratelimit-policy')).toBe('"per-app-user";q=2;w=60');
    expect(structuredItem(first.headers.get('ratelimit'))).toEqual({ name: 'per-app-user', r: 1, t: expect.any(Number) });
    await carol.account.balances();
    expect(structuredItem(tightAnswers.last.headers.get('ratelimit'))).toMatchObject({ r: 0 });

    const limited = await problemOf(carol.account.balances());
    expect(limited.status).toBe(429);
    const reset = structuredItem(limited.headers.get('ratelimit'));
    expect(reset).toMatchObject({ name: 'per-app-user', r: 0 });
    expect(Number(limited.headers.get('retry-after'))).toBe(reset['t']);
    expect(reset['t']).toBeGreaterThanOrEqual(1);
    expect(reset['t']).toBeLessThanOrEqual(60);
    expect(limited).toMatchObject({ type: `${PROBLEM}rate-limited`, status: 429, limit: 2, retry_after: reset['t'] });
    expect(limited.headers.get('x-ratelimit-limit')).toBeNull();
    // Another app user has a budget of its own.
    await carol.as(await platform.token('dave')).account.balances();
    expect(tightAnswers.last.status).toBe(200);
  });

  it('given RATE_LIMIT_API_KEY=3/60, when an API key calls four times, then its own policy applies and the fourth is 429', async () => {
    const owner = anon.as(await platform.token('erin'));
    const created = await owner.apiKeys.create({ name: 'edge' });
    expect(answers.last.status).toBe(201);
    const key = tightAnswers.anon.as(String(created.key));
    const seen: Response[] = [];
    for (let call = 0; call < 4; call++) {
      await key.account.balances().catch(() => undefined);
      seen.push(tightAnswers.last);
    }
    expect(seen.map((answer) => answer.status)).toEqual([200, 200, 200, 429]);
    expect(seen[0]?.headers.get('ratelimit-policy')).toBe('"per-api-key";q=3;w=60');
    expect(seen.map((answer) => structuredItem(answer.headers.get('ratelimit'))['r'])).toEqual([2, 1, 0, 0]);
    expect(Number(seen[3]?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });

  it('given a public route, then it is not limited and says nothing of a limit', async () => {
    await tightAnswers.anon.operations.live();
    const live = tightAnswers.last;
    expect(live.status).toBe(200);
    expect(live.headers.get('ratelimit')).toBeNull();
    expect(live.headers.get('ratelimit-policy')).toBeNull();
  });

  it('given no credential, then 401 with the bare Bearer challenge; given a bad token or an unknown API key, then invalid_token', async () => {
    const bare = await problemOf(anon.account.balances());
    expect(bare.status).toBe(401);
    expect(bare.headers.get('www-authenticate')).toBe('Bearer realm="billing"');
    expect(bare).toMatchObject({ type: `${PROBLEM}unauthorized` });

    const badToken = await problemOf(anon.as('not.a.jwt').account.balances());
    expect(badToken.status).toBe(401);
    expect(badToken.headers.get('www-authenticate')).toMatch(/^Bearer realm="billing", error="invalid_token", error_description="[ -~]+"$/);

    const unknownKey = await problemOf(anon.as('bk_nokey_0000000000000000').tasks.create(RENDER));
    expect(unknownKey.status).toBe(401);
    expect(unknownKey.headers.get('www-authenticate')).toBe('Bearer realm="billing", error="invalid_token", error_description="the API key is unknown, revoked or expired"');
    expect(unknownKey.headers.get('ratelimit')).toBeNull();
  });

  // The document is no operation of its own: raw HTTP.
  it('given the document, then the challenge’s scheme is the one it declares for API keys and app users, and the headers are documented', async () => {
    const document = (await raw.get<Json>('/openapi.json')).body as {
      components: { securitySchemes: Record<string, Json>; headers: Record<string, Json> };
      paths: Record<string, Record<string, { security?: unknown[]; responses: Record<string, { headers?: Json }> }>>;
    };
    expect(document.components.securitySchemes['apiKey']).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(document.components.securitySchemes['appUser']).toMatchObject({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
    const balances = document.paths['/v1/balances']?.['get'];
    expect(balances?.security).toEqual([{ apiKey: [] }, { appUser: [] }]);
    expect(Object.keys(balances?.responses['200']?.headers ?? {})).toEqual(expect.arrayContaining(['RateLimit', 'RateLimit-Policy']));
    expect(Object.keys(balances?.responses['429']?.headers ?? {})).toEqual(expect.arrayContaining(['Retry-After', 'RateLimit']));
    expect(Object.keys(balances?.responses['401']?.headers ?? {})).toEqual(['WWW-Authenticate']);
    expect(document.paths['/v1/api-keys']?.['get']?.security).toEqual([{ appUser: [] }]);
    expect(document.paths['/health/live']?.['get']?.security).toEqual([]);
  });

  it('given PUBLIC_URL, then the served document names it as the server; without it, where the gateway listens', async () => {
    const configured = await new HttpClient(tight.url).get<{ servers: Json[] }>('/openapi.json');
    expect(configured.body.servers).toEqual([{ url: 'https://billing.example.test', description: 'The billing gateway' }]);
    const listening = await raw.get<{ servers: Json[] }>('/openapi.json');
    expect(listening.body.servers).toEqual([{ url: platform.url, description: 'The billing gateway' }]);
  });

  it('given the concurrency limit reached, then the refusal is a 429 with Retry-After, with an Idempotency-Key or without', async () => {
    const frank = anon.as(await platform.token('frank'));
    await confirmedOrder(frank, { kind: 'pack', pack_id: 'app-1000' });
    const limit = Number((await frank.account.get()).plan.concurrency_limit);
    expect(limit).toBeGreaterThan(0);
    for (let task = 0; task < limit; task++) {
      await frank.tasks.create(RENDER);
      expect(answers.last.status).toBe(201);
    }

    const refused = await problemOf(frank.tasks.create(RENDER));
    expect(refused.status).toBe(429);
    expect(refused).toMatchObject({ type: `${PROBLEM}concurrency-limit`, limit, running: limit });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);

    const keyed = await problemOf(frank.tasks.create(RENDER, { idempotencyKey: 'edge-concurrency-1' }));
    expect(keyed.status).toBe(429);
    expect(keyed.headers.get('retry-after')).toBe(refused.headers.get('retry-after'));
    const replayed = await problemOf(frank.tasks.create(RENDER, { idempotencyKey: 'edge-concurrency-1' }));
    expect(replayed.status).toBe(429);
    expect(replayed.headers.get('retry-after')).toBe(refused.headers.get('retry-after'));
  });
});
