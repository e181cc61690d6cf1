import type { Command, Decider, EpochMillis } from '@billing/contracts';
import type { MemberRole } from './member-roles';
import { OrganisationError } from './organisation-errors';
import type { InvitationSent, OrganisationEvent } from './organisation-events';

export interface Member {
  readonly role: MemberRole;
  readonly joinedAt: EpochMillis;
  /** The address the member was invited at, or the founder's from their token (null: none known). */
  readonly email: string | null;
}

export interface Invitation {
  readonly invitationId: string;
  readonly email: string;
  readonly role: MemberRole;
  readonly codeSha256: string;
  readonly expiresAt: EpochMillis;
  readonly by: string;
  readonly at: EpochMillis;
  readonly status: 'pending' | 'accepted' | 'revoked';
}

export interface OrganisationState {
  /** null: not founded. */
  readonly organisationId: string | null;
  /** Given at creation (null: a user's own organisation, or one migrated). */
  readonly name: string | null;
  readonly members: ReadonlyMap<string, Member>;
  readonly invitations: ReadonlyMap<string, Invitation>;
}

export type FoundOrganisation = Command<'FoundOrganisation', { organisationId: string; founderId: string; migrated: boolean; name?: string; founderEmail?: string }>;
export type InviteMember = Command<'InviteMember', Omit<InvitationSent['data'], 'at'>>;
/** The code's SHA-256 names the invitation: one use, before it expires. */
export type AcceptInvitation = Command<'AcceptInvitation', { codeSha256: string; userId: string }>;
export type RevokeInvitation = Command<'RevokeInvitation', { invitationId: string; by: string }>;
export type ChangeMemberRole = Command<'ChangeMemberRole', { userId: string; role: MemberRole; by: string }>;
export type RemoveMember = Command<'RemoveMember', { userId: string; by: string }>;
/** The member's address from their token, kept when none is known yet (else nothing). */
export type RecordMemberEmail = Command<'RecordMemberEmail', { userId: string; email: string }>;

export type OrganisationCommand = FoundOrganisation | InviteMember | AcceptInvitation | RevokeInvitation | ChangeMemberRole | RemoveMember | RecordMemberEmail;

export const initialOrganisationState: OrganisationState = { organisationId: null, name: null, members: new Map(), invitations: new Map() };

/**
 * An organisation's members and invitations. Rules kept here whoever asks: an organisation
 * always has an owner (the last one cannot leave or be demoted), only an owner makes or
 * unmakes owners, an invitation's code works once and before it expires. Which role may
 * ask for what is the gateway's table.
 */
export function decideOrganisation(command: OrganisationCommand, state: OrganisationState): OrganisationEvent[] {
  const at = command.metadata.now;
  if (command.type === 'FoundOrganisation') {
    if (state.organisationId !== null) return [];
    const { organisationId, founderId, migrated, name, founderEmail } = command.data;
    return [
      { type: 'OrganisationFounded', data: { organisationId, founderId, migrated, ...(name === undefined ? {} : { name }), at } },
      { type: 'MemberJoined', data: { userId: founderId, role: 'owner', invitationId: null, ...(founderEmail === undefined ? {} : { email: founderEmail }), at } },
    ];
  }
  if (state.organisationId === null) throw new OrganisationError('not_found', 'no such organisation');
  switch (command.type) {
    case 'InviteMember': {
      requireOwnerFor(state, command.data.by, command.data.role === 'owner');
      return [{ type: 'InvitationSent', data: { ...command.data, at } }];
    }
    case 'AcceptInvitation': {
      const invitation = [...state.invitations.values()].find((candidate) => candidate.codeSha256 === command.data.codeSha256);
      if (!invitation || invitation.status !== 'pending' || at >= invitation.expiresAt) throw new OrganisationError('not_found', 'no invitation with that code (unknown, used, revoked or expired)');
      if (state.members.has(command.data.userId)) throw new OrganisationError('already_member', 'you are already a member of this organisation');
      const { invitationId, role } = invitation;
      return [
        { type: 'InvitationAccepted', data: { invitationId, userId: command.data.userId, at } },
        { type: 'MemberJoined', data: { userId: command.data.userId, role, invitationId, at } },
      ];
    }
    case 'RevokeInvitation': {
      if (state.invitations.get(command.data.invitationId)?.status !== 'pending') throw new OrganisationError('not_found', `no pending invitation ${command.data.invitationId}`);
      return [{ type: 'InvitationRevoked', data: { ...command.data, at } }];
    }
    case 'ChangeMemberRole': {
      const { userId, role, by } = command.data;
      const member = memberOf(state, userId);
      if (member.role === role) return [];
      requireOwnerFor(state, by, member.role === 'owner' || role === 'owner');
      if (member.role === 'owner') requireAnotherOwner(state, userId, 'demoted');
      return [{ type: 'MemberRoleChanged', data: { userId, from: member.role, to: role, by, at } }];
    }
    case 'RemoveMember': {
      const { userId, by } = command.data;
      const member = memberOf(state, userId);
      if (by !== userId) requireOwnerFor(state, by, member.role === 'owner');
      if (member.role === 'owner') requireAnotherOwner(state, userId, by === userId ? 'leave' : 'removed');
      return [{ type: 'MemberRemoved', data: { userId, by, at } }];
    }
    case 'RecordMemberEmail': {
      const { userId, email } = command.data;
      const member = state.members.get(userId);
      return member && member.email === null ? [{ type: 'MemberEmailRecorded', data: { userId, email, at } }] : [];
    }
    default: {
      const unknown: never = command;
      throw new Error(`unknown command ${JSON.stringify(unknown)}`);
    }
  }
}

export function evolveOrganisation(state: OrganisationState, event: OrganisationEvent): OrganisationState {
  switch (event.type) {
    case 'OrganisationFounded':
      return { ...state, organisationId: event.data.organisationId, name: event.data.name ?? null };
    case 'MemberJoined': {
      const email = event.data.email ?? (event.data.invitationId === null ? null : (state.invitations.get(event.data.invitationId)?.email ?? null));
      return { ...state, members: withEntry(state.members, event.data.userId, { role: event.data.role, joinedAt: event.data.at, email }) };
    }
    case 'InvitationSent':
      return { ...state, invitations: withEntry(state.invitations, event.data.invitationId, { ...event.data, status: 'pending' }) };
    case 'InvitationAccepted':
    case 'InvitationRevoked':
      return { ...state, invitations: withStatus(state.invitations, event.data.invitationId, event.type === 'InvitationAccepted' ? 'accepted' : 'revoked') };
    case 'MemberRoleChanged': {
      const member = state.members.get(event.data.userId);
      return member ? { ...state, members: withEntry(state.members, event.data.userId, { ...member, role: event.data.to }) } : state;
    }
    case 'MemberRemoved': {
      const members = new Map(state.members);
      members.delete(event.data.userId);
      return { ...state, members };
    }
    case 'MemberEmailRecorded': {
      const member = state.members.get(event.data.userId);
      return member ? { ...state, members: withEntry(state.members, event.data.userId, { ...member, email: event.data.email }) } : state;
    }
  }
}

export const organisationDecider: Decider<OrganisationCommand, OrganisationEvent, OrganisationState> = {
  decide: decideOrganisation,
  evolve: evolveOrganisation,
  initialState: initialOrganisationState,
};

export const ownersOf = (state: OrganisationState): string[] => [...state.members].filter(([, member]) => member.role === 'owner').map(([userId]) => userId);

function memberOf(state: OrganisationState, userId: string): Member {
  const member = state.members.get(userId);
  if (!member) throw new OrganisationError('not_found', `no member ${userId}`);
  return member;
}

function requireOwnerFor(state: OrganisationState, by: string, ownership: boolean): void {
  if (ownership && state.members.get(by)?.role !== 'owner') throw new OrganisationError('owner_only', 'only an owner makes, unmakes or removes owners');
}

function requireAnotherOwner(state: OrganisationState, userId: string, what: 'demoted' | 'removed' | 'leave'): void {
  if (ownersOf(state).some((owner) => owner !== userId)) return;
  throw new OrganisationError('last_owner', what === 'leave' ? 'the last owner cannot leave: make another member owner first' : `the last owner cannot be ${what}: make another member owner first`);
}

function withEntry<V>(map: ReadonlyMap<string, V>, key: string, value: V): ReadonlyMap<string, V> {
  return new Map(map).set(key, value);
}

function withStatus(invitations: ReadonlyMap<string, Invitation>, invitationId: string, status: Invitation['status']): ReadonlyMap<string, Invitation> {
  const invitation = invitations.get(invitationId);
  return invitation ? withEntry(invitations, invitationId, { ...invitation, status }) : invitations;
}
