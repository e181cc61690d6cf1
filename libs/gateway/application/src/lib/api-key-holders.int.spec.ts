import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EventStore, openSqliteEventStore } from '@billing/event-store';
import { RpcError } from '@billing/service-host';
import { ApiKeyStore } from './api-keys';
import { Authenticator } from './authenticator';
import type { Caller } from './caller';
import { gatewayEventsPath, gatewayStatePath, openGatewayState } from './gateway-state';
import { authorise, operationsOpenTo } from './operation-roles';
import { Organisations } from './organisations';

/** What `work` was refused with (status and detail), or 'ok'. */
async function outcomeOf(work: () => unknown): Promise<{ status: number; detail: string } | 'ok'> {
  try {
    await work();
    return 'ok';
  } catch (error) {
    if (error instanceof RpcError) return { status: error.problem.status, detail: String(error.problem.detail) };
    throw error;
  }
}

describe('an API key acts for the member who made it (gateway state and event store on disk)', () => {
  let dir: string;
  let store: EventStore;
  let keys: ApiKeyStore;
  let organisations: Organisations;
  let authenticator: Authenticator;
  let db: ReturnType<typeof openGatewayState>;
  const now = () => 10_000;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'api-key-holders-'));
    db = openGatewayState(gatewayStatePath(dir));
    store = openSqliteEventStore({ path: gatewayEventsPath(dir) });
    keys = new ApiKeyStore(db);
    organisations = new Organisations(store, now);
    authenticator = new Authenticator(keys, organisations, { jwtSecret: 'api-key-holders-secret-api-key-holders' }, now);
    await organisations.found('acme', 'ann', false);
  });

  afterEach(async () => {
    await store.close();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function joined(userId: string, role: 'admin' | 'developer' | 'viewer'): Promise<void> {
    const { code } = await organisations.invite('acme', { email: `${userId}@example.com`, role, expiresAt: 99_000, by: 'ann' });
    await organisations.accept(code, userId);
  }

  it('given a developer’s key, when the developer is removed, then the next request with it is 401 and the key is revoked for that cause', async () => {
    await joined('dev', 'developer');
    const issued = keys.issue('acme', 'dev', 'ci', {}, now());
    const caller = await authenticator.authenticate(`Bearer ${issued.key}`);
    expect(caller).toMatchObject({ accountId: 'acme', channel: 'api', keyId: issued.record.keyId, creator: { userId: 'dev', role: 'developer' } });

    await organisations.handle('acme', 'RemoveMember', { userId: 'dev', by: 'ann' });
    expect(await outcomeOf(() => authenticator.authenticate(`Bearer ${issued.key}`))).toEqual({
      status: 401,
      detail: 'the API key is revoked: the member who made it is no longer in the organisation',
    });
    expect(keys.list('acme')).toEqual([expect.objectContaining({ keyId: issued.record.keyId, createdBy: 'dev', revokedAt: 10_000, revokedReason: 'member_removed' })]);
    // Revoked stays revoked: the member's return does not bring the key back.
    await joined('dev', 'developer');
    expect(await outcomeOf(() => authenticator.authenticate(`Bearer ${issued.key}`))).toMatchObject({ status: 401 });
  });

  it('given an admin’s key, when their role is lowered to developer, then it keeps a developer’s operations; lowered to viewer, it is revoked', async () => {
    await joined('ada', 'admin');
    const issued = keys.issue('acme', 'ada', 'buyer', {}, now());
    const asAdmin = await authenticator.authenticate(`Bearer ${issued.key}`);
    expect(await outcomeOf(() => authorise(asAdmin, 'placeOrder'))).toBe('ok');

    await organisations.handle('acme', 'ChangeMemberRole', { userId: 'ada', role: 'developer', by: 'ann' });
    const asDeveloper = await authenticator.authenticate(`Bearer ${issued.key}`);
    expect(await outcomeOf(() => authorise(asDeveloper, 'createTask'))).toBe('ok');
    expect(await outcomeOf(() => authorise(asDeveloper, 'placeOrder'))).toEqual({
      status: 403,
      detail: 'this API key acts for a member with role developer, who may not placeOrder; it takes owner, admin, finance',
    });

    await organisations.handle('acme', 'ChangeMemberRole', { userId: 'ada', role: 'viewer', by: 'ann' });
    expect(await outcomeOf(() => authenticator.authenticate(`Bearer ${issued.key}`))).toEqual({
      status: 401,
      detail: 'the API key is revoked: the member who made it now has a role that may not hold API keys',
    });
    expect(keys.list('acme')[0]).toMatchObject({ revokedReason: 'role_changed' });
  });

  it('given keys from before members (no maker recorded), then they act for the account’s user: founding an account not yet migrated, and stopping when that user leaves', async () => {
    const legacy = keys.issue('old-account', null, 'old key', {}, now());
    expect(await authenticator.authenticate(`Bearer ${legacy.key}`)).toMatchObject({ accountId: 'old-account', creator: { userId: 'old-account', role: 'owner' } });
    expect((await organisations.state('old-account')).organisationId).toBe('old-account');

    const acmeLegacy = keys.issue('acme', null, 'acme before members', {}, now());
    const annKey = keys.issue('acme', 'ann', 'ann’s', {}, now());
    expect(keys.revokeMadeBy('acme', 'someone-else', 'member_removed', now())).toEqual([]);
    expect(keys.revokeMadeBy('acme', 'acme', 'member_removed', now())).toEqual([acmeLegacy.record.keyId]);
    expect(keys.revokeMadeBy('acme', 'ann', 'member_removed', now())).toEqual([annKey.record.keyId]);
  });

  it('given each role that may hold keys, then the scopes it may grant are those opening something it may do', () => {
    expect(operationsOpenTo('developer', 'orders:write')).toEqual([]);
    expect(operationsOpenTo('developer', 'webhooks:write')).toEqual(['manageWebhookEndpoints']);
    expect(operationsOpenTo('admin', 'orders:write')).toEqual(['placeOrder', 'confirmSandboxPayment', 'refundOrder', 'refundRenewal', 'setAutoTopUp']);
    const viewerKey: Caller = { accountId: 'acme', channel: 'api', role: 'user', keyId: 'k', creator: { userId: 'vic', role: 'viewer' } };
    expect(() => authorise(viewerKey, 'balances')).not.toThrow();
    expect(() => authorise({ ...viewerKey, creator: undefined }, 'balances')).toThrow(RpcError);
  });
});
