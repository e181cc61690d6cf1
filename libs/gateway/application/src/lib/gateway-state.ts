import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The file the gateway keeps its own state in (API keys, idempotency records): nothing else. */
export const gatewayStatePath = (dataDir: string): string => join(dataDir, 'gateway.state.db');

/** The gateway's event store (embedded): organisations, their members and invitations. */
export const gatewayEventsPath = (dataDir: string): string => join(dataDir, 'gateway.events.db');

const SCHEMA = `
CREATE TABLE IF NOT EXISTS api_keys (
  key_id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL,
  name TEXT NOT NULL,
  secret_sha256 BLOB NOT NULL,
  created_at INTEGER NOT NULL,
  last_used_at INTEGER,
  revoked_at INTEGER
);
CREATE INDEX IF NOT EXISTS api_keys_by_account ON api_keys (account_id, created_at);
CREATE TABLE IF NOT EXISTS idempotency_records (
  account_id TEXT NOT NULL,
  idempotency_key TEXT NOT NULL,
  credential TEXT NOT NULL DEFAULT '',
  request_sha256 TEXT NOT NULL,
  status INTEGER NOT NULL,
  body TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (account_id, idempotency_key)
);
`;

/** Opens (or creates) the gateway's state database; `:memory:` for a throwaway one. */
export function openGatewayState(path: string): Database.Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  // A revoked key must stay revoked after a crash: the state is small, FULL costs little.
  db.pragma('synchronous = FULL');
  db.exec(SCHEMA);
  addCredentialColumn(db);
  addApiKeyTermsColumns(db);
  addApiKeyCreatorColumns(db);
  return db;
}

/** Scopes (JSON; NULL: all), budget (NULL: none), expiry, and the secret a rotation replaced with when it stops: keys made before them keep every scope and no limit. */
function addApiKeyTermsColumns(db: Database.Database): void {
  const columns = new Set(db.prepare<[], { name: string }>("SELECT name FROM pragma_table_info('api_keys')").all().map((column) => column.name));
  const wanted: Record<string, string> = {
    scopes: 'TEXT',
    budget_millicredits: 'INTEGER',
    budget_per: 'TEXT',
    expires_at: 'INTEGER',
    previous_secret_sha256: 'BLOB',
    previous_secret_until: 'INTEGER',
  };
  for (const [name, type] of Object.entries(wanted)) if (!columns.has(name)) db.exec(`ALTER TABLE api_keys ADD COLUMN ${name} ${type}`);
}

/**
 * Who made each key (the member's user id; NULL: a key from before members, made by the
 * account's user, its organisation's founder) and why a revoked key was revoked.
 */
function addApiKeyCreatorColumns(db: Database.Database): void {
  const columns = new Set(db.prepare<[], { name: string }>("SELECT name FROM pragma_table_info('api_keys')").all().map((column) => column.name));
  if (!columns.has('created_by')) db.exec('ALTER TABLE api_keys ADD COLUMN created_by TEXT');
  if (!columns.has('revoked_reason')) db.exec('ALTER TABLE api_keys ADD COLUMN revoked_reason TEXT');
  db.exec('CREATE INDEX IF NOT EXISTS api_keys_by_creator ON api_keys (account_id, created_by)');
}

/** A state file from before keys were scoped to a credential gets the column; its records keep '' (any credential). */
function addCredentialColumn(db: Database.Database): void {
  const columns = db.prepare<[], { name: string }>("SELECT name FROM pragma_table_info('idempotency_records')").all();
  if (!columns.some((column) => column.name === 'credential')) db.exec("ALTER TABLE idempotency_records ADD COLUMN credential TEXT NOT NULL DEFAULT ''");
}
