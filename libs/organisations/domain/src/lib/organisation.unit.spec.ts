import { decideOrganisation, evolveOrganisation, initialOrganisationState, type OrganisationCommand, type OrganisationState, ownersOf } from './organisation';
import type { OrganisationEvent } from './organisation-events';

const at = (now: number) => ({ commandId: `c-${now}`, now });
const found: OrganisationCommand = { type: 'FoundOrganisation', data: { organisationId: 'acme', founderId: 'ann', migrated: true }, metadata: at(1) };

function given(...commands: OrganisationCommand[]): OrganisationState {
  return commands.reduce((state, command) => decideOrganisation(command, state).reduce(evolveOrganisation, state), initialOrganisationState);
}
const when = (state: OrganisationState, command: OrganisationCommand): OrganisationEvent[] => decideOrganisation(command, state);
const invite = (role: 'owner' | 'admin' | 'viewer', by = 'ann', code = `hash-${role}`): OrganisationCommand => ({
  type: 'InviteMember',
  data: { invitationId: `inv-${role}`, email: `${role}@example.com`, role, codeSha256: code, expiresAt: 100, by },
  metadata: at(2),
});
const accept = (code: string, userId: string, now = 3): OrganisationCommand => ({ type: 'AcceptInvitation', data: { codeSha256: code, userId }, metadata: at(now) });

describe('organisation decider', () => {
  it('given nothing, when founded, then the founder is its owner; founded again, nothing more (a migration appended once)', () => {
    expect(when(initialOrganisationState, found).map((event) => event.type)).toEqual(['OrganisationFounded', 'MemberJoined']);
    expect(ownersOf(given(found))).toEqual(['ann']);
    expect(when(given(found), found)).toEqual([]);
  });

  it('given an invitation, when its code is accepted, then the user joins with its role; a second use, an expired or revoked code is not found', () => {
    const invited = given(found, invite('viewer'));
    expect(when(invited, accept('hash-viewer', 'vic')).map((event) => event.type)).toEqual(['InvitationAccepted', 'MemberJoined']);
    const joined = given(found, invite('viewer'), accept('hash-viewer', 'vic'));
    expect(joined.members.get('vic')).toEqual({ role: 'viewer', joinedAt: 3, email: 'viewer@example.com' });
    expect(() => when(joined, accept('hash-viewer', 'val'))).toThrow(expect.objectContaining({ refusal: 'not_found' }));
    expect(() => when(invited, accept('hash-viewer', 'vic', 100))).toThrow(expect.objectContaining({ refusal: 'not_found' }));
    const revoked = given(found, invite('viewer'), { type: 'RevokeInvitation', data: { invitationId: 'inv-viewer', by: 'ann' }, metadata: at(3) });
    expect(() => when(revoked, accept('hash-viewer', 'vic'))).toThrow(expect.objectContaining({ refusal: 'not_found' }));
  });

  it('given the last owner, when they leave or are demoted, then it is refused; with another owner, it is not', () => {
    const alone = given(found);
    expect(() => when(alone, { type: 'RemoveMember', data: { userId: 'ann', by: 'ann' }, metadata: at(4) })).toThrow(expect.objectContaining({ refusal: 'last_owner' }));
    expect(() => when(alone, { type: 'ChangeMemberRole', data: { userId: 'ann', role: 'admin', by: 'ann' }, metadata: at(4) })).toThrow(
      expect.objectContaining({ refusal: 'last_owner' }),
    );
    const two = given(found, invite('owner'), accept('hash-owner', 'olly'));
    expect(when(two, { type: 'RemoveMember', data: { userId: 'ann', by: 'ann' }, metadata: at(4) })).toEqual([{ type: 'MemberRemoved', data: { userId: 'ann', by: 'ann', at: 4 } }]);
  });

  it('given an admin, when they make, unmake or remove an owner, then only an owner may', () => {
    const withAdmin = given(found, invite('admin'), accept('hash-admin', 'adam'));
    expect(() => when(withAdmin, invite('owner', 'adam'))).toThrow(expect.objectContaining({ refusal: 'owner_only' }));
    expect(() => when(withAdmin, { type: 'ChangeMemberRole', data: { userId: 'adam', role: 'owner', by: 'adam' }, metadata: at(4) })).toThrow(
      expect.objectContaining({ refusal: 'owner_only' }),
    );
    expect(() => when(withAdmin, { type: 'RemoveMember', data: { userId: 'ann', by: 'adam' }, metadata: at(4) })).toThrow(expect.objectContaining({ refusal: 'owner_only' }));
    expect(when(withAdmin, invite('viewer', 'adam')).map((event) => event.type)).toEqual(['InvitationSent']);
  });

  it('given a member, when asked to join again or a stranger is named, then already a member, or not found', () => {
    const withViewer = given(found, invite('viewer'), accept('hash-viewer', 'vic'), invite('admin'));
    expect(() => when(withViewer, accept('hash-admin', 'vic'))).toThrow(expect.objectContaining({ refusal: 'already_member' }));
    expect(() => when(withViewer, { type: 'RemoveMember', data: { userId: 'nobody', by: 'ann' }, metadata: at(4) })).toThrow(expect.objectContaining({ refusal: 'not_found' }));
    expect(() => when(initialOrganisationState, invite('viewer'))).toThrow(expect.objectContaining({ refusal: 'not_found' }));
  });

  it('given a user creating an organisation, when founded with a name and their address, then both are kept; an address is recorded once, for a member without one', () => {
    const named: OrganisationCommand = { type: 'FoundOrganisation', data: { organisationId: 'org_2', founderId: 'ann', migrated: false, name: 'Studio', founderEmail: 'ann@example.com' }, metadata: at(1) };
    const state = given(named);
    expect(state.name).toBe('Studio');
    expect(state.members.get('ann')?.email).toBe('ann@example.com');
    const record = (userId: string, email: string): OrganisationCommand => ({ type: 'RecordMemberEmail', data: { userId, email }, metadata: at(5) });
    expect(when(state, record('ann', 'other@example.com'))).toEqual([]);
    expect(when(given(found), record('ann', 'ann@example.com'))).toEqual([{ type: 'MemberEmailRecorded', data: { userId: 'ann', email: 'ann@example.com', at: 5 } }]);
    expect(given(found, record('ann', 'ann@example.com')).members.get('ann')?.email).toBe('ann@example.com');
    expect(when(given(found), record('nobody', 'n@example.com'))).toEqual([]);
  });
});
