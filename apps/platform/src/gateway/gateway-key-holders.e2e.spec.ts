import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MemberRole } from '@billing/organisations-domain';
import { BillingClient } from '@billing/sdk';
import { parseCredits } from '@billing/util';
import { eventuallyValue } from '@billing/util/testing';
import { EmbeddedTestPlatform } from '../testing/embedded-test-platform';
import { HttpClient } from '../testing/http-client';
import { confirmedOrder } from '../testing/orders';
import { problemOf } from '../testing/sdk';

const RENDER = { model: 'seedance-2.0-fast', duration_seconds: 2 };
const PROBLEM = 'https://billing.local/problems/';

describe('API keys act for the member who made them (credits book, real HTTP)', () => {
  let dir: string;
  let platform: EmbeddedTestPlatform;
  let anon: HttpClient;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gateway-key-holders-e2e-'));
    platform = await EmbeddedTestPlatform.start({ dir, jwtSecret: 'key-holders-secret-key-holders-secret', logRequests: false });
    anon = new HttpClient(platform.url);
  }, 30_000);

  afterAll(async () => {
    await platform?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const client = async (userId: string, organisationId?: string) => new BillingClient({ baseUrl: platform.url, credential: await platform.token(userId, undefined, organisationId) });

  /** `userId` invited to the owner's organisation with `role` and joined; their client there. */
  async function joined(owner: BillingClient, organisationId: string, userId: string, role: MemberRole): Promise<BillingClient> {
    const invitation = await owner.organisation.invite({ email: `${userId}@example.com`, role });
    await (await client(userId)).organisation.acceptInvitation(invitation.code);
    return client(userId, organisationId);
  }

  it('given a member’s key that spent, when the owner removes the member, then the key is refused 401 at once and the usage still names the key and the member', async () => {
    const owner = await client('holders-owner');
    await confirmedOrder(owner, { kind: 'pack', pack_id: 'api-1000' });
    await confirmedOrder(owner, { kind: 'pack', pack_id: 'app-300' });
    const dev = await joined(owner, 'holders-owner', 'holders-dev', 'developer');
    const key = await dev.apiKeys.create({ name: 'dev laptop' });
    expect(key).toMatchObject({ created_by: 'holders-dev', revoked_at: null, revoked_reason: null });
    const byKey = anon.as(String(key.key));

    const spentByKey = await byKey.post<Record<string, unknown>>('/v1/tasks', RENDER);
    expect(spentByKey.status).toBe(201);
    expect(spentByKey.body['actor']).toEqual({ kind: 'key', id: key.id });
    const spentByMember = await dev.tasks.create(RENDER);
    expect(spentByMember.actor).toEqual({ kind: 'member', id: 'holders-dev' });
    const charged = await Promise.all(
      [String(spentByKey.body['id']), spentByMember.id].map((id) => eventuallyValue(() => owner.tasks.get(id), (task) => task.status === 'charged')),
    );
    expect((await byKey.get('/v1/balances')).status).toBe(200);

    await owner.organisation.removeMember('holders-dev');

    // The very next request with the key: 401 as a problem document, whichever operation it asks for.
    for (const answer of [await byKey.get('/v1/balances'), await byKey.post('/v1/tasks', RENDER)]) {
      expect(answer.status).toBe(401);
      expect(answer.headers.get('content-type')).toContain('application/problem+json');
      expect(answer.body).toMatchObject({
        type: `${PROBLEM}unauthorized`,
        status: 401,
        detail: 'the API key is revoked: the member who made it is no longer in the organisation',
      });
    }
    const listed = (await owner.apiKeys.list()).api_keys.find((candidate) => candidate.id === key.id);
    expect(listed).toMatchObject({ created_by: 'holders-dev', revoked_reason: 'member_removed' });
    expect(listed?.revoked_at).not.toBeNull();

    // The past spend stays where it was made: the key's tasks under the key, the member's own under the member.
    const today = new Date().toISOString().slice(0, 10);
    const usageByKey = await owner.account.usage({ from: today, to: today, group_by: 'key' });
    expect(usageByKey.groups.find((group) => group.id === key.id)).toEqual({ id: key.id, pool: 'api', credits: Number(charged[0]?.credits_cost), tasks: 1 });
    const usageByMember = await owner.account.usage({ from: today, to: today, group_by: 'member' });
    // By member, the revoked key's spend is still its maker's.
    expect(usageByMember.groups.filter((group) => group.id === 'holders-dev')).toEqual([
      { id: 'holders-dev', pool: 'api', credits: Number(charged[0]?.credits_cost), tasks: 1 },
      { id: 'holders-dev', pool: 'app', credits: Number(charged[1]?.credits_cost), tasks: 1 },
    ]);
    expect(parseCredits(usageByKey.total_credits)).toBe(parseCredits(Number(charged[0]?.credits_cost)) + parseCredits(Number(charged[1]?.credits_cost)));
    expect((await owner.tasks.get(String(spentByKey.body['id']))).actor).toEqual({ kind: 'key', id: key.id });
  }, 60_000);

  it('given a member who leaves, or whose role drops to one that may not hold keys, then their keys stop at once; a lowered role that may hold keys narrows them', async () => {
    const owner = await client('drops-owner');
    await confirmedOrder(owner, { kind: 'pack', pack_id: 'api-300' });
    const leaver = await joined(owner, 'drops-owner', 'drops-leaver', 'developer');
    const leaverKey = anon.as(String((await leaver.apiKeys.create({ name: 'leaver' })).key));
    const admin = await joined(owner, 'drops-owner', 'drops-admin', 'admin');
    const adminKey = anon.as(String((await admin.apiKeys.create({ name: 'admin', scopes: ['orders:write', 'balances:read'] })).key));
    const dev = await joined(owner, 'drops-owner', 'drops-dev', 'developer');
    const devKey = anon.as(String((await dev.apiKeys.create({ name: 'dev' })).key));
    for (const key of [leaverKey, adminKey, devKey]) expect((await key.get('/v1/balances')).status).toBe(200);

    await leaver.organisation.leave();
    expect((await leaverKey.get('/v1/balances')).status).toBe(401);

    await owner.organisation.changeRole('drops-dev', { role: 'viewer' });
    const demoted = await devKey.get('/v1/balances');
    expect([demoted.status, demoted.body['detail']]).toEqual([401, 'the API key is revoked: the member who made it now has a role that may not hold API keys']);

    // An admin lowered to developer: the key keeps what a developer may do, and loses buying.
    await owner.organisation.changeRole('drops-admin', { role: 'developer' });
    expect((await adminKey.get('/v1/balances')).status).toBe(200);
    const buying = await adminKey.post('/v1/orders', { kind: 'pack', pack_id: 'api-300' });
    expect(buying.status).toBe(403);
    expect(buying.body).toMatchObject({ operation: 'placeOrder', role: 'developer', allowed_roles: ['owner', 'admin', 'finance'] });

    const reasons = Object.fromEntries((await owner.apiKeys.list()).api_keys.map((listed) => [listed.name, listed.revoked_reason]));
    expect(reasons).toEqual({ leaver: 'member_removed', admin: null, dev: 'role_changed' });
  }, 60_000);

  it('given a developer, then a key’s scopes may not exceed what their role may do: a scope that opens nothing for them is refused 403', async () => {
    const owner = await client('scopes-owner');
    const dev = await joined(owner, 'scopes-owner', 'scopes-dev', 'developer');
    const refused = await problemOf(dev.apiKeys.create({ name: 'buyer', scopes: ['tasks:write', 'orders:write'] }));
    expect(refused.status).toBe(403);
    expect(refused.extensions).toMatchObject({ scope: 'orders:write', role: 'developer' });
    const allowed = await dev.apiKeys.create({ name: 'builder', scopes: ['tasks:write', 'tasks:read', 'webhooks:write'] });
    expect(allowed.scopes).toEqual(['tasks:write', 'tasks:read', 'webhooks:write']);
    // webhooks:write opens endpoints to a developer, not balance alerts (a buyer's): the key is held to the role.
    const alerts = await anon.as(String(allowed.key)).send('PUT', '/v1/balance-alerts/api', { thresholds: [10] });
    expect(alerts.status).toBe(403);
    expect(alerts.body).toMatchObject({ operation: 'setBalanceAlerts', role: 'developer' });
  });
});
