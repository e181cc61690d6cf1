import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRepository, type EventStore, openSqliteEventStore } from '@billing/event-store';
import { type OrganisationCommand, organisationDecider, organisationStream } from '@billing/organisations-domain';
import { auditOrganisations, type OrganisationAuditOptions } from './organisation-audit';
import { openSqliteAuditSource } from './sqlite-audit-source';

describe('finance audits the gateway’s organisation streams', () => {
  let dir: string;
  let path: string;
  let store: EventStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'organisation-audit-'));
    path = join(dir, 'gateway.events.db');
    store = openSqliteEventStore({ path });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const audit = async (options: OrganisationAuditOptions = {}) => {
    const source = openSqliteAuditSource(path);
    try {
      return await auditOrganisations(source, options);
    } finally {
      await source.close();
    }
  };

  /** What the gateway appends: commands decided by the organisation's own decider. */
  async function decided(organisationId: string, commands: readonly Omit<OrganisationCommand, 'metadata'>[]): Promise<void> {
    const repository = createRepository({ store, decider: organisationDecider, schemaVersionOf: () => 1 });
    let now = 1_000;
    for (const command of commands) await repository.handle(organisationStream(organisationId), { ...command, metadata: { commandId: `c${now}`, now: now++ } } as OrganisationCommand);
  }

  const founding = (id: string, migrated: boolean) => ({ type: 'FoundOrganisation', data: { organisationId: id, founderId: id, migrated } }) as const;
  const invitation = { type: 'InviteMember', data: { invitationId: 'inv-1', email: 'vic@example.com', role: 'viewer', codeSha256: 'h1', expiresAt: 10_000, by: 'acme' } } as const;

  it('given migrated and new organisations with a member by invitation, when audited, then nothing is found and the figures count them', async () => {
    await decided('acme', [founding('acme', true), invitation, { type: 'AcceptInvitation', data: { codeSha256: 'h1', userId: 'vic' } }]);
    await decided('newco', [founding('newco', false)]);
    expect(await audit()).toMatchObject({ organisations: 2, migrated: 1, members: 3, eventsRead: 7, findingCount: 0 });
  });

  it('given events appended behind the decider’s back, when audited, then the last owner removed and a code used twice are findings', async () => {
    await decided('acme', [founding('acme', true), invitation, { type: 'AcceptInvitation', data: { codeSha256: 'h1', userId: 'vic' } }]);
    const forged = (type: string, data: unknown, n: number) => ({ eventId: `forged-${n}`, type, schemaVersion: 1, data });
    await store.appendToStream(
      organisationStream('acme'),
      [
        forged('InvitationAccepted', { invitationId: 'inv-1', userId: 'val', at: 2_000 }, 1),
        forged('MemberJoined', { userId: 'val', role: 'admin', invitationId: 'inv-1', at: 2_000 }, 2),
        forged('MemberRemoved', { userId: 'acme', by: 'acme', at: 2_001 }, 3),
      ],
      4,
    );
    const report = await audit();
    expect(report.findings.map((finding) => [finding.revision, finding.rule])).toEqual([
      [5, 'invitation_used_once'],
      [6, 'member_joins_by_invitation'],
      [7, 'organisation_keeps_an_owner'],
    ]);
  });

  it('given the wallets beside, then every account must be one organisation’s and a lot may fund one wallet only', async () => {
    await decided('acme', [founding('acme', true)]);
    await decided('newco', [founding('newco', false)]);
    const wallet = (accountId: string, pool: string, lotIds: string[]) => ({ streamName: `wallet-${accountId}-${pool}`, accountId, pool, lotIds });
    const sound = [wallet('acme', 'api', ['purchase:o-1']), wallet('acme', 'app', ['purchase:o-2', 'grant:g-1']), wallet('newco', 'api', ['purchase:o-3'])];
    expect(await audit({ wallets: sound })).toMatchObject({ organisations: 2, accounts: 2, findingCount: 0 });
    expect((await audit()).accounts).toBeNull();

    const report = await audit({ wallets: [...sound, wallet('stray', 'api', ['purchase:o-4']), wallet('newco', 'app', ['purchase:o-1'])] });
    expect(report.findings.map((finding) => [finding.streamName, finding.rule, finding.message])).toEqual([
      ['wallet-stray-api', 'account_in_an_organisation', 'account stray has a wallet (pool api) but belongs to no organisation'],
      ['wallet-newco-app', 'pools_never_mix', 'lot purchase:o-1 funds both acme/api and newco/app'],
    ]);
  });

  it('given an organisation founded under another’s stream, then the account would belong to two: a finding', async () => {
    await decided('acme', [founding('acme', true)]);
    await store.appendToStream(
      organisationStream('shadow'),
      [
        { eventId: 'forged-1', type: 'OrganisationFounded', schemaVersion: 1, data: { organisationId: 'acme', founderId: 'mallory', migrated: false, at: 2_000 } },
        { eventId: 'forged-2', type: 'MemberJoined', schemaVersion: 1, data: { userId: 'mallory', role: 'owner', invitationId: null, at: 2_000 } },
      ],
      'no_stream',
    );
    const report = await audit({ wallets: [{ streamName: 'wallet-acme-api', accountId: 'acme', pool: 'api', lotIds: [] }] });
    expect(report.findings.map((finding) => [finding.streamName, finding.revision, finding.rule])).toEqual([['organisation-shadow', 0, 'organisation_named_by_its_stream']]);
  });
});
