import type Database from 'better-sqlite3';
import type { DeliveryReply, DeliveryStatus, WebhookEventType } from '@billing/contracts';
import type { WebhookMessage } from '@billing/webhooks-domain';

interface Row {
  delivery_id: string;
  message_id: string;
  endpoint_id: string;
  account_id: string;
  event_type: string;
  payload: string;
  status: DeliveryStatus;
  attempts: number;
  round_attempts: number;
  next_attempt_at: number | null;
  last_status_code: number | null;
  last_error: string | null;
  created_at: number;
}

/** A delivery due now, as the sender needs it. */
export interface DueDelivery {
  readonly deliveryId: string;
  readonly messageId: string;
  readonly endpointId: string;
  readonly payload: string;
  /** Failed attempts since it was queued or replayed (the schedule counts these). */
  readonly roundAttempts: number;
}

export type AttemptResult = { readonly ok: true; readonly statusCode: number } | { readonly ok: false; readonly statusCode: number | null; readonly error: string };

const view = (row: Row): DeliveryReply => ({
  deliveryId: row.delivery_id,
  messageId: row.message_id,
  eventType: row.event_type as WebhookEventType,
  status: row.status,
  attempts: row.attempts,
  nextAttemptAt: row.next_attempt_at,
  lastStatusCode: row.last_status_code,
  lastError: row.last_error,
  payload: row.payload,
  createdAt: row.created_at,
});

/**
 * The outbox and the delivery log in one table: a row per (message, endpoint), written in
 * the same transaction that moves the reactor past the event, so a crash loses none and a
 * repeated event adds none. Each attempt is logged beside it.
 */
export class Deliveries {
  constructor(private readonly db: Database.Database) {
    db.exec(`CREATE TABLE IF NOT EXISTS webhook_deliveries (
      delivery_id TEXT PRIMARY KEY,
      message_id TEXT NOT NULL,
      endpoint_id TEXT NOT NULL,
      account_id TEXT NOT NULL,
      event_type TEXT NOT NULL,
      payload TEXT NOT NULL,
      status TEXT NOT NULL,
      attempts INTEGER NOT NULL DEFAULT 0,
      round_attempts INTEGER NOT NULL DEFAULT 0,
      next_attempt_at INTEGER,
      last_status_code INTEGER,
      last_error TEXT,
      created_at INTEGER NOT NULL
    );
    CREATE INDEX IF NOT EXISTS webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
    CREATE INDEX IF NOT EXISTS webhook_deliveries_by_endpoint ON webhook_deliveries (endpoint_id, created_at);
    CREATE TABLE IF NOT EXISTS webhook_attempts (
      delivery_id TEXT NOT NULL,
      attempt INTEGER NOT NULL,
      at INTEGER NOT NULL,
      status_code INTEGER,
      error TEXT,
      PRIMARY KEY (delivery_id, attempt)
    );`);
  }

  /** Queues the message for each endpoint once: the same message again adds nothing. */
  queue(message: WebhookMessage, payload: string, endpointIds: readonly string[], now: number): void {
    const insert = this.db.prepare(
      `INSERT OR IGNORE INTO webhook_deliveries (delivery_id, message_id, endpoint_id, account_id, event_type, payload, status, next_attempt_at, created_at)
       VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?)`,
    );
    for (const endpointId of endpointIds) insert.run(`${endpointId}.${message.messageId}`, message.messageId, endpointId, message.accountId, message.type, payload, now, now);
  }

  due(now: number, limit: number): DueDelivery[] {
    const rows = this.db
      .prepare(`SELECT * FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, delivery_id LIMIT ?`)
      .all(now, limit) as Row[];
    return rows.map((row) => ({ deliveryId: row.delivery_id, messageId: row.message_id, endpointId: row.endpoint_id, payload: row.payload, roundAttempts: row.round_attempts }));
  }

  /** Records an attempt and what comes next: done, another attempt at `nextAttemptAt`, or failed for good (null). */
  recordAttempt(deliveryId: string, at: number, result: AttemptResult, nextAttemptAt: number | null): void {
    this.db.transaction(() => {
      const { attempts } = this.db.prepare(`SELECT attempts FROM webhook_deliveries WHERE delivery_id = ?`).get(deliveryId) as { attempts: number };
      this.db
        .prepare(`INSERT INTO webhook_attempts (delivery_id, attempt, at, status_code, error) VALUES (?, ?, ?, ?, ?)`)
        .run(deliveryId, attempts + 1, at, result.statusCode, result.ok ? null : result.error);
      const status: DeliveryStatus = result.ok ? 'succeeded' : nextAttemptAt === null ? 'failed' : 'pending';
      this.db
        .prepare(
          `UPDATE webhook_deliveries SET attempts = attempts + 1, round_attempts = round_attempts + 1, status = ?, next_attempt_at = ?,
           last_status_code = ?, last_error = ? WHERE delivery_id = ?`,
        )
        .run(status, result.ok ? null : nextAttemptAt, result.statusCode, result.ok ? null : result.error, deliveryId);
    })();
  }

  /** An endpoint that is gone or disabled gets nothing more: its pending deliveries fail. */
  abandon(deliveryId: string, reason: string): void {
    this.db.prepare(`UPDATE webhook_deliveries SET status = 'failed', next_attempt_at = NULL, last_error = ? WHERE delivery_id = ?`).run(reason, deliveryId);
  }

  list(accountId: string, endpointId: string, limit: number): DeliveryReply[] {
    const rows = this.db
      .prepare(`SELECT * FROM webhook_deliveries WHERE account_id = ? AND endpoint_id = ? ORDER BY created_at DESC, delivery_id DESC LIMIT ?`)
      .all(accountId, endpointId, limit) as Row[];
    return rows.map(view);
  }

  /** Sends the message again, on a fresh schedule, with the same `webhook-id`. */
  replay(accountId: string, endpointId: string, deliveryId: string, now: number): DeliveryReply | undefined {
    const found = this.db
      .prepare(`UPDATE webhook_deliveries SET status = 'pending', round_attempts = 0, next_attempt_at = ? WHERE delivery_id = ? AND account_id = ? AND endpoint_id = ? RETURNING *`)
      .get(now, deliveryId, accountId, endpointId) as Row | undefined;
    return found && view(found);
  }
}
