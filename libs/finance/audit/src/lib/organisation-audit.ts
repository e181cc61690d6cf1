import {
  evolveOrganisation,
  initialOrganisationState,
  ORGANISATION_EVENT_TYPES,
  ORGANISATION_STREAM_PREFIX,
  type OrganisationEvent,
  type OrganisationState,
  ownersOf,
} from '@billing/organisations-domain';
import type { AuditSource } from './audit-source';
import { ChainVerifier } from './chain-verifier';
import type { AuditFinding } from './finding';
import type { StoredEvent } from './stored-event';

export interface OrganisationAuditReport {
  readonly audit: 'organisations';
  readonly source: string;
  readonly eventsRead: number;
  readonly organisations: number;
  /** Organisations founded by the migration of an account from before organisations. */
  readonly migrated: number;
  readonly members: number;
  readonly findingCount: number;
  readonly findings: readonly AuditFinding[];
}

/**
 * The gateway's organisation streams replayed from their events alone: every chain, and at
 * every event the rules the organisation decides by: it opens with its founding and its
 * founder as owner, it always has an owner, an invitation is accepted once while pending and
 * before it expires, a member joins by an invitation accepted for them with its role, and
 * role changes and removals name a member with the role they had.
 */
export async function auditOrganisations(source: AuditSource): Promise<OrganisationAuditReport> {
  const findings: AuditFinding[] = [];
  const chains = new ChainVerifier((finding) => findings.push(finding));
  const states = new Map<string, OrganisationState>();
  let eventsRead = 0;
  let migrated = 0;
  for await (const page of source.pages({ streamPrefix: ORGANISATION_STREAM_PREFIX }, await source.headPosition())) {
    for (const stored of page) {
      eventsRead++;
      chains.verify(stored);
      const find = (rule: string, message: string) =>
        findings.push({ kind: 'invariant', streamName: stored.streamName, revision: stored.revision, position: stored.position, rule, message });
      if (!(ORGANISATION_EVENT_TYPES as readonly string[]).includes(stored.type)) {
        findings.push({ kind: 'event', streamName: stored.streamName, revision: stored.revision, position: stored.position, rule: 'known_event_type', message: `unknown event type ${stored.type}` });
        continue;
      }
      const event = { type: stored.type, data: JSON.parse(stored.dataJson) } as OrganisationEvent;
      const before = states.get(stored.streamName) ?? initialOrganisationState;
      for (const broken of brokenRules(before, event, stored)) find(broken.rule, broken.message);
      const after = evolveOrganisation(before, event);
      if (event.type === 'OrganisationFounded' && event.data.migrated) migrated++;
      if (stored.revision > 0 && after.organisationId !== null && ownersOf(after).length === 0) find('organisation_keeps_an_owner', 'no owner is left');
      states.set(stored.streamName, after);
    }
  }
  return {
    audit: 'organisations',
    source: source.location,
    eventsRead,
    organisations: states.size,
    migrated,
    members: [...states.values()].reduce((sum, state) => sum + state.members.size, 0),
    findingCount: findings.length,
    findings,
  };
}

/** What the event breaks, given the organisation as its earlier events left it. */
function brokenRules(state: OrganisationState, event: OrganisationEvent, stored: StoredEvent): { rule: string; message: string }[] {
  const broken = (rule: string, message: string) => [{ rule, message }];
  if (state.organisationId === null && event.type !== 'OrganisationFounded') return broken('organisation_opens_with_founding', `${event.type} before the organisation was founded`);
  switch (event.type) {
    case 'OrganisationFounded':
      return state.organisationId === null ? [] : broken('organisation_opens_with_founding', 'founded twice');
    case 'MemberJoined': {
      if (state.members.has(event.data.userId)) return broken('member_joins_once', `${event.data.userId} is already a member`);
      if (event.data.invitationId === null) {
        return stored.revision === 1 && state.members.size === 0 && event.data.role === 'owner' ? [] : broken('founder_is_owner', 'only the founder joins without an invitation, as owner');
      }
      const invitation = state.invitations.get(event.data.invitationId);
      return invitation?.status === 'accepted' && invitation.role === event.data.role ? [] : broken('member_joins_by_invitation', `no accepted invitation ${event.data.invitationId} for role ${event.data.role}`);
    }
    case 'InvitationSent':
      return state.invitations.has(event.data.invitationId) ? broken('invitation_sent_once', `invitation ${event.data.invitationId} sent twice`) : [];
    case 'InvitationAccepted': {
      const invitation = state.invitations.get(event.data.invitationId);
      if (invitation?.status !== 'pending') return broken('invitation_used_once', `invitation ${event.data.invitationId} is ${invitation?.status ?? 'unknown'}`);
      return event.data.at < invitation.expiresAt ? [] : broken('invitation_used_once', `invitation ${event.data.invitationId} accepted after it expired`);
    }
    case 'InvitationRevoked':
      return state.invitations.get(event.data.invitationId)?.status === 'pending' ? [] : broken('invitation_used_once', `invitation ${event.data.invitationId} revoked when not pending`);
    case 'MemberRoleChanged':
      return state.members.get(event.data.userId)?.role === event.data.from ? [] : broken('member_event_of_a_member', `${event.data.userId} was not a ${event.data.from}`);
    case 'MemberRemoved':
    case 'MemberEmailRecorded':
      return state.members.has(event.data.userId) ? [] : broken('member_event_of_a_member', `${event.data.userId} is not a member`);
  }
}
