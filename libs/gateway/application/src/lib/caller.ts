import type { KeyBudget } from '@billing/contracts';
import type { ApiKeyScope } from './key-scopes';

/** How a request reached the gateway: a signed-in app user (JWT) or a program with an API key. */
export type Channel = 'app' | 'api';

export type Role = 'user' | 'finance';

/** Who is asking. Every use case is scoped by `accountId`: one account never sees another's data. */
export interface Caller {
  readonly accountId: string;
  readonly channel: Channel;
  readonly role: Role;
  /** The API key the request came with (channel `api`). */
  readonly keyId?: string;
  /** The key's scopes; absent: every scope (a user, or a key made before scopes). */
  readonly scopes?: readonly ApiKeyScope[];
  /** The key's budget; absent: it may spend all of the pool. */
  readonly keyBudget?: KeyBudget;
}

/** What travels with a request besides its caller: the id that correlates its logs and messages. */
export interface RequestContext {
  readonly requestId: string;
  /** The client's Idempotency-Key, when it sent one: new tasks and orders take ids derived from it. */
  readonly idempotencyKey?: string;
}

/** Account ids as the services accept them (letters, digits, `.`, `_`, `:`, `-`; at most 128). */
export const ACCOUNT_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
