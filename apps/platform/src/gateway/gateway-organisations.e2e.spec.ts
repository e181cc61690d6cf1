import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { auditOrganisations, openSqliteAuditSource } from '@billing/finance-audit';
import { type GatewayOperation, gatewayEventsPath, OPERATION_ROLES, OPERATION_SCOPES } from '@billing/gateway-application';
import { MEMBER_ROLES, type MemberRole } from '@billing/organisations-domain';
import { type BillingClient, BillingProblem } from '@billing/sdk';
import { SignJWT } from 'jose';
import { EmbeddedTestPlatform } from '../testing/embedded-test-platform';
import { problemOf, SdkAnswers } from '../testing/sdk';

const RENDER = { model: 'seedance-2.0', duration_seconds: 5 };
const JWT_SECRET = 'organisations-secret-organisations-secret';
const MISSING = 'missing-1';

/**
 * One call per operation of the role table, each aimed so that once let through it changes
 * nothing another call relies on (unknown ids, an empty pool). The type makes a new row of
 * OPERATION_ROLES a compile error here until it is tried.
 */
const CALLS: { readonly [Operation in GatewayOperation]: (client: BillingClient) => Promise<unknown> } = {
  quote: (c) => c.tasks.quote(RENDER),
  createTask: (c) => c.tasks.create(RENDER),
  createBatch: (c) => c.tasks.createBatch({ ...RENDER, batch_size: 3 }),
  cancelTask: (c) => c.tasks.cancel(MISSING),
  adoptTask: (c) => c.tasks.adopt(MISSING),
  getTask: (c) => c.tasks.get(MISSING),
  listTasks: (c) => c.tasks.list(),
  utilisation: (c) => c.tasks.utilisation(),
  balances: (c) => c.account.balances(),
  balanceAlerts: (c) => c.balanceAlerts.list(),
  setBalanceAlerts: (c) => c.balanceAlerts.set('api', { thresholds: [] }),
  autoTopUp: (c) => c.autoTopUp.get('api'),
  setAutoTopUp: (c) => c.autoTopUp.remove('api'),
  ledger: (c) => c.account.ledger(),
  usage: (c) => c.account.usage(),
  account: (c) => c.account.get(),
  catalog: (c) => c.account.catalog(),
  placeOrder: (c) => c.orders.place({ kind: 'pack', pack_id: 'no-such-pack' }),
  confirmSandboxPayment: (c) => c.orders.confirmSandboxPayment(MISSING),
  refundOrder: (c) => c.orders.refund(MISSING, {}),
  refundRenewal: (c) => c.orders.refundRenewal(MISSING, {}),
  getOrder: (c) => c.orders.get(MISSING),
  receipts: (c) => c.orders.receipts(),
  planSubscription: (c) => c.subscription.get(),
  changePlan: (c) => c.subscription.change({ plan_id: 'no-such-plan' }),
  cancelPlan: (c) => c.subscription.cancel(),
  resumePlan: (c) => c.subscription.resume(),
  declineNextSandboxRenewal: (c) => c.subscription.sandboxDeclineNextRenewal(),
  createApiKey: (c) => c.apiKeys.create({ name: 'matrix' }),
  listApiKeys: (c) => c.apiKeys.list(),
  rotateApiKey: (c) => c.apiKeys.rotate(MISSING),
  revokeApiKey: (c) => c.apiKeys.revoke(MISSING),
  manageWebhookEndpoints: (c) => c.webhookEndpoints.delete(MISSING),
  readWebhookEndpoints: (c) => c.webhookEndpoints.list(),
  organisation: (c) => c.organisation.get(),
  inviteMember: (c) => c.organisation.invite({ email: 'someone@example.com', role: 'viewer' }),
  listInvitations: (c) => c.organisation.invitations(),
  revokeInvitation: (c) => c.organisation.revokeInvitation(MISSING),
  changeMemberRole: (c) => c.organisation.changeRole(MISSING, { role: 'viewer' }),
  removeMember: (c) => c.organisation.removeMember(MISSING),
  createOrganisation: (c) => c.organisations.create({ name: 'matrix' }),
  listOrganisations: (c) => c.organisations.list(),
  // Let through, it ends the membership: tried last.
  leaveOrganisation: (c) => c.organisation.leave(),
};

/** What the gateway made of a call: refused for the caller's role or key, or let through (whatever came after). */
async function verdictOf(call: Promise<unknown>): Promise<'refused' | 'let through'> {
  const error = await call.then(() => null, (thrown: unknown) => thrown);
  if (!(error instanceof BillingProblem)) {
    if (error !== null) throw error;
    return 'let through';
  }
  const { operation, scope } = error.extensions;
  return error.status === 403 && (operation !== undefined || scope !== undefined) ? 'refused' : 'let through';
}

describe('organisations: members, roles, invitations (credits book, real HTTP)', () => {
  let dir: string;
  let platform: EmbeddedTestPlatform;
  let sdk: SdkAnswers;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gateway-organisations-e2e-'));
    platform = await EmbeddedTestPlatform.start({ dir, jwtSecret: JWT_SECRET, logRequests: false });
    sdk = new SdkAnswers(platform.url);
  }, 30_000);

  afterAll(async () => {
    await platform?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A user's client in their own organisation, or in `organisationId` once they joined it. */
  const userIn = async (userId: string, organisationId?: string): Promise<BillingClient> => sdk.anon.as(await platform.token(userId, undefined, organisationId));

  /** `userId` invited to the owner's organisation with `role`, accepted with their own token; their client there. */
  async function joined(owner: BillingClient, organisationId: string, userId: string, role: MemberRole): Promise<BillingClient> {
    const invitation = await owner.organisation.invite({ email: `${userId}@example.com`, role });
    const joined = await (await userIn(userId)).organisation.acceptInvitation(invitation.code);
    expect(joined).toEqual({ organisation_id: organisationId, user_id: userId, role });
    return userIn(userId, organisationId);
  }

  it('given a member of each role and an API key, when every operation of the table is tried by each, then only the table’s answers come back', async () => {
    const owner = await userIn('matrix-owner');
    const clients: Record<MemberRole | 'key', BillingClient> = {
      owner,
      admin: await joined(owner, 'matrix-owner', 'matrix-admin', 'admin'),
      developer: await joined(owner, 'matrix-owner', 'matrix-developer', 'developer'),
      finance: await joined(owner, 'matrix-owner', 'matrix-finance', 'finance'),
      viewer: await joined(owner, 'matrix-owner', 'matrix-viewer', 'viewer'),
      key: sdk.anon.as((await owner.apiKeys.create({ name: 'every scope' })).key ?? ''),
    };
    const expected: Record<string, Record<string, string>> = {};
    const answered: Record<string, Record<string, string>> = {};
    const operations = (Object.keys(CALLS) as GatewayOperation[]).sort((a, b) => Number(a === 'leaveOrganisation') - Number(b === 'leaveOrganisation'));
    for (const operation of operations) {
      const allowed: readonly string[] = OPERATION_ROLES[operation];
      expected[operation] = Object.fromEntries([
        ...MEMBER_ROLES.map((role) => [role, allowed.includes(role) ? 'let through' : 'refused']),
        ['key', operation in OPERATION_SCOPES ? 'let through' : 'refused'],
      ]);
      answered[operation] = {};
      for (const [who, client] of Object.entries(clients)) answered[operation][who] = await verdictOf(CALLS[operation](client));
    }
    expect(answered).toEqual(expected);
  });

  it('given a role refusal, then it is a 403 problem naming the operation, the caller’s role and the roles that may', async () => {
    const owner = await userIn('naming-owner');
    const viewer = await joined(owner, 'naming-owner', 'naming-viewer', 'viewer');
    const refused = await problemOf(viewer.tasks.create(RENDER));
    expect(refused.status).toBe(403);
    expect(refused.extensions).toMatchObject({ operation: 'createTask', role: 'viewer', allowed_roles: ['owner', 'admin', 'developer'] });
  });

  it('given an invitation, then its code works once; revoked and unknown codes are the same 404', async () => {
    const owner = await userIn('once-owner');
    const invitation = await owner.organisation.invite({ email: 'dev@example.com', role: 'developer' });
    expect(invitation).toMatchObject({ email: 'dev@example.com', role: 'developer', invited_by: 'once-owner' });
    expect(invitation.code).toMatch(/^inv\./);
    expect(platform.logs.some((line) => line.includes(invitation.code))).toBe(true);
    expect((await owner.organisation.invitations()).invitations.map((i) => i.id)).toEqual([invitation.id]);

    expect(await (await userIn('once-dev')).organisation.acceptInvitation(invitation.code)).toEqual({ organisation_id: 'once-owner', user_id: 'once-dev', role: 'developer' });
    const again = await problemOf((await userIn('once-other')).organisation.acceptInvitation(invitation.code));
    expect(again.status).toBe(404);
    expect((await owner.organisation.invitations()).invitations).toEqual([]);

    const revoked = await owner.organisation.invite({ email: 'late@example.com', role: 'viewer' });
    expect((await owner.organisation.revokeInvitation(revoked.id)).invitations).toEqual([]);
    const afterRevoke = await problemOf((await userIn('once-late')).organisation.acceptInvitation(revoked.code));
    const unknown = await problemOf((await userIn('once-late')).organisation.acceptInvitation(`${revoked.code.slice(0, -4)}AAAA`));
    expect([afterRevoke.status, afterRevoke.kind]).toEqual([404, 'not-found']);
    expect([unknown.status, unknown.kind]).toEqual([404, 'not-found']);

    const members = (await owner.organisation.get()).members.map((m) => [m.user_id, m.role, m.email]);
    expect(members).toEqual([
      ['once-owner', 'owner', null],
      ['once-dev', 'developer', 'dev@example.com'],
    ]);
  });

  it('given the last owner, then they cannot leave or be demoted; with a second owner they can, and an admin cannot touch owners', async () => {
    const owner = await userIn('last-owner');
    const lastLeaves = await problemOf(owner.organisation.leave());
    const lastDemoted = await problemOf(owner.organisation.changeRole('last-owner', { role: 'admin' }));
    expect([lastLeaves.status, lastLeaves.kind]).toEqual([409, 'last-owner']);
    expect([lastDemoted.status, lastDemoted.kind]).toEqual([409, 'last-owner']);

    const admin = await joined(owner, 'last-owner', 'last-admin', 'admin');
    expect((await problemOf(admin.organisation.changeRole('last-owner', { role: 'viewer' }))).status).toBe(403);
    expect((await problemOf(admin.organisation.removeMember('last-owner'))).status).toBe(403);
    expect((await problemOf(admin.organisation.invite({ email: 'boss@example.com', role: 'owner' }))).status).toBe(403);
    expect((await problemOf(admin.organisation.changeRole('last-admin', { role: 'owner' }))).status).toBe(403);

    const promoted = await owner.organisation.changeRole('last-admin', { role: 'owner' });
    expect(promoted.members.map((m) => [m.user_id, m.role])).toEqual([
      ['last-owner', 'owner'],
      ['last-admin', 'owner'],
    ]);
    expect(await owner.organisation.leave()).toEqual({ organisation_id: 'last-owner', user_id: 'last-owner', role: 'owner' });
    // Gone from the organisation: their token for it is refused, as for one that never existed.
    const formerOwner = await userIn('last-owner', 'last-owner');
    expect((await problemOf(formerOwner.account.balances())).status).toBe(403);
    const remaining = await problemOf(admin.organisation.leave());
    expect([remaining.status, remaining.kind]).toEqual([409, 'last-owner']);
  });

  it('given two organisations, then ids, keys and tokens of one never reach the other, and a foreign id is the same 404 as a missing one', async () => {
    const alice = await userIn('cross-alice');
    const mallory = await userIn('cross-mallory');
    const aliceKey = await alice.apiKeys.create({ name: 'alice key' });
    const invitation = await alice.organisation.invite({ email: 'friend@example.com', role: 'viewer' });
    await alice.organisation.invite({ email: 'member@example.com', role: 'viewer' }).then(async (i) => (await userIn('cross-member')).organisation.acceptInvitation(i.code));

    const statusAndKind = async (call: Promise<unknown>) => {
      const problem = await problemOf(call);
      return [problem.status, problem.kind, problem.detail.replace(/\S*(cross-alice|missing-1|inv_\w+|cross-member|\w{24})\S*/g, '<id>')];
    };
    // Alice's key, her invitation and her member, named from mallory's organisation: as missing as ids that never existed.
    expect(await statusAndKind(mallory.apiKeys.revoke(aliceKey.id))).toEqual(await statusAndKind(mallory.apiKeys.revoke('a'.repeat(24))));
    expect(await statusAndKind(mallory.organisation.revokeInvitation(invitation.id))).toEqual(await statusAndKind(mallory.organisation.revokeInvitation('inv_000000000000000000000000')));
    expect(await statusAndKind(mallory.organisation.removeMember('cross-member'))).toEqual(await statusAndKind(mallory.organisation.removeMember(MISSING)));
    // A token naming alice's organisation, or one that does not exist: the same refusal.
    const intoAlice = await problemOf((await userIn('cross-mallory', 'cross-alice')).account.balances());
    const intoNowhere = await problemOf((await userIn('cross-mallory', 'cross-nowhere')).account.balances());
    expect([intoAlice.status, intoAlice.kind]).toEqual([403, 'forbidden']);
    expect([intoNowhere.status, intoNowhere.kind]).toEqual([403, 'forbidden']);
    // Alice's key acts in alice's organisation only, whatever ids it names.
    const key = sdk.anon.as(aliceKey.key ?? '');
    expect((await key.account.get()).account_id).toBe('cross-alice');
    expect((await problemOf(key.organisation.get())).status).toBe(403);
    expect((await alice.organisation.get()).members.map((m) => m.user_id)).toEqual(['cross-alice', 'cross-member']);
  });

  /** A token whose `email` claim names the user's address, as an identity provider's would. */
  const tokenWithEmail = (userId: string, email: string): Promise<string> =>
    new SignJWT({ email })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(userId)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(JWT_SECRET));

  /** Each pool's available credits, by pool id. */
  const availableOf = async (client: BillingClient) => Object.fromEntries((await client.account.balances()).balances.map((b) => [b.pool, b.available]));

  async function buy(client: BillingClient, packId: string): Promise<void> {
    const order = await client.orders.place({ kind: 'pack', pack_id: packId });
    expect((await client.orders.confirmSandboxPayment(order.id)).status).toBe('paid');
  }

  it('given a user with an organisation of their own, when they create a second one, buy and spend in it, then its pools are its own and the first’s are untouched', async () => {
    const ann = await userIn('multi-ann');
    await buy(ann, 'api-1000');
    const firstBefore = await availableOf(ann);
    expect(firstBefore).toEqual({ app: 0, api: 1000 });

    const created = await ann.organisations.create({ name: 'Studio' }, { idempotencyKey: 'studio-1' });
    expect(created).toMatchObject({ name: 'Studio', role: 'owner', current: false, members: 1 });
    expect(created.id).toMatch(/^org_[0-9a-f]{32}$/);
    // The same Idempotency-Key again: the same organisation, none founded twice.
    expect((await ann.organisations.create({ name: 'Studio' }, { idempotencyKey: 'studio-1' })).id).toBe(created.id);
    expect((await ann.organisations.list()).organisations).toEqual([
      { id: 'multi-ann', name: null, role: 'owner', current: true, members: 1 },
      { id: created.id, name: 'Studio', role: 'owner', current: false, members: 1 },
    ]);

    const studio = ann.in(created.id);
    expect((await studio.organisations.list()).organisations.map((o) => [o.id, o.current])).toEqual([
      ['multi-ann', false],
      [created.id, true],
    ]);
    expect((await studio.account.get()).account_id).toBe(created.id);
    expect(await availableOf(studio)).toEqual({ app: 0, api: 0 });

    await buy(studio, 'app-300');
    await buy(studio, 'api-1000');
    expect(await availableOf(studio)).toEqual({ app: 300, api: 1000 });
    // A member's task draws on the studio's App pool; the studio's key on its API pool.
    const appTask = await studio.tasks.create(RENDER);
    expect([appTask.pool, appTask.credits_reserved]).toEqual(['app', 75]);
    const studioKey = await studio.apiKeys.create({ name: 'studio ci' });
    const key = sdk.anon.as(studioKey.key ?? '');
    expect((await key.account.get()).account_id).toBe(created.id);
    const apiTask = await key.tasks.create(RENDER);
    expect([apiTask.pool, apiTask.credits_reserved]).toEqual(['api', 75]);
    expect(await availableOf(studio)).toEqual({ app: 225, api: 925 });

    // The first organisation: the same credits, none of the studio's tasks or keys.
    expect(await availableOf(ann)).toEqual(firstBefore);
    expect((await ann.tasks.list()).tasks).toEqual([]);
    expect((await ann.apiKeys.list()).api_keys.map((k) => k.id)).not.toContain(studioKey.id);
    expect((await problemOf(ann.tasks.get(appTask.id))).status).toBe(404);
    // The studio's key acts in the studio only: naming the first organisation is refused.
    expect((await problemOf(key.in('multi-ann').account.balances())).status).toBe(403);
  });

  it('given a member of one organisation only, when they name another with X-Organisation-Id, then it is the same 403 as one that does not exist; once invited, they act in it', async () => {
    const owner = await userIn('switch-owner');
    const created = await owner.organisations.create({ name: 'Team B' });
    const bob = await userIn('switch-bob');
    const intoB = await problemOf(bob.in(created.id).account.balances());
    const intoNowhere = await problemOf(bob.in('org_00000000000000000000000000000000').account.balances());
    expect([intoB.status, intoB.kind]).toEqual([403, 'forbidden']);
    expect([intoNowhere.status, intoNowhere.kind]).toEqual([403, 'forbidden']);
    expect(intoB.detail.replace(created.id, '<id>')).toBe(intoNowhere.detail.replace('org_00000000000000000000000000000000', '<id>'));
    expect((await problemOf(bob.in(created.id).organisations.list())).status).toBe(403);
    expect((await bob.organisations.list()).organisations.map((o) => o.id)).toEqual(['switch-bob']);
    const malformed = await problemOf(bob.in('no spaces allowed').account.balances());
    expect([malformed.status, malformed.kind]).toEqual([400, 'validation']);

    const invitation = await owner.in(created.id).organisation.invite({ email: 'bob@example.com', role: 'developer' });
    expect((await bob.organisation.acceptInvitation(invitation.code)).organisation_id).toBe(created.id);
    expect((await bob.organisations.list()).organisations.map((o) => [o.id, o.role])).toEqual([
      [created.id, 'developer'],
      ['switch-bob', 'owner'],
    ]);
    expect((await bob.in(created.id).account.get()).account_id).toBe(created.id);
    expect((await problemOf(bob.in(created.id).orders.place({ kind: 'pack', pack_id: 'api-300' }))).status).toBe(403);
    // Removed, the organisation is gone from their list and their requests there are refused again.
    await owner.in(created.id).organisation.removeMember('switch-bob');
    expect((await bob.organisations.list()).organisations.map((o) => o.id)).toEqual(['switch-bob']);
    expect((await problemOf(bob.in(created.id).account.balances())).status).toBe(403);
  });

  it('given tokens with an email claim, then members are listed with their address beside their user id: a founder’s from the token, an invitee’s from the invitation', async () => {
    const eve = sdk.anon.as(await tokenWithEmail('mail-eve', 'eve@example.com'));
    const created = await eve.organisations.create({ name: 'Mail' });
    const invitation = await eve.in(created.id).organisation.invite({ email: 'fred@example.com', role: 'viewer' });
    await (await userIn('mail-fred')).organisation.acceptInvitation(invitation.code);
    expect((await eve.in(created.id).organisation.get()).members.map((m) => [m.user_id, m.email])).toEqual([
      ['mail-eve', 'eve@example.com'],
      ['mail-fred', 'fred@example.com'],
    ]);
    expect((await eve.organisation.get()).members.map((m) => [m.user_id, m.email])).toEqual([['mail-eve', 'eve@example.com']]);
    // A member from before (no address known) signing in with an email claim: it is kept, once.
    const gus = await userIn('mail-gus');
    expect((await gus.organisation.get()).members[0]?.email).toBeNull();
    const gusWithEmail = sdk.anon.as(await tokenWithEmail('mail-gus', 'gus@example.com'));
    await gusWithEmail.account.balances();
    expect((await gus.organisation.get()).members[0]?.email).toBe('gus@example.com');
  });

  it('given everything above, when finance audits the gateway’s organisation streams, then every chain and rule holds', async () => {
    const source = openSqliteAuditSource(gatewayEventsPath(dir));
    const report = await auditOrganisations(source).finally(() => source.close());
    expect(report.findings).toEqual([]);
    expect(report.organisations).toBeGreaterThanOrEqual(10);
    expect(report.eventsRead).toBeGreaterThan(2 * report.organisations);
  });
});
