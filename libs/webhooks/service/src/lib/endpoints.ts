import type Database from 'better-sqlite3';
import type { EndpointReply, EndpointWithSecretReply, WebhookEventType } from '@billing/contracts';

interface Row {
  endpoint_id: string;
  account_id: string;
  url: string;
  event_types: string;
  enabled: number;
  description: string | null;
  secret: string;
  previous_secret: string | null;
  previous_secret_until: number | null;
  disabled_reason: string | null;
  created_at: number;
}

export interface NewEndpoint {
  readonly endpointId: string;
  readonly accountId: string;
  readonly url: string;
  readonly eventTypes: readonly WebhookEventType[];
  readonly enabled: boolean;
  readonly description: string | null;
  readonly secret: string;
  readonly createdAt: number;
}

export interface EndpointChanges {
  readonly url?: string;
  readonly eventTypes?: readonly WebhookEventType[];
  readonly enabled?: boolean;
  readonly description?: string;
}

/** A customer's endpoint as the sender needs it: where, and the secrets that sign now. */
export interface EndpointTarget {
  readonly endpointId: string;
  readonly url: string;
  readonly enabled: boolean;
  readonly secrets: readonly string[];
}

const view = (row: Row): EndpointReply => ({
  endpointId: row.endpoint_id,
  url: row.url,
  eventTypes: JSON.parse(row.event_types) as WebhookEventType[],
  enabled: row.enabled === 1,
  description: row.description,
  disabledReason: row.disabled_reason,
  createdAt: row.created_at,
});

/**
 * An account's endpoints in the service's own database (configuration, like API keys:
 * rows, not events). The secret is kept as it is, since every delivery signs with it.
 */
export class Endpoints {
  constructor(private readonly db: Database.Database) {
    db.exec(`CREATE TABLE IF NOT EXISTS webhook_endpoints (
      endpoint_id TEXT PRIMARY KEY,
      account_id TEXT NOT NULL,
      url TEXT NOT NULL,
      event_types TEXT NOT NULL,
      enabled INTEGER NOT NULL,
      description TEXT,
      secret TEXT NOT NULL,
      previous_secret TEXT,
      previous_secret_until INTEGER,
      disabled_reason TEXT,
      created_at INTEGER NOT NULL,
      deleted_at INTEGER
    );
    CREATE INDEX IF NOT EXISTS webhook_endpoints_by_account ON webhook_endpoints (account_id);`);
  }

  /** Creates the endpoint unless one of that id exists (a repeated create), and answers it with its secret. */
  create(endpoint: NewEndpoint): EndpointWithSecretReply {
    this.db
      .prepare(
        `INSERT OR IGNORE INTO webhook_endpoints (endpoint_id, account_id, url, event_types, enabled, description, secret, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(endpoint.endpointId, endpoint.accountId, endpoint.url, JSON.stringify(endpoint.eventTypes), endpoint.enabled ? 1 : 0, endpoint.description, endpoint.secret, endpoint.createdAt);
    const row = this.row(endpoint.accountId, endpoint.endpointId);
    if (!row) throw new Error(`endpoint ${endpoint.endpointId} belongs to another account`);
    return { ...view(row), secret: row.secret };
  }

  get(accountId: string, endpointId: string): EndpointReply | undefined {
    const row = this.row(accountId, endpointId);
    return row && view(row);
  }

  list(accountId: string): EndpointReply[] {
    const rows = this.db.prepare(`SELECT * FROM webhook_endpoints WHERE account_id = ? AND deleted_at IS NULL ORDER BY created_at, endpoint_id`).all(accountId) as Row[];
    return rows.map(view);
  }

  /** Enabling again clears the platform's reason for disabling it. */
  update(accountId: string, endpointId: string, changes: EndpointChanges): EndpointReply | undefined {
    const row = this.row(accountId, endpointId);
    if (!row) return undefined;
    const enabled = changes.enabled ?? row.enabled === 1;
    this.db
      .prepare(`UPDATE webhook_endpoints SET url = ?, event_types = ?, enabled = ?, description = ?, disabled_reason = ? WHERE endpoint_id = ?`)
      .run(
        changes.url ?? row.url,
        changes.eventTypes ? JSON.stringify(changes.eventTypes) : row.event_types,
        enabled ? 1 : 0,
        changes.description ?? row.description,
        enabled ? null : row.disabled_reason,
        endpointId,
      );
    return this.get(accountId, endpointId);
  }

  delete(accountId: string, endpointId: string, at: number): EndpointReply | undefined {
    const endpoint = this.get(accountId, endpointId);
    if (endpoint) this.db.prepare(`UPDATE webhook_endpoints SET deleted_at = ?, enabled = 0 WHERE endpoint_id = ?`).run(at, endpointId);
    return endpoint && { ...endpoint, enabled: false };
  }

  /** A new secret signs from now on; the previous one signs beside it until `previousUntil`. */
  rotate(accountId: string, endpointId: string, secret: string, previousUntil: number): EndpointWithSecretReply | undefined {
    const row = this.row(accountId, endpointId);
    if (!row) return undefined;
    this.db
      .prepare(`UPDATE webhook_endpoints SET secret = ?, previous_secret = ?, previous_secret_until = ? WHERE endpoint_id = ?`)
      .run(secret, row.secret, previousUntil, endpointId);
    return { ...view(row), secret };
  }

  /** The platform stops delivering to an endpoint whose deliveries keep failing, and says why. */
  disable(endpointId: string, reason: string): void {
    this.db.prepare(`UPDATE webhook_endpoints SET enabled = 0, disabled_reason = ? WHERE endpoint_id = ? AND enabled = 1`).run(reason, endpointId);
  }

  /** The account's enabled endpoints that asked for `eventType`. */
  subscribedTo(accountId: string, eventType: WebhookEventType): string[] {
    const rows = this.db
      .prepare(`SELECT endpoint_id, event_types FROM webhook_endpoints WHERE account_id = ? AND enabled = 1 AND deleted_at IS NULL`)
      .all(accountId) as Pick<Row, 'endpoint_id' | 'event_types'>[];
    return rows.filter((row) => (JSON.parse(row.event_types) as string[]).includes(eventType)).map((row) => row.endpoint_id);
  }

  target(endpointId: string, now: number): EndpointTarget | undefined {
    const row = this.db.prepare(`SELECT * FROM webhook_endpoints WHERE endpoint_id = ? AND deleted_at IS NULL`).get(endpointId) as Row | undefined;
    if (!row) return undefined;
    const previous = row.previous_secret !== null && row.previous_secret_until !== null && now < row.previous_secret_until ? [row.previous_secret] : [];
    return { endpointId, url: row.url, enabled: row.enabled === 1, secrets: [row.secret, ...previous] };
  }

  private row(accountId: string, endpointId: string): Row | undefined {
    return this.db.prepare(`SELECT * FROM webhook_endpoints WHERE endpoint_id = ? AND account_id = ? AND deleted_at IS NULL`).get(endpointId, accountId) as Row | undefined;
  }
}
