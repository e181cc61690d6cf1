import pg from 'pg';
import type { TaskReply } from '@billing/contracts';
import type { EventStore, RecordedEvent } from '@billing/event-store';
import { type PostgresServer, startPostgres } from '@billing/event-store/testing';
import type { DistributedPlatform } from './distributed';
import { auditWallets, type WalletAudit } from './saga-workload';

/*
 * Several instances of each service on one PostgreSQL event store, for the Kafka tier:
 * a throwaway server (or DATABASE_URL) with a fresh database per platform, the wallet's
 * events read back from it without going through any service, and each process's own
 * `/metrics`, so a test can tell that every instance did work.
 */

/** What the services need to share a store: EVENT_STORE=postgres and the database. */
export type SharedStoreEnv = {
  readonly EVENT_STORE: 'postgres';
  readonly DATABASE_URL: string;
  /** Each process serves its `/metrics` on a free port (printed at its start: see `instanceMetric`). */
  readonly METRICS_PORT: '0';
};

export interface SharedPostgres {
  readonly server: PostgresServer;
  /** A database of its own, empty, and the environment for services that share it. */
  database(label: string): Promise<SharedStoreEnv>;
  stop(): Promise<void>;
}

/** A PostgreSQL server for the tests of one file (start it in `beforeAll`, stop it in `afterAll`). */
export async function startSharedPostgres(): Promise<SharedPostgres> {
  const server = await startPostgres();
  let made = 0;
  return {
    server,
    async database(label) {
      const name = `${label.toLowerCase().replace(/[^a-z0-9_]/g, '_')}_${process.pid}_${++made}`;
      const admin = new pg.Client({ connectionString: server.url });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE "${name}"`);
      } finally {
        await admin.end();
      }
      const url = new URL(server.url);
      url.pathname = `/${name}`;
      return { EVENT_STORE: 'postgres', DATABASE_URL: url.toString(), METRICS_PORT: '0' };
    },
    stop: () => server.stop(),
  };
}

/**
 * Every event of one service's schema, in global order, read in a read-only session (the
 * store's own adapter is not opened: it would create or replace the schema's function
 * while the services use it). Takes `afterPosition` and the filter (not
 * `maxCount`): enough for `auditWallets`.
 */
export function postgresEvents(databaseUrl: string, schema: string): Pick<EventStore, 'readAll'> {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new TypeError(`not a schema name: ${schema}`);
  return {
    async *readAll(options = {}) {
      const prefixes = options.filter?.streamPrefixes ?? [];
      const types = options.filter?.eventTypes ?? [];
      const client = new pg.Client({ connectionString: databaseUrl, options: '-c default_transaction_read_only=on' });
      await client.connect();
      try {
        let after = options.afterPosition ?? 0;
        for (;;) {
          const { rows } = await client.query<{ position: string; stream_name: string; revision: string; event_id: string; type: string; schema_version: number; data: string; metadata: string; recorded_at: string; previous_hash: string; hash: string }>(
            `SELECT position, stream_name, revision, event_id, type, schema_version, data, metadata, recorded_at, previous_hash, hash FROM "${schema}".events
             WHERE position > $1 AND (cardinality($2::text[]) = 0 OR EXISTS (SELECT 1 FROM unnest($2::text[]) p WHERE starts_with(stream_name, p)))
               AND (cardinality($3::text[]) = 0 OR type = ANY($3::text[]))
             ORDER BY position LIMIT 5000`,
            [after, prefixes, types],
          );
          for (const row of rows) {
            yield {
              position: Number(row.position),
              streamName: row.stream_name,
              revision: Number(row.revision),
              eventId: row.event_id,
              type: row.type,
              schemaVersion: row.schema_version,
              data: JSON.parse(row.data) as unknown,
              dataJson: row.data,
              metadata: JSON.parse(row.metadata) as RecordedEvent['metadata'],
              recordedAt: Number(row.recorded_at),
              previousHash: row.previous_hash,
              hash: row.hash,
            };
          }
          const last = rows[rows.length - 1];
          if (!last || rows.length < 5000) return;
          after = Number(last.position);
        }
      } finally {
        await client.end();
      }
    },
  };
}

/** `auditWallets` over the wallet's events as PostgreSQL holds them (schema `wallet`). */
export function auditWalletsInPostgres(databaseUrl: string, tasks: ReadonlyMap<string, TaskReply>, endedBy: number): Promise<WalletAudit> {
  return auditWallets(postgresEvents(databaseUrl, 'wallet'), tasks, endedBy);
}

/** Each instance's `/metrics` address (`wallet`, `wallet-2`, ...), from the line it printed at its start (METRICS_PORT=0). */
export function metricsAddresses(platform: Pick<DistributedPlatform, 'logs'>): Map<string, string> {
  const found = new Map<string, string>();
  for (const line of platform.logs) {
    const match = /^\[([a-z0-9-]+)\] metrics: (http:\/\/\S+\/metrics)$/.exec(line);
    if (match?.[1] && match[2]) found.set(match[1], match[2]);
  }
  return found;
}

/**
 * One sample summed over the label sets that match `labels`, as an instance's `/metrics`
 * reports it now (e.g. `billing_event_store_append_seconds_count`, `{ service: 'wallet' }`).
 */
export async function instanceMetric(platform: Pick<DistributedPlatform, 'logs'>, instance: string, name: string, labels: Readonly<Record<string, string>> = {}): Promise<number> {
  const address = metricsAddresses(platform).get(instance);
  if (!address) throw new Error(`${instance} printed no metrics address (is METRICS_PORT=0 in its environment?)`);
  const text = await (await fetch(address)).text();
  return sumSamples(text, name, labels);
}

/** The sum of a metric's samples whose labels include `labels`, in Prometheus text format. */
export function sumSamples(text: string, name: string, labels: Readonly<Record<string, string>> = {}): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = new Map([...(match[3] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([key, value]) => found.get(key) === value)) sum += Number(match[4]);
  }
  return sum;
}
