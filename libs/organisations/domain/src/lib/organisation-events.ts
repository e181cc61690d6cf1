import type { EpochMillis, Event } from '@billing/contracts';
import type { MemberRole } from './member-roles';

/** The stream of one organisation; its id is the account id the wallet, tasks and purchases already use. */
export const organisationStream = (organisationId: string): string => `organisation-${organisationId}`;
export const ORGANISATION_STREAM_PREFIX = 'organisation-';

/**
 * `migrated`: an account from before organisations, made one with its user as owner.
 * `name`: given when a user creates an organisation besides their own (absent: none).
 */
export type OrganisationFounded = Event<'OrganisationFounded', { organisationId: string; founderId: string; migrated: boolean; name?: string; at: EpochMillis }>;
/**
 * `invitationId` null: the founder. `email`: the founder's address when their token named
 * one (a member by invitation has the invitation's).
 */
export type MemberJoined = Event<'MemberJoined', { userId: string; role: MemberRole; invitationId: string | null; email?: string; at: EpochMillis }>;
/** A member who had no address (a founder, a migrated account) signed in with a token naming one. */
export type MemberEmailRecorded = Event<'MemberEmailRecorded', { userId: string; email: string; at: EpochMillis }>;
/** Only a hash of the single-use code is kept. */
export type InvitationSent = Event<
  'InvitationSent',
  { invitationId: string; email: string; role: MemberRole; codeSha256: string; expiresAt: EpochMillis; by: string; at: EpochMillis }
>;
export type InvitationAccepted = Event<'InvitationAccepted', { invitationId: string; userId: string; at: EpochMillis }>;
export type InvitationRevoked = Event<'InvitationRevoked', { invitationId: string; by: string; at: EpochMillis }>;
export type MemberRoleChanged = Event<'MemberRoleChanged', { userId: string; from: MemberRole; to: MemberRole; by: string; at: EpochMillis }>;
/** `by` equal to `userId`: the member left. */
export type MemberRemoved = Event<'MemberRemoved', { userId: string; by: string; at: EpochMillis }>;

export type OrganisationEvent =
  | OrganisationFounded
  | MemberJoined
  | InvitationSent
  | InvitationAccepted
  | InvitationRevoked
  | MemberRoleChanged
  | MemberRemoved
  | MemberEmailRecorded;

export const ORGANISATION_EVENT_TYPES: readonly OrganisationEvent['type'][] = [
  'OrganisationFounded',
  'MemberJoined',
  'InvitationSent',
  'InvitationAccepted',
  'InvitationRevoked',
  'MemberRoleChanged',
  'MemberRemoved',
  'MemberEmailRecorded',
];
