import type { Invitation, Member, OrganisationState } from '@billing/organisations-domain';

export interface MemberView {
  readonly user_id: string;
  readonly role: string;
  /** The address the member was invited at, or the one their token named (null: none known). */
  readonly email: string | null;
  readonly joined_at: string;
}

export interface OrganisationView {
  readonly id: string;
  /** null: a user's own organisation (or one from before organisations), which has none. */
  readonly name: string | null;
  /** The caller's own role here. */
  readonly role: string;
  readonly members: readonly MemberView[];
}

/** One organisation a user belongs to, as the organisation switcher lists it. */
export interface OrganisationSummaryView {
  readonly id: string;
  readonly name: string | null;
  /** The user's role there. */
  readonly role: string;
  /** Whether the request that asked acts in it. */
  readonly current: boolean;
  readonly members: number;
}

export interface InvitationView {
  readonly id: string;
  readonly email: string;
  readonly role: string;
  readonly invited_by: string;
  readonly created_at: string;
  readonly expires_at: string;
}

/** An invitation just made: the only time its code exists outside the invitee's hands. */
export interface CreatedInvitationView extends InvitationView {
  readonly code: string;
}

/** What accepting an invitation made the caller. */
export interface MembershipView {
  readonly organisation_id: string;
  readonly user_id: string;
  readonly role: string;
}

const iso = (millis: number): string => new Date(millis).toISOString();

export const memberView = (userId: string, member: Member): MemberView => ({ user_id: userId, role: member.role, email: member.email, joined_at: iso(member.joinedAt) });

export function organisationView(state: OrganisationState, organisationId: string, role: string): OrganisationView {
  const members = [...state.members].map(([userId, member]) => memberView(userId, member)).sort((a, b) => a.joined_at.localeCompare(b.joined_at) || a.user_id.localeCompare(b.user_id));
  return { id: organisationId, name: state.name, role, members };
}

export const organisationSummaryView = (state: OrganisationState, organisationId: string, role: string, currentId: string): OrganisationSummaryView => ({
  id: organisationId,
  name: state.name,
  role,
  current: organisationId === currentId,
  members: state.members.size,
});

export const invitationView = (invitation: Invitation): InvitationView => ({
  id: invitation.invitationId,
  email: invitation.email,
  role: invitation.role,
  invited_by: invitation.by,
  created_at: iso(invitation.at),
  expires_at: iso(invitation.expiresAt),
});
