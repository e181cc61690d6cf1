import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BillingClient, BillingProblem } from '@billing/sdk';
import { parseCredits } from '@billing/util';
import { eventuallyValue } from '@billing/util/testing';
import { EmbeddedTestPlatform } from '../testing/embedded-test-platform';
import { confirmedOrder } from '../testing/orders';

const sumMillicredits = (credits: readonly number[]): number => credits.reduce((total, value) => total + parseCredits(value), 0);

describe('GET /v1/usage?group_by=key|member: who spent what, to the millicredit', () => {
  let dir: string;
  let platform: EmbeddedTestPlatform;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gateway-usage-by-actor-'));
    platform = await EmbeddedTestPlatform.start({ dir, jwtSecret: 'usage-by-actor-secret-usage-by-actor', logRequests: false });
  }, 30_000);

  afterAll(async () => {
    await platform?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('given tasks made with three keys (one a developer’s) and signed-in tokens, then each key and each member (a key’s spend its maker’s) have their rows, and per pool they sum to its charges exactly', async () => {
    const uma = new BillingClient({ baseUrl: platform.url, credential: await platform.token('uma') });
    await confirmedOrder(uma, { kind: 'pack', pack_id: 'api-1000' });
    await confirmedOrder(uma, { kind: 'pack', pack_id: 'app-300' });
    const invitation = await uma.organisation.invite({ email: 'walt@example.com', role: 'developer' });
    await new BillingClient({ baseUrl: platform.url, credential: await platform.token('walt') }).organisation.acceptInvitation(invitation.code);
    const walt = new BillingClient({ baseUrl: platform.url, credential: await platform.token('walt', undefined, 'uma') });
    const [first, second, walts] = [await uma.apiKeys.create({ name: 'first' }), await uma.apiKeys.create({ name: 'second' }), await walt.apiKeys.create({ name: 'walt ci' })];
    expect(walts.created_by).toBe('walt');
    const byFirst = uma.as(String(first.key));
    const bySecond = uma.as(String(second.key));
    const byWalts = uma.as(String(walts.key));

    const made = [
      await byFirst.tasks.create({ model: 'seedance-2.0-fast', duration_seconds: 1.234 }),
      await byFirst.tasks.create({ model: 'seedance-2.0', duration_seconds: 5 }),
      await bySecond.tasks.create({ model: 'seedance-2.0-fast', duration_seconds: 2.5, video_reference: true }),
      await uma.tasks.create({ model: 'seedance-2.0', duration_seconds: 3.333 }),
      await byWalts.tasks.create({ model: 'seedance-2.0-fast', duration_seconds: 1.5 }),
      await walt.tasks.create({ model: 'seedance-2.0-fast', duration_seconds: 2 }),
    ];
    expect(made.map((task) => task.actor)).toEqual([
      { kind: 'key', id: first.id },
      { kind: 'key', id: first.id },
      { kind: 'key', id: second.id },
      { kind: 'member', id: 'uma' },
      { kind: 'key', id: walts.id },
      { kind: 'member', id: 'walt' },
    ]);
    const charged = await Promise.all(made.map((task) => eventuallyValue(() => uma.tasks.get(task.id), (answer) => answer.status === 'charged')));
    const cost = (...indexes: number[]) => sumMillicredits(indexes.map((index) => Number(charged[index]?.credits_cost)));

    const today = new Date().toISOString().slice(0, 10);
    const byKey = await uma.account.usage({ from: today, to: today, group_by: 'key' });
    expect(byKey.group_by).toBe('key');
    expect(byKey.groups.map((group) => ({ ...group, credits: parseCredits(group.credits) }))).toEqual([
      ...[
        { id: first.id, pool: 'api', credits: cost(0, 1), tasks: 2 },
        { id: second.id, pool: 'api', credits: cost(2), tasks: 1 },
        { id: walts.id, pool: 'api', credits: cost(4), tasks: 1 },
      ].sort((a, b) => a.id.localeCompare(b.id)),
      { id: null, pool: 'app', credits: cost(3, 5), tasks: 2 },
    ]);
    // By member, no charge is unattributed: a key's spend is its maker's (uma's two keys, walt's one).
    const byMember = await uma.account.usage({ from: today, to: today, group_by: 'member' });
    expect(byMember.groups.map((group) => ({ ...group, credits: parseCredits(group.credits) }))).toEqual([
      { id: 'uma', pool: 'api', credits: cost(0, 1, 2), tasks: 3 },
      { id: 'walt', pool: 'api', credits: cost(4), tasks: 1 },
      { id: 'uma', pool: 'app', credits: cost(3), tasks: 1 },
      { id: 'walt', pool: 'app', credits: cost(5), tasks: 1 },
    ]);

    const ledgerCharges = new Map<string, number>();
    for await (const entry of uma.account.entries()) {
      if (entry.type === 'CreditsCharged') ledgerCharges.set(entry.pool, (ledgerCharges.get(entry.pool) ?? 0) + parseCredits(entry.credits));
    }
    for (const view of [byKey, byMember]) {
      for (const pool of ['api', 'app']) {
        expect(sumMillicredits(view.groups.filter((group) => group.pool === pool).map((group) => group.credits))).toBe(ledgerCharges.get(pool));
      }
      expect(parseCredits(view.total_credits)).toBe((ledgerCharges.get('api') ?? 0) + (ledgerCharges.get('app') ?? 0));
    }
  }, 60_000);

  it('given orders placed by the signed-in member and by an API key, then each order names its maker', async () => {
    const vic = new BillingClient({ baseUrl: platform.url, credential: await platform.token('vic') });
    const byMember = await confirmedOrder(vic, { kind: 'pack', pack_id: 'api-1000' });
    expect(byMember.actor).toEqual({ kind: 'member', id: 'vic' });
    const key = await vic.apiKeys.create({ name: 'buyer' });
    const byKey = await vic.as(String(key.key)).orders.place({ kind: 'pack', pack_id: 'api-300' });
    expect(byKey.actor).toEqual({ kind: 'key', id: key.id });
    expect((await vic.orders.get(byKey.id)).actor).toEqual({ kind: 'key', id: key.id });
  });

  it('given group_by neither key nor member, then 400 naming it', async () => {
    const dora = new BillingClient({ baseUrl: platform.url, credential: await platform.token('dora') });
    const refused = await dora.account.usage({ group_by: 'model' as 'key' }).then(() => null, (error: unknown) => error);
    expect(refused).toBeInstanceOf(BillingProblem);
    expect(refused).toMatchObject({ status: 400, errors: [{ field: 'group_by' }] });
  });
});
