import type { KeyBudget } from '@billing/contracts';
import type { MemberRole } from '@billing/organisations-domain';
import type { ApiKeyScope } from './key-scopes';

/** How a request reached the gateway: a signed-in app user (JWT) or a program with an API key. */
export type Channel = 'app' | 'api';

/** The platform's own role (a token claim): `finance` reads every account's books. */
export type Role = 'user' | 'finance';

/** A signed-in user acting in an organisation they belong to. */
export interface MemberOfOrganisation {
  readonly userId: string;
  readonly role: MemberRole;
  /** The address the user's token names (claim `email`), when it names one. */
  readonly email?: string;
}

/**
 * Who is asking. `accountId` is the organisation's id (the account the wallet, tasks and
 * purchases know): one organisation never sees another's data. A request is made by a
 * member (`member`) or by an API key of the organisation (`keyId`).
 */
export interface Caller {
  readonly accountId: string;
  readonly channel: Channel;
  readonly role: Role;
  /** The signed-in member (channel `app`). */
  readonly member?: MemberOfOrganisation;
  /** The API key the request came with (channel `api`). */
  readonly keyId?: string;
  /** The member who made that key, with their role now: the key may do no more than they may. */
  readonly creator?: MemberOfOrganisation;
  /** The key's scopes; absent: every scope (a key made before scopes). */
  readonly scopes?: readonly ApiKeyScope[];
  /** The key's budget; absent: it may spend all of the pool. */
  readonly keyBudget?: KeyBudget;
}

/** What travels with a request besides its caller: the id that correlates its logs and messages. */
export interface RequestContext {
  readonly requestId: string;
  /** The client's Idempotency-Key, when it sent one: new tasks and orders take ids derived from it. */
  readonly idempotencyKey?: string;
  /**
   * The organisation the request asks to act in (`X-Organisation-Id`; gRPC metadata
   * `x-organisation-id`), as sent: it wins over the token's `org` claim.
   */
  readonly organisationId?: string;
}

/** The header (lower case, as HTTP/2 and gRPC metadata carry it) naming the organisation a request acts in. */
export const ORGANISATION_HEADER = 'x-organisation-id';

/** Account ids as the services accept them (letters, digits, `.`, `_`, `:`, `-`; at most 128). */
export const ACCOUNT_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
