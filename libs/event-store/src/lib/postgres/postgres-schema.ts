import type { Pool } from 'pg';

/** A schema name as SQL: one service's tables (several instances of it share them). */
export function quotedSchema(schema: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new TypeError(`schema must be a lower-case SQL identifier, got "${schema}"`);
  return `"${schema}"`;
}

/** Column order of every event read (`decodeRow` relies on it). Data stays text: the hash chain covers its exact JSON. */
export const PG_EVENT_COLUMNS =
  'position, stream_name, revision, event_id, type, schema_version, data, metadata, recorded_at, previous_hash, hash';

/**
 * One row holds the head of the global log. An append moves it in the same transaction
 * as its events, so the row lock orders appends by commit: the position a reader sees
 * last is always the highest committed (no sequence gap filled later by a slower
 * transaction). The lock is held inside one statement and its commit, never across a
 * round trip to the client. `append_batch` writes a group of appends in one transaction,
 * each in a subtransaction of its own: a revision already taken fails only its append.
 */
const schemaDdl = (s: string) => `
CREATE SCHEMA IF NOT EXISTS ${s};
CREATE TABLE IF NOT EXISTS ${s}.log_head (
  only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  position bigint  NOT NULL
);
INSERT INTO ${s}.log_head (position) VALUES (0) ON CONFLICT DO NOTHING;
CREATE TABLE IF NOT EXISTS ${s}.events (
  position       bigint  PRIMARY KEY,
  stream_name    text    NOT NULL,
  revision       bigint  NOT NULL,
  event_id       text    NOT NULL,
  type           text    NOT NULL,
  schema_version integer NOT NULL,
  data           text    NOT NULL,
  metadata       text    NOT NULL,
  recorded_at    bigint  NOT NULL,
  previous_hash  text    NOT NULL,
  hash           text    NOT NULL,
  CONSTRAINT events_stream_revision UNIQUE (stream_name, revision)
);
CREATE OR REPLACE FUNCTION ${s}.append_batch(
  p_streams text[], p_counts int[], p_recorded_at bigint, p_channel text, p_revisions bigint[], p_event_ids text[],
  p_types text[], p_schema_versions int[], p_data text[], p_metadata text[], p_previous_hashes text[], p_hashes text[]
) RETURNS bigint[] LANGUAGE plpgsql AS $fn$
DECLARE
  head bigint;
  lasts bigint[] := '{}';
  first int := 1;
BEGIN
  SELECT position INTO head FROM ${s}.log_head FOR UPDATE;
  FOR i IN 1 .. cardinality(p_streams) LOOP
    BEGIN
      INSERT INTO ${s}.events (${PG_EVENT_COLUMNS})
      SELECT head + k, p_streams[i], p_revisions[first + k - 1], p_event_ids[first + k - 1], p_types[first + k - 1],
             p_schema_versions[first + k - 1], p_data[first + k - 1], p_metadata[first + k - 1], p_recorded_at,
             p_previous_hashes[first + k - 1], p_hashes[first + k - 1]
      FROM generate_series(1, p_counts[i]) AS k;
      head := head + p_counts[i];
      lasts := array_append(lasts, head);
    EXCEPTION WHEN unique_violation THEN
      lasts := array_append(lasts, NULL::bigint);
    END;
    first := first + p_counts[i];
  END LOOP;
  UPDATE ${s}.log_head SET position = head;
  PERFORM pg_notify(p_channel, '');
  RETURN lasts;
END $fn$;
`;

/** Creates the tables once; instances starting together take turns (an advisory lock per schema). */
export async function ensureEventsSchema(pool: Pool, schema: string): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`billing-events:${schema}`]);
    await client.query(schemaDdl(quotedSchema(schema)));
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}


