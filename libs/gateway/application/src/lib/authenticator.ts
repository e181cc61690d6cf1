import { createRemoteJWKSet, type JWTPayload, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { type ApiKeyStore, looksLikeApiKey } from './api-keys';
import { ACCOUNT_ID_PATTERN, type Caller } from './caller';
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
 * for the key's organisation; a JWT verified with `jose` is channel `app` for the user its
 * `sub` names, acting in the organisation its `org` claim names (absent: the user's own,
 * founded with them as owner on first use), as the member they are there (else 403, the
 * same whether the organisation exists or not). Role `finance` when the token says so.
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

  async authenticate(authorization: string | undefined): Promise<Caller> {
    const credential = bearerOf(authorization);
    if (looksLikeApiKey(credential)) {
      const record = this.keys.verify(credential, this.now());
      if (!record) throw gatewayProblems.unauthorized('the API key is unknown, revoked or expired');
      return {
        accountId: record.accountId,
        channel: 'api',
        role: 'user',
        keyId: record.keyId,
        ...(record.scopes ? { scopes: record.scopes } : {}),
        ...(record.budget ? { keyBudget: record.budget } : {}),
      };
    }
    const payload = await this.verifyToken(credential);
    const userId = payload.sub;
    if (typeof userId !== 'string' || !ACCOUNT_ID_PATTERN.test(userId)) {
      throw gatewayProblems.unauthorized('the token names no valid account (claim sub)');
    }
    const organisationId = payload['org'] ?? userId;
    if (typeof organisationId !== 'string' || !ACCOUNT_ID_PATTERN.test(organisationId)) throw gatewayProblems.unauthorized('the token names no valid organisation (claim org)');
    const role = payload['role'];
    if (role !== undefined && role !== 'finance' && role !== 'user') throw gatewayProblems.unauthorized('the token has an unknown role');
    const member = await this.memberOf(organisationId, userId);
    return { accountId: organisationId, channel: 'app', role: role === 'finance' ? 'finance' : 'user', member: { userId, role: member.role } };
  }

  /** The user's role in the organisation; their own is founded on first use (an account from before organisations becomes one). */
  private async memberOf(organisationId: string, userId: string): Promise<{ readonly role: MemberRole }> {
    let member = await this.organisations.memberOf(organisationId, userId);
    if (!member && organisationId === userId && (await this.organisations.found(userId, userId, false))) member = await this.organisations.memberOf(userId, userId);
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

function bearerOf(authorization: string | undefined): string {
  if (!authorization) throw gatewayProblems.unauthorized('send Authorization: Bearer <API key or token>');
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!match?.[1]) throw gatewayProblems.unauthorized('the Authorization header must read Bearer <API key or token>');
  return match[1];
}
