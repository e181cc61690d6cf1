import { createRemoteJWKSet, type JWTPayload, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { type ApiKeyRecord, type ApiKeyRevocation, type ApiKeyStore, keyCreatorOf, looksLikeApiKey } from './api-keys';
import { ACCOUNT_ID_PATTERN, type Caller, type MemberOfOrganisation } from './caller';
import { mayHoldKeys } from './operation-roles';
import type { Organisations } from './organisations';
import { gatewayProblems } from './problems';
import type { MemberRole } from '@billing/organisations-domain';

/** How app users' tokens are checked: an HS256 secret, or a JWKS URL (one of them). */
export interface TokenVerification {
  readonly jwtSecret?: string | Uint8Array;
  readonly jwksUrl?: string;
  readonly issuer?: string;
  readonly audience?: string;
}

/**
 * `Authorization: Bearer <credential>` to a caller. An API key (`bk_...`) is channel `api`
 * for the key's organisation (asking for another one is 403), as long as the member who
 * made it is still a member with a role that may hold keys (checked on every request
 * against the organisation's current state, so a removal or a demotion stops their keys
 * at once); a JWT verified with `jose` is channel `app` for the user its `sub` names,
 * acting in the organisation the request asks for (`X-Organisation-Id`), else the one its
 * `org` claim names, else the user's own (founded with them as owner on first use), as
 * the member they are there (else 403, the
 * same whether the organisation exists or not). Role `finance` when the token says so.
 * A token's `email` claim is kept as the member's address when none is known yet.
 * Anything else is 401.
 */
export class Authenticator {
  private readonly key: Uint8Array | JWTVerifyGetKey;
  /** Tokens already verified, until they expire: a token is immutable, so its signature need not be checked twice. */
  private readonly verified = new Map<string, { readonly payload: JWTPayload; readonly until: number }>();

  constructor(
    private readonly keys: ApiKeyStore,
    private readonly organisations: Organisations,
    private readonly tokens: TokenVerification,
    private readonly now: () => number,
  ) {
    if (tokens.jwksUrl) this.key = createRemoteJWKSet(new URL(tokens.jwksUrl));
    else if (tokens.jwtSecret !== undefined && tokens.jwtSecret.length > 0) {
      this.key = typeof tokens.jwtSecret === 'string' ? new TextEncoder().encode(tokens.jwtSecret) : tokens.jwtSecret;
    } else throw new Error('The gateway needs JWT_SECRET or JWT_JWKS_URL to verify app users');
  }

  async authenticate(authorization: string | undefined, requestedOrganisation?: string): Promise<Caller> {
    const credential = bearerOf(authorization);
    if (looksLikeApiKey(credential)) {
      const checked = this.keys.check(credential, this.now());
      if ('refused' in checked) throw gatewayProblems.unauthorized(KEY_REFUSALS[checked.refused]);
      const { record } = checked;
      requireOrganisationId(requestedOrganisation);
      if (requestedOrganisation !== undefined && requestedOrganisation !== record.accountId) throw gatewayProblems.forbidden('an API key acts in its own organisation only');
      const creator = await this.keyHolder(record);
      return {
        accountId: record.accountId,
        channel: 'api',
        role: 'user',
        keyId: record.keyId,
        creator,
        ...(record.scopes ? { scopes: record.scopes } : {}),
        ...(record.budget ? { keyBudget: record.budget } : {}),
      };
    }
    const payload = await this.verifyToken(credential);
    requireOrganisationId(requestedOrganisation);
    const userId = payload.sub;
    if (typeof userId !== 'string' || !ACCOUNT_ID_PATTERN.test(userId)) {
      throw gatewayProblems.unauthorized('the token names no valid account (claim sub)');
    }
    const claimed = payload['org'] ?? userId;
    if (typeof claimed !== 'string' || !ACCOUNT_ID_PATTERN.test(claimed)) throw gatewayProblems.unauthorized('the token names no valid organisation (claim org)');
    const organisationId = requestedOrganisation ?? claimed;
    const role = payload['role'];
    if (role !== undefined && role !== 'finance' && role !== 'user') throw gatewayProblems.unauthorized('the token has an unknown role');
    const email = emailOf(payload);
    const member = await this.memberOf(organisationId, userId, email);
    // Best effort: a request is not refused because its member's address could not be kept (the next one tries again).
    if (email !== undefined && member.email === null) await this.organisations.recordEmail(organisationId, userId, email).catch(() => undefined);
    return { accountId: organisationId, channel: 'app', role: role === 'finance' ? 'finance' : 'user', member: { userId, role: member.role, ...(email === undefined ? {} : { email }) } };
  }

  /**
   * The member a live key acts for, with their role now; a key whose maker left, was removed
   * or holds a role that may not hold keys is revoked with that cause and refused (401).
   * The organisation's state is cached by the repository: this reads only events newer than it.
   */
  private async keyHolder(record: ApiKeyRecord): Promise<MemberOfOrganisation> {
    const userId = keyCreatorOf(record);
    let member = await this.organisations.memberOf(record.accountId, userId);
    // A key from before organisations whose account was not migrated yet: its user founds it, as a token would.
    if (!member && record.createdBy === null && (await this.organisations.found(record.accountId, userId, true))) member = await this.organisations.memberOf(record.accountId, userId);
    if (member && mayHoldKeys(member.role)) return { userId, role: member.role };
    const reason = member ? 'role_changed' : 'member_removed';
    this.keys.revoke(record.accountId, record.keyId, this.now(), reason);
    throw gatewayProblems.unauthorized(KEY_REFUSALS[reason]);
  }

  /** The user's role in the organisation; their own is founded on first use (an account from before organisations becomes one). */
  private async memberOf(organisationId: string, userId: string, email: string | undefined): Promise<{ readonly role: MemberRole; readonly email: string | null }> {
    let member = await this.organisations.memberOf(organisationId, userId);
    if (!member && organisationId === userId && (await this.organisations.found(userId, userId, false, email === undefined ? {} : { founderEmail: email }))) {
      member = await this.organisations.memberOf(userId, userId);
    }
    if (!member) throw gatewayProblems.forbidden(`you are not a member of organisation ${organisationId}`);
    return member;
  }

  private async verifyToken(token: string): Promise<JWTPayload> {
    const now = this.now();
    const known = this.verified.get(token);
    if (known && known.until > now) return known.payload;
    const payload = await this.verifySignature(token);
    // Without `exp`, a token is re-checked after a minute (a JWKS may have rotated).
    const until = Math.min(typeof payload.exp === 'number' ? payload.exp * 1000 : Infinity, now + 60_000);
    if (this.verified.size >= VERIFIED_TOKENS_KEPT) this.verified.clear();
    this.verified.set(token, { payload, until });
    return payload;
  }

  private async verifySignature(token: string): Promise<JWTPayload> {
    try {
      const options = {
        currentDate: new Date(this.now()),
        ...(this.tokens.issuer ? { issuer: this.tokens.issuer } : {}),
        ...(this.tokens.audience ? { audience: this.tokens.audience } : {}),
      };
      const { payload } =
        this.key instanceof Uint8Array
          ? await jwtVerify(token, this.key, { ...options, algorithms: ['HS256'] })
          : await jwtVerify(token, this.key, options);
      return payload;
    } catch (error) {
      throw gatewayProblems.unauthorized(`the bearer token is not valid: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

const VERIFIED_TOKENS_KEPT = 10_000;
const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,189}$/;

function requireOrganisationId(requested: string | undefined): void {
  if (requested !== undefined && !ACCOUNT_ID_PATTERN.test(requested)) {
    throw gatewayProblems.validation([{ header: 'X-Organisation-Id', message: 'must be an organisation id (letters, digits, ., _, :, -; at most 128)' }]);
  }
}

/** The token's `email` claim when it is an address (anything else is ignored, not refused). */
function emailOf(payload: JWTPayload): string | undefined {
  const email = payload['email'];
  return typeof email === 'string' && EMAIL.test(email) ? email : undefined;
}

/** What a refused key is told: why, when the key's own secret was presented (a revocation's cause included). */
const KEY_REFUSALS: Readonly<Record<'unknown' | 'expired' | ApiKeyRevocation, string>> = {
  unknown: 'the API key is unknown, revoked or expired',
  expired: 'the API key is unknown, revoked or expired',
  revoked: 'the API key is unknown, revoked or expired',
  member_removed: 'the API key is revoked: the member who made it is no longer in the organisation',
  role_changed: 'the API key is revoked: the member who made it now has a role that may not hold API keys',
};

function bearerOf(authorization: string | undefined): string {
  if (!authorization) throw gatewayProblems.unauthorized('send Authorization: Bearer <API key or token>');
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!match?.[1]) throw gatewayProblems.unauthorized('the Authorization header must read Bearer <API key or token>');
  return match[1];
}
