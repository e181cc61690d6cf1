import type Database from 'better-sqlite3';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createRepository, type EventStore, type Repository } from '@billing/event-store';
import {
  type Member,
  type OrganisationCommand,
  organisationDecider,
  OrganisationError,
  type OrganisationEvent,
  ORGANISATION_STREAM_PREFIX,
  type OrganisationState,
  organisationStream,
} from '@billing/organisations-domain';
import { type Logger, RpcError } from '@billing/service-host';
import { gatewayProblems } from './problems';

type CommandData<Type extends OrganisationCommand['type']> = Extract<OrganisationCommand, { type: Type }>['data'];

/** An invitation's code: `inv.<organisation id, base64url>.<secret>`; only its SHA-256 is stored. */
const CODE_PATTERN = /^inv\.([A-Za-z0-9_-]{1,200})\.([A-Za-z0-9_-]{43})$/;

export const invitationCodeSha256 = (code: string): string => createHash('sha256').update(code).digest('hex');

/**
 * Organisations as event streams in the gateway's own event store (`organisation-<id>`):
 * load, decide, append with the expected revision, retried on conflict. A stream's state
 * is cached, so resolving a member on each request reads no rows.
 */
export class Organisations {
  private readonly repository: Repository<OrganisationCommand, OrganisationEvent, OrganisationState>;
  /** Which organisations each user is a member of, as far as the store was read (`indexedTo`). */
  private readonly membershipsByUser = new Map<string, Set<string>>();
  private indexedTo = 0;
  private indexing: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: EventStore,
    private readonly now: () => number,
  ) {
    this.repository = createRepository({ store, decider: organisationDecider, schemaVersionOf: () => 1 });
  }

  async state(organisationId: string): Promise<OrganisationState> {
    return (await this.repository.current(organisationStream(organisationId))).state;
  }

  async memberOf(organisationId: string, userId: string): Promise<Member | null> {
    return (await this.state(organisationId)).members.get(userId) ?? null;
  }

  /** The organisation with its founder as owner, once: founding it again appends nothing. true: founded now. */
  async found(organisationId: string, founderId: string, migrated: boolean, details: { readonly name?: string; readonly founderEmail?: string } = {}): Promise<boolean> {
    const { events } = await this.handle(organisationId, 'FoundOrganisation', { organisationId, founderId, migrated, ...details });
    return events.length > 0;
  }

  /** Keeps a member's address from their token when none is known yet (appends nothing otherwise). */
  async recordEmail(organisationId: string, userId: string, email: string): Promise<void> {
    await this.handle(organisationId, 'RecordMemberEmail', { userId, email });
  }

  /**
   * The organisations `userId` is a member of, sorted by id: an index of joins and
   * removals, caught up from the store's global log before each answer (so another
   * gateway process sharing the store is seen too).
   */
  async organisationsOf(userId: string): Promise<string[]> {
    await this.catchUpMemberships();
    return [...(this.membershipsByUser.get(userId) ?? [])].sort();
  }

  private catchUpMemberships(): Promise<void> {
    const next = this.indexing.catch(() => undefined).then(async () => {
      const filter = { streamPrefixes: [ORGANISATION_STREAM_PREFIX], eventTypes: ['MemberJoined', 'MemberRemoved'] };
      for await (const event of this.store.readAll({ afterPosition: this.indexedTo, filter })) {
        const organisationId = event.streamName.slice(ORGANISATION_STREAM_PREFIX.length);
        const { userId } = event.data as { userId: string };
        const organisations = this.membershipsByUser.get(userId) ?? new Set<string>();
        if (event.type === 'MemberJoined') organisations.add(organisationId);
        else organisations.delete(organisationId);
        this.membershipsByUser.set(userId, organisations);
        this.indexedTo = event.position;
      }
    });
    this.indexing = next;
    return next;
  }

  /** Each account an organisation with its user as owner, unless it is one already. Answers how many were founded now. */
  async migrate(accountIds: readonly string[]): Promise<number> {
    let founded = 0;
    for (const accountId of accountIds) if (await this.found(accountId, accountId, true)) founded++;
    return founded;
  }

  /** A new single-use code for `email`, shown to the inviter once. */
  async invite(organisationId: string, data: Omit<CommandData<'InviteMember'>, 'invitationId' | 'codeSha256'>): Promise<{ invitationId: string; code: string }> {
    const code = `inv.${Buffer.from(organisationId).toString('base64url')}.${randomBytes(32).toString('base64url')}`;
    const invitationId = `inv_${randomBytes(12).toString('hex')}`;
    await this.handle(organisationId, 'InviteMember', { ...data, invitationId, codeSha256: invitationCodeSha256(code) });
    return { invitationId, code };
  }

  /** The organisation the code invites to, with the user as a member of the invitation's role. */
  async accept(code: string, userId: string): Promise<{ organisationId: string; member: Member }> {
    const match = CODE_PATTERN.exec(code);
    const organisationId = match?.[1] ? Buffer.from(match[1], 'base64url').toString() : '';
    if (!organisationId) throw gatewayProblems.notFound('Invitation', 'with that code');
    await this.handle(organisationId, 'AcceptInvitation', { codeSha256: invitationCodeSha256(code), userId });
    const member = await this.memberOf(organisationId, userId);
    if (!member) throw new Error(`${userId} joined ${organisationId} but is not a member`);
    return { organisationId, member };
  }

  async handle<Type extends OrganisationCommand['type']>(organisationId: string, type: Type, data: CommandData<Type>): Promise<{ events: readonly OrganisationEvent[] }> {
    const command = { type, data, metadata: { commandId: randomUUID(), now: this.now() } } as OrganisationCommand;
    try {
      return await this.repository.handle(organisationStream(organisationId), command);
    } catch (error) {
      throw error instanceof OrganisationError ? problemOf(error) : error;
    }
  }
}

/** The accounts the gateway's state knows from before organisations: those it holds API keys or idempotency records of. */
export function accountsInGatewayState(db: Database.Database): string[] {
  return db
    .prepare<[], { account_id: string }>('SELECT account_id FROM api_keys UNION SELECT account_id FROM idempotency_records ORDER BY 1')
    .all()
    .map((row) => row.account_id);
}

function problemOf(error: OrganisationError): RpcError {
  switch (error.refusal) {
    case 'not_found':
      return new RpcError({ type: 'not-found', title: 'Not found', status: 404, detail: error.message });
    case 'owner_only':
      return gatewayProblems.forbidden(error.message);
    case 'last_owner':
      return new RpcError({ type: 'last-owner', title: 'An organisation keeps an owner', status: 409, detail: error.message });
    case 'already_member':
      return new RpcError({ type: 'conflict', title: 'Already a member', status: 409, detail: error.message });
  }
}

/** No mail server: an invitation's code is logged for the inviter to pass on (the API answers it too). */
export const logInvitation =
  (logger: Logger) =>
  (invitation: { readonly organisation_id: string; readonly email: string; readonly role: string; readonly code: string }): void =>
    logger.info('invitation', { organisation: invitation.organisation_id, email: invitation.email, role: invitation.role, code: invitation.code });
