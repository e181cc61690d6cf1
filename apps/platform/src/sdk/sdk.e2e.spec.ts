import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BillingClient } from '@billing/sdk';
import { eventuallyValue } from '@billing/util/testing';
import { EmbeddedTestPlatform } from '../testing/embedded-test-platform';
import { problemOf } from '../testing/sdk';

const RENDER = { model: 'seedance-2.0', duration_seconds: 5 };

describe('@billing/sdk against the embedded platform (real HTTP)', () => {
  let dir: string;
  let platform: EmbeddedTestPlatform;
  let anon: BillingClient;
  let alice: BillingClient;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sdk-e2e-'));
    platform = await EmbeddedTestPlatform.start({ dir, jwtSecret: 'sdk-e2e-secret-sdk-e2e-secret-sdk!', logRequests: false });
    anon = new BillingClient({ baseUrl: platform.url });
    alice = anon.as(await platform.token('alice'));
  }, 30_000);

  afterAll(async () => {
    await platform?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('given an app user, when it makes a key, buys API credits and runs tasks with the key, then the answers are the typed documents', async () => {
    const created = await alice.apiKeys.create({ name: 'sdk' });
    expect(created.key).toMatch(/^bk_/);
    const key = anon.as(String(created.key));
    const order = await alice.orders.place({ kind: 'pack', pack_id: 'api-1000' });
    expect(await alice.orders.confirmSandboxPayment(order.id)).toMatchObject({ id: order.id, status: 'paid' });
    expect((await alice.orders.sandboxCheckout(order.id)).location).toBe(`/dashboard/checkout/${order.id}`);

    expect(await key.tasks.quote(RENDER)).toMatchObject({ credits: 75, pool: 'api' });
    const task = await key.tasks.create(RENDER);
    const charged = await eventuallyValue(() => key.tasks.get(task.id), (answer) => answer.status === 'charged');
    expect(charged.credits_cost).toBe(75);
    expect((await key.account.balances()).balances.find((b) => b.pool === 'api')).toMatchObject({ available: 925 });
  });

  it('given no Idempotency-Key, then each POST is its own; given one, then the second answer is the first replayed', async () => {
    const first = await alice.apiKeys.create({ name: 'one' });
    const second = await alice.apiKeys.create({ name: 'one' });
    expect(second.id).not.toBe(first.id);
    const keyed = await alice.apiKeys.create({ name: 'keyed' }, { idempotencyKey: 'sdk-keyed-1' });
    const replayed = await alice.apiKeys.create({ name: 'keyed' }, { idempotencyKey: 'sdk-keyed-1' });
    expect(replayed).toEqual({ ...keyed, key: null });
  });

  it('given listings longer than a page, then the async iterators walk every page by its cursor', async () => {
    const key = anon.as(String((await alice.apiKeys.create({ name: 'pages' })).key));
    const created = [await key.tasks.create(RENDER), await key.tasks.create(RENDER), await key.tasks.create(RENDER)];
    expect((await key.tasks.list({ limit: 2 })).next).not.toBeNull();
    const listed: string[] = [];
    for await (const task of key.tasks.all({ limit: 2 })) listed.push(task.id);
    expect(listed).toEqual(expect.arrayContaining(created.map((task) => task.id)));
    expect(listed).toHaveLength(4);

    const entries = [];
    for await (const entry of alice.account.entries({ limit: 3, pool: 'api' })) entries.push(entry);
    const onePage = await alice.account.ledger({ limit: 1000, pool: 'api' });
    expect(onePage.next).toBeNull();
    expect(entries).toEqual(onePage.entries);
    expect(entries.length).toBeGreaterThan(3);
  });

  it('given refusals, then each is a BillingProblem with its RFC 9457 members and its kind’s own', async () => {
    const short = await problemOf(anon.as(await platform.token('bob')).tasks.create(RENDER));
    expect(short).toMatchObject({ status: 402, kind: 'insufficient-credits', pool: 'app', available: 0, required: 75 });
    expect(short.extensions).toMatchObject({ pool: 'app', available: 0, required: 75 });

    const invalid = await problemOf(alice.tasks.list({ limit: 100_000 }));
    expect(invalid).toMatchObject({ status: 400, kind: 'validation', errors: [{ field: 'limit' }] });

    const unknown = await problemOf(alice.orders.get('no-such-order'));
    expect(unknown).toMatchObject({ status: 404, kind: 'not-found', type: 'https://billing.local/problems/not-found' });

    const signedOut = await problemOf(anon.account.balances());
    expect(signedOut.status).toBe(401);
    expect(signedOut.headers.get('www-authenticate')).toBe('Bearer realm="billing"');
  });

  it('given a gateway limiting app users to 1 call a second, when calls come faster, then the SDK waits as Retry-After asks and every call succeeds', async () => {
    const tight = await platform.extraGateway('tight-gateway', { RATE_LIMIT_APP_USER: '1/1' });
    try {
      const waits: number[] = [];
      const carol = new BillingClient({ baseUrl: tight.url, credential: await platform.token('carol'), sleep: (millis) => (waits.push(millis), new Promise((resolve) => setTimeout(resolve, millis))) });
      await carol.account.catalog();
      expect((await carol.account.balances()).account_id).toBe('carol');
      expect((await carol.account.get()).account_id).toBe('carol');
      expect(waits.length).toBeGreaterThanOrEqual(1);
      expect(waits.every((millis) => millis === 1000)).toBe(true);

      const impatient = new BillingClient({ baseUrl: tight.url, credential: await platform.token('dave'), retry: { retries: 0 } });
      await impatient.account.catalog();
      const limited = await problemOf(impatient.account.catalog());
      expect(limited).toMatchObject({ status: 429, kind: 'rate-limited', retry_after: 1 });
    } finally {
      await tight.closeAll();
    }
  });
});
