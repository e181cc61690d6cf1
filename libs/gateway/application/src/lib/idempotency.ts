import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Caller } from './caller';
import { gatewayProblems } from './problems';

/** A response as it was first given, kept to answer a repeat of the same key and request. */
export interface StoredResponse {
  readonly status: number;
  readonly body: unknown;
}

export interface IdempotentOutcome extends StoredResponse {
  /** True when this is the stored answer to an earlier request. */
  readonly replayed: boolean;
}

/** What identifies a request for comparison: method, route and body (its JSON, keys sorted). */
export function requestFingerprint(method: string, path: string, body: unknown): string {
  return createHash('sha256').update(`${method} ${path}\n${canonicalJson(body)}`).digest('hex');
}

/**
 * Whose Idempotency-Key it is: the account, and in it the credential the request came
 * with (`app`: the signed-in user; `api:<keyId>`: one API key). A key belongs to the
 * first credential that used it.
 */
export const idempotencyCredentialOf = (caller: Caller): string => (caller.channel === 'api' ? `api:${caller.keyId ?? ''}` : 'app');

interface IdempotencyRow {
  request_sha256: string;
  credential: string;
  status: number;
  body: string;
}

/**
 * Idempotency records per (account, key) in the gateway's database. The same key with the
 * same request from the same credential answers what the first one was answered (any
 * status below 500: a refusal is an answer too); the same key with another request, or
 * from another channel or API key of the account, is refused with 422. Two requests with
 * one key at the same time share the first one's work.
 */
export class IdempotencyStore {
  private readonly find: Database.Statement<[string, string], IdempotencyRow>;
  private readonly save: Database.Statement<[string, string, string, string, number, string, number]>;
  private readonly inFlight = new Map<string, { credential: string; fingerprint: string; outcome: Promise<StoredResponse> }>();

  constructor(db: Database.Database) {
    this.find = db.prepare('SELECT request_sha256, credential, status, body FROM idempotency_records WHERE account_id = ? AND idempotency_key = ?');
    this.save = db.prepare(
      'INSERT OR IGNORE INTO idempotency_records (account_id, idempotency_key, credential, request_sha256, status, body, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
  }

  async run(caller: Caller, key: string, fingerprint: string, now: number, work: () => Promise<StoredResponse>): Promise<IdempotentOutcome> {
    const { accountId } = caller;
    const credential = idempotencyCredentialOf(caller);
    const stored = this.find.get(accountId, key);
    if (stored) {
      // A record kept before credentials were ('') answers its account as it did then.
      if (stored.credential !== '' && stored.credential !== credential) throw gatewayProblems.idempotencyKeyOfAnotherCredential(key);
      if (stored.request_sha256 !== fingerprint) throw gatewayProblems.idempotencyMismatch(key);
      return { status: stored.status, body: JSON.parse(stored.body) as unknown, replayed: true };
    }
    const slot = `${accountId}\u0000${key}`;
    const running = this.inFlight.get(slot);
    if (running) {
      if (running.credential !== credential) throw gatewayProblems.idempotencyKeyOfAnotherCredential(key);
      if (running.fingerprint !== fingerprint) throw gatewayProblems.idempotencyMismatch(key);
      return { ...(await running.outcome), replayed: true };
    }
    const outcome = work();
    this.inFlight.set(slot, { credential, fingerprint, outcome });
    try {
      const response = await outcome;
      if (response.status < 500) this.save.run(accountId, key, credential, fingerprint, response.status, JSON.stringify(response.body), now);
      return { ...response, replayed: false };
    } finally {
      this.inFlight.delete(slot);
    }
  }
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}
