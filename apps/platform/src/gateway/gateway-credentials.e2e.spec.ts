import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BillingClient } from '@billing/sdk';
import { eventuallyValue } from '@billing/util/testing';
import { EmbeddedTestPlatform } from '../testing/embedded-test-platform';
import { balanceOf, confirmedOrder } from '../testing/orders';
import { problemOf, SdkAnswers } from '../testing/sdk';

const PROBLEM = 'https://billing.local/problems/';
const RENDER = { model: 'seedance-2.0', duration_seconds: 5 };

// Every call is a public operation, made through @billing/sdk.
describe('credentials, idempotency and reading one’s own writes (credits book)', () => {
  let dir: string;
  let platform: EmbeddedTestPlatform;
  let answers: SdkAnswers;
  let anon: BillingClient;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gateway-credentials-e2e-'));
    platform = await EmbeddedTestPlatform.start({ dir, jwtSecret: 'credentials-secret-credentials-secret', logRequests: false });
    answers = new SdkAnswers(platform.url);
    anon = answers.anon;
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
    const ledger = await user.account.ledger();
    expect(ledger.entries.filter((e) => e.type === 'CreditsPurchased')).toHaveLength(6);
  });

  it('given a key used by an API key, when the app user or another key of the account sends it, then 422; the key’s own replay shows the task as it is now', async () => {
    const app = anon.as(await platform.token('quinn'));
    await confirmedOrder(app, { kind: 'pack', pack_id: 'api-1000' });
    await confirmedOrder(app, { kind: 'pack', pack_id: 'app-300' });
    const firstKey = anon.as(String((await app.apiKeys.create({ name: 'first' })).key));
    const secondKey = anon.as(String((await app.apiKeys.create({ name: 'second' })).key));
    const keyed = { idempotencyKey: 'qs-1' };

    const created = await firstKey.tasks.create(RENDER, keyed);
    expect(answers.last.status).toBe(201);
    expect(created).toMatchObject({ channel: 'api', pool: 'api' });

    for (const other of [app, secondKey]) {
      const crossed = await problemOf(other.tasks.create(RENDER, keyed));
      expect(answers.last.headers.get('content-type')).toContain('application/problem+json');
      expect(crossed).toMatchObject({ type: `${PROBLEM}idempotency-key-reused`, status: 422 });
      expect(JSON.stringify(crossed.problem)).not.toContain(created.id);
    }
    // Nothing ran for the refused ones: the app pool is untouched and the account has one task.
    expect(await balanceOf(app, 'app')).toMatchObject({ balance: 300, held: 0 });
    expect((await app.tasks.list()).tasks).toHaveLength(1);

    await eventuallyValue(() => firstKey.tasks.get(created.id), (answer) => answer.status === 'charged');
    const replay = await firstKey.tasks.create(RENDER, keyed);
    expect(answers.last.status).toBe(201);
    expect(answers.last.headers.get('idempotent-replayed')).toBe('true');
    expect(replay).toMatchObject({ id: created.id, status: 'charged', credits_cost: 75 });
  });

  it('given an app user’s refused task, when it is sent again after buying credits, then the refusal replays as it was; another body is 422', async () => {
    const app = anon.as(await platform.token('sam'));
    const keyed = { idempotencyKey: 'sam-1' };
    const refused = await problemOf(app.tasks.create(RENDER, keyed));
    expect(refused.status).toBe(402);
    await confirmedOrder(app, { kind: 'pack', pack_id: 'app-300' });
    const again = await problemOf(app.tasks.create(RENDER, keyed));
    expect(again.status).toBe(402);
    expect(again.problem).toEqual(refused.problem);
    expect(await problemOf(app.tasks.create({ ...RENDER, duration_seconds: 6 }, keyed))).toMatchObject({ status: 422 });
  });
});

describe('API keys follow the plan (points book: Starter has no api_access)', () => {
  let dir: string;
  let platform: EmbeddedTestPlatform;
  let answers: SdkAnswers;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gateway-credentials-points-e2e-'));
    platform = await EmbeddedTestPlatform.start({ dir, jwtSecret: 'credentials-points-secret-credentials', priceBookId: 'points', logRequests: false });
    answers = new SdkAnswers(platform.url);
  }, 30_000);

  afterAll(async () => {
    await platform?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('given a plan without api_access, when a key is created, then 403 api_access and no key exists; after buying Creator the key is created and works at once', async () => {
    const user = answers.anon.as(await platform.token('tess'));
    const refused = await problemOf(user.apiKeys.create({ name: 'too early' }));
    expect(answers.last.headers.get('content-type')).toContain('application/problem+json');
    expect(refused).toMatchObject({ type: `${PROBLEM}forbidden`, status: 403, entitlement: 'api_access', plan_id: 'starter' });
    expect((await user.apiKeys.list()).api_keys).toEqual([]);

    await confirmedOrder(user, { kind: 'plan', plan_id: 'creator' });
    expect(await balanceOf(user, 'points')).toEqual({ pool: 'points', balance: 5000, held: 0, available: 5000 });
    const created = await user.apiKeys.create({ name: 'now' });
    expect(answers.last.status).toBe(201);
    const byKey = await answers.anon.as(String(created.key)).account.balances();
    expect(answers.last.status).toBe(200);
    expect(byKey).toMatchObject({ balances: [{ pool: 'points', balance: 5000 }] });
  });
});
