import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { gatewayProblems } from './problems';

/** A response as it was first given: replayed byte for byte for the same key and request. */
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
 * Idempotency records per (account, key) in the gateway's database. The same key with the
 * same request answers what the first one was answered (any status below 500: a refusal
 * is an answer too); the same key with another request is refused with 422. Two requests
 * with one key at the same time share the first one's work.
 */
export class IdempotencyStore {
  private readonly find: Database.Statement<[string, string], { request_sha256: string; status: number; body: string }>;
  private readonly save: Database.Statement<[string, string, string, number, string, number]>;
  private readonly inFlight = new Map<string, { fingerprint: string; outcome: Promise<StoredResponse> }>();

  constructor(db: Database.Database) {
    this.find = db.prepare('SELECT request_sha256, status, body FROM idempotency_records WHERE account_id = ? AND idempotency_key = ?');
    this.save = db.prepare('INSERT OR IGNORE INTO idempotency_records (account_id, idempotency_key, request_sha256, status, body, created_at) VALUES (?, ?, ?, ?, ?, ?)');
  }

  async run(accountId: string, key: string, fingerprint: string, now: number, work: () => Promise<StoredResponse>): Promise<IdempotentOutcome> {
    const stored = this.find.get(accountId, key);
    if (stored) {
      if (stored.request_sha256 !== fingerprint) throw gatewayProblems.idempotencyMismatch(key);
      return { status: stored.status, body: JSON.parse(stored.body) as unknown, replayed: true };
    }
    const slot = `${accountId}\u0000${key}`;
    const running = this.inFlight.get(slot);
    if (running) {
      if (running.fingerprint !== fingerprint) throw gatewayProblems.idempotencyMismatch(key);
      return { ...(await running.outcome), replayed: true };
    }
    const outcome = work();
    this.inFlight.set(slot, { fingerprint, outcome });
    try {
      const response = await outcome;
      if (response.status < 500) this.save.run(accountId, key, fingerprint, response.status, JSON.stringify(response.body), now);
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
