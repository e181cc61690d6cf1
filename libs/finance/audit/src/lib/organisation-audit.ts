import {
  evolveOrganisation,
  initialOrganisationState,
  ORGANISATION_EVENT_TYPES,
  ORGANISATION_STREAM_PREFIX,
  type OrganisationEvent,
  type OrganisationState,
  organisationStream,
  ownersOf,
} from '@billing/organisations-domain';
import { walletStreamName } from '@billing/contracts';
import type { AuditSource } from './audit-source';
import type { AuditedWallet } from './audited-wallet';
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
  /** The wallets' accounts checked against the organisations; null when no wallets were given. */
  readonly accounts: number | null;
  readonly findingCount: number;
  readonly findings: readonly AuditFinding[];
}

/** A wallet as the organisations audit sees it: whose account and which pool, and the lots (purchases, grants) that fund it. */
export interface WalletOfAccount {
  readonly streamName: string;
  readonly accountId: string;
  readonly pool: string;
  readonly lotIds: Iterable<string>;
}

export interface OrganisationAuditOptions {
  /**
   * The wallets replayed beside (`runReplayAudit`'s `audited`): with them, every account
   * must be one organisation's (an organisation's id is its account id, and its stream names
   * that id) and pools never mix (a lot funds one wallet, one account's pool, only).
   */
  readonly wallets?: Iterable<WalletOfAccount>;
}

/** The replayed wallets (`runReplayAudit`'s `audited`) as the organisations audit checks them. */
export function walletsOfAccounts(audited: ReadonlyMap<string, AuditedWallet>): WalletOfAccount[] {
  return [...audited.values()].map((wallet) => ({ streamName: walletStreamName(wallet.accountId, wallet.pool), accountId: wallet.accountId, pool: wallet.pool, lotIds: wallet.lots.keys() }));
}

/**
 * The gateway's organisation streams replayed from their events alone: every chain, and at
 * every event the rules the organisation decides by: it opens with its founding and its
 * founder as owner, it always has an owner, an invitation is accepted once while pending and
 * before it expires, a member joins by an invitation accepted for them with its role, and
 * role changes and removals name a member with the role they had. Each organisation's
 * stream names its id (an account is one organisation's); with the wallets, every
 * account is an organisation's and each lot funds one wallet only (pools never mix).
 */
export async function auditOrganisations(source: AuditSource, options: OrganisationAuditOptions = {}): Promise<OrganisationAuditReport> {
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
      if (event.type === 'OrganisationFounded' && organisationStream(event.data.organisationId) !== stored.streamName) {
        find('organisation_named_by_its_stream', `founded as ${event.data.organisationId} in ${stored.streamName}: an account would belong to two organisations`);
      }
      const after = evolveOrganisation(before, event);
      if (event.type === 'OrganisationFounded' && event.data.migrated) migrated++;
      if (stored.revision > 0 && after.organisationId !== null && ownersOf(after).length === 0) find('organisation_keeps_an_owner', 'no owner is left');
      states.set(stored.streamName, after);
    }
  }
  const accounts = options.wallets === undefined ? null : accountFindings(states, options.wallets, findings);
  return {
    audit: 'organisations',
    source: source.location,
    eventsRead,
    organisations: states.size,
    migrated,
    members: [...states.values()].reduce((sum, state) => sum + state.members.size, 0),
    accounts,
    findingCount: findings.length,
    findings,
  };
}

/**
 * Every wallet's account is a founded organisation (`account_in_an_organisation`), and each
 * lot funds one wallet only (`pools_never_mix`: a purchase or grant credited to two pools, or
 * to two organisations). Answers how many accounts were checked.
 */
function accountFindings(states: ReadonlyMap<string, OrganisationState>, wallets: Iterable<WalletOfAccount>, findings: AuditFinding[]): number {
  const accounts = new Set<string>();
  const fundedBy = new Map<string, string>();
  for (const wallet of wallets) {
    const find = (rule: string, message: string) => findings.push({ kind: 'invariant', streamName: wallet.streamName, revision: null, position: null, rule, message });
    if (!accounts.has(wallet.accountId)) {
      accounts.add(wallet.accountId);
      if ((states.get(organisationStream(wallet.accountId))?.organisationId ?? null) === null) {
        find('account_in_an_organisation', `account ${wallet.accountId} has a wallet (pool ${wallet.pool}) but belongs to no organisation`);
      }
    }
    const name = `${wallet.accountId}/${wallet.pool}`;
    for (const lotId of wallet.lotIds) {
      const other = fundedBy.get(lotId);
      if (other === undefined) fundedBy.set(lotId, name);
      else if (other !== name) find('pools_never_mix', `lot ${lotId} funds both ${other} and ${name}`);
    }
  }
  return accounts.size;
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
