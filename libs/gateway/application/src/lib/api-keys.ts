import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { KeyBudget } from '@billing/contracts';
import type { ApiKeyScope } from './key-scopes';

/**
 * Why a key was revoked: by a member (`revoked`), or because the member who made it left or
 * was removed (`member_removed`) or now has a role that may not hold keys (`role_changed`).
 */
export type ApiKeyRevocation = 'revoked' | 'member_removed' | 'role_changed';

/** A key as listed: never its secret. */
export interface ApiKeyRecord {
  readonly keyId: string;
  readonly accountId: string;
  readonly name: string;
  readonly createdAt: number;
  /** The member (user id) who made it; null: made before members were recorded, by the account's user. */
  readonly createdBy: string | null;
  readonly lastUsedAt: number | null;
  readonly revokedAt: number | null;
  readonly revokedReason: ApiKeyRevocation | null;
  /** null: every scope (keys made before scopes keep working as they did). */
  readonly scopes: readonly ApiKeyScope[] | null;
  /** null: no limit but the pool. */
  readonly budget: KeyBudget | null;
  readonly expiresAt: number | null;
  /** After a rotation: until when the secret it replaced still works. */
  readonly previousSecretUntil: number | null;
}

/** What a key may do and spend, and until when. */
export interface ApiKeyTerms {
  readonly scopes?: readonly ApiKeyScope[];
  readonly budget?: KeyBudget;
  readonly expiresAt?: number;
}

/** A key just created: the only time its full text (`bk_<keyId>_<secret>`) exists outside the client. */
export interface IssuedApiKey {
  readonly record: ApiKeyRecord;
  readonly key: string;
}

interface Row {
  key_id: string;
  account_id: string;
  name: string;
  secret_sha256: Buffer;
  created_at: number;
  created_by: string | null;
  last_used_at: number | null;
  revoked_at: number | null;
  revoked_reason: ApiKeyRevocation | null;
  scopes: string | null;
  budget_millicredits: number | null;
  budget_per: KeyBudget['per'] | null;
  expires_at: number | null;
  previous_secret_sha256: Buffer | null;
  previous_secret_until: number | null;
}

const KEY_PATTERN = /^bk_([0-9a-f]{24})_([A-Za-z0-9_-]{43})$/;
/** Writing `last_used_at` on every request would cost a commit each: once a minute is enough to tell. */
const LAST_USED_RESOLUTION_MILLIS = 60_000;

export const looksLikeApiKey = (token: string): boolean => token.startsWith('bk_');

/** The member a key acts for: who made it, or for a key from before members, the account's user (its organisation's founder). */
export const keyCreatorOf = (record: ApiKeyRecord): string => record.createdBy ?? record.accountId;

/**
 * API keys in the gateway's own database. Only SHA-256 of the secret is stored; a key is
 * found by its id and its secret compared in constant time. Revocation is a row update,
 * read by the next request: a revoked key stops working at once, an expired one at its
 * expiry. A rotation gives the key a new secret; the old one works on until the overlap ends.
 */
export class ApiKeyStore {
  private readonly insert: Database.Statement;
  private readonly byId: Database.Statement<[string], Row>;
  private readonly byAccount: Database.Statement<[string], Row>;
  private readonly revokeRow: Database.Statement<[number, ApiKeyRevocation, string, string]>;
  private readonly revokeMadeByRows: Database.Statement<[number, ApiKeyRevocation, string, string, string], { key_id: string }>;
  private readonly touch: Database.Statement<[number, string]>;
  private readonly rotateRow: Database.Statement<[Buffer, number, string, string]>;
  private readonly touched = new Map<string, number>();

  constructor(db: Database.Database) {
    this.insert = db.prepare(
      'INSERT INTO api_keys (key_id, account_id, name, secret_sha256, created_at, created_by, scopes, budget_millicredits, budget_per, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.byId = db.prepare('SELECT * FROM api_keys WHERE key_id = ?');
    this.byAccount = db.prepare('SELECT * FROM api_keys WHERE account_id = ? ORDER BY created_at, key_id');
    this.revokeRow = db.prepare('UPDATE api_keys SET revoked_at = ?, revoked_reason = ? WHERE key_id = ? AND account_id = ? AND revoked_at IS NULL');
    this.revokeMadeByRows = db.prepare(
      'UPDATE api_keys SET revoked_at = ?, revoked_reason = ? WHERE account_id = ? AND revoked_at IS NULL AND (created_by = ? OR (created_by IS NULL AND account_id = ?)) RETURNING key_id',
    );
    this.touch = db.prepare('UPDATE api_keys SET last_used_at = ? WHERE key_id = ?');
    this.rotateRow = db.prepare(
      'UPDATE api_keys SET previous_secret_sha256 = secret_sha256, secret_sha256 = ?, previous_secret_until = ? WHERE key_id = ? AND account_id = ? AND revoked_at IS NULL',
    );
  }

  /** A new key of the account, made by the member `createdBy` (null only as keys were made before members). */
  issue(accountId: string, createdBy: string | null, name: string, terms: ApiKeyTerms, now: number): IssuedApiKey {
    const keyId = randomBytes(12).toString('hex');
    const secret = randomBytes(32).toString('base64url');
    const { scopes, budget, expiresAt } = terms;
    this.insert.run(keyId, accountId, name, sha256(secret), now, createdBy, scopes ? JSON.stringify(scopes) : null, budget?.limitMillicredits ?? null, budget?.per ?? null, expiresAt ?? null);
    const row = this.byId.get(keyId);
    if (!row) throw new Error(`API key ${keyId} was not stored`);
    return { record: recordOf(row), key: `bk_${keyId}_${secret}` };
  }

  /**
   * A new secret for the account's live key; the one it replaces works on for
   * `overlapMillis` (so clients can be moved without a gap). null: no such live key.
   */
  rotate(accountId: string, keyId: string, overlapMillis: number, now: number): IssuedApiKey | null {
    const secret = randomBytes(32).toString('base64url');
    if (this.rotateRow.run(sha256(secret), now + overlapMillis, keyId, accountId).changes === 0) return null;
    const row = this.byId.get(keyId);
    return row ? { record: recordOf(row), key: `bk_${keyId}_${secret}` } : null;
  }

  /** The live key the text names, or null (unknown, wrong secret, revoked, expired, or a rotated-out secret past its overlap). */
  verify(key: string, now: number): ApiKeyRecord | null {
    const checked = this.check(key, now);
    return 'record' in checked ? checked.record : null;
  }

  /**
   * The live key the text names, or why not. Only a text with the key's secret (current, or
   * the previous one within its overlap) learns that the key was revoked and why; anything
   * else is `unknown`.
   */
  check(key: string, now: number): { readonly record: ApiKeyRecord } | { readonly refused: 'unknown' | 'expired' | ApiKeyRevocation } {
    const match = KEY_PATTERN.exec(key);
    if (!match?.[1] || !match[2]) return { refused: 'unknown' };
    const row = this.byId.get(match[1]);
    if (!row) return { refused: 'unknown' };
    const presented = sha256(match[2]);
    const current = timingSafeEqual(presented, row.secret_sha256);
    const previous = row.previous_secret_sha256 !== null && row.previous_secret_until !== null && now < row.previous_secret_until && timingSafeEqual(presented, row.previous_secret_sha256);
    if (!current && !previous) return { refused: 'unknown' };
    if (row.revoked_at !== null) return { refused: row.revoked_reason ?? 'revoked' };
    if (row.expires_at !== null && now >= row.expires_at) return { refused: 'expired' };
    const last = this.touched.get(row.key_id) ?? row.last_used_at ?? 0;
    if (now - last >= LAST_USED_RESOLUTION_MILLIS) {
      this.touched.set(row.key_id, now);
      this.touch.run(now, row.key_id);
    }
    return { record: recordOf(row) };
  }

  list(accountId: string): ApiKeyRecord[] {
    return this.byAccount.all(accountId).map(recordOf);
  }

  /** The account's key, revoked (already revoked stays as it was, with its reason); null when the account has no such key. */
  revoke(accountId: string, keyId: string, now: number, reason: ApiKeyRevocation = 'revoked'): ApiKeyRecord | null {
    const row = this.byId.get(keyId);
    if (!row || row.account_id !== accountId) return null;
    this.revokeRow.run(now, reason, keyId, accountId);
    const revoked = this.byId.get(keyId);
    return revoked ? recordOf(revoked) : null;
  }

  /** Every live key of the account the member made (see `keyCreatorOf`), revoked for `reason`; answers their ids. */
  revokeMadeBy(accountId: string, userId: string, reason: Exclude<ApiKeyRevocation, 'revoked'>, now: number): string[] {
    return this.revokeMadeByRows.all(now, reason, accountId, userId, userId === accountId ? accountId : '').map((row) => row.key_id);
  }
}

const sha256 = (text: string): Buffer => createHash('sha256').update(text).digest();

const recordOf = (row: Row): ApiKeyRecord => ({
  keyId: row.key_id,
  accountId: row.account_id,
  name: row.name,
  createdAt: row.created_at,
  createdBy: row.created_by,
  lastUsedAt: row.last_used_at,
  revokedAt: row.revoked_at,
  revokedReason: row.revoked_at === null ? null : (row.revoked_reason ?? 'revoked'),
  scopes: row.scopes === null ? null : (JSON.parse(row.scopes) as ApiKeyScope[]),
  budget: row.budget_millicredits === null || row.budget_per === null ? null : { limitMillicredits: row.budget_millicredits, per: row.budget_per },
  expiresAt: row.expires_at,
  previousSecretUntil: row.previous_secret_until,
});
