/**
 * `npm run bench:store`: the embedded event store against raw SQLite, in one run, on a temp
 * dir on disk, both with WAL and every commit on disk before it counts: the raw inserts
 * at synchronous=FULL (synced inside COMMIT), the adapter syncing its log in the thread
 * pool before an append resolves (its default).
 * - raw ceiling: pre-built rows inserted in plain transactions of 64 rows (what 64 writers
 *   can share) and of 1,000 rows (for reference);
 * - adapter appends: 64 concurrent writers, one event per append, 10,000 streams, exact
 *   expected revisions;
 * - single-append latency at half of that throughput (open loop);
 * - read-all through the adapter's readAll;
 * - the peer, Emmett's SQLite event store, appending the same events with the same 64 writers,
 *   streams and exact expected versions, at WAL + synchronous=FULL (read back from its own
 *   connection). Its store cannot take concurrent appends on one file (64 started together:
 *   most resolve, none is committed, which the run shows), so its writers queue and it has one
 *   append in flight at a time. Also measured: Emmett's appendToStream on one kept connection.
 *   It is installed on demand in tools/bench/peers/emmett/ (see peers/emmett-peer.ts); when it
 *   cannot be, the run says why and the ratio is not measured.
 * - the PostgreSQL adapter on the same 64 writers, against a server of the npm package
 *   (fsync on, synchronous_commit on) or DATABASE_URL: appends, latency at half load, read-all.
 */
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  applyDurabilityPragmas,
  computeEventHash,
  type EventStore,
  EVENTS_SCHEMA,
  GENESIS_HASH,
  type NewEvent,
  openSqliteEventStore,
  openPostgresEventStore,
} from '@billing/event-store';
import { startPostgres } from '@billing/event-store/testing';
import { concurrentBurst, type Emmett, type EmmettEvent, keptConnectionThroughput, loadEmmett, storeDurability, storeThroughput } from './peers/emmett-peer';
import { report } from '@billing/util/testing';

const STREAMS = 10_000;
const WRITERS = 64;
const WINDOW_MILLIS = Number(process.env['BENCH_WINDOW_MILLIS'] ?? 4000);
const dir = mkdtempSync(join(tmpdir(), 'bench-store-'));

const data = (n: number) => ({ reservationId: `res-${n}`, millicredits: 15_000, allocations: [{ lotId: `lot-${n % 97}`, millicredits: 15_000 }], expiresAt: 1_700_000_600_000, taskId: `task-${n}`, at: 1_700_000_000_000 });
const streamOf = (i: number) => `wallet-acc-${i}-api`;
const newEvent = (n: number): NewEvent => ({ eventId: randomUUID(), type: 'CreditsReserved', schemaVersion: 1, data: data(n), metadata: { correlationId: `corr-${n}` } });
/** The same event for Emmett, which gives it its id itself. */
const emmettEvent = (n: number): EmmettEvent => ({ type: 'CreditsReserved', data: data(n), metadata: { correlationId: `corr-${n}` } });

/** Plain inserts of ready rows: the most SQLite does with these durability settings. */
function rawCeiling(batchRows: number): number {
  const db = new Database(join(dir, `raw-${batchRows}.db`));
  applyDurabilityPragmas(db);
  db.exec(EVENTS_SCHEMA);
  const insertStream = db.prepare('INSERT INTO streams (stream_id, stream_name) VALUES (?, ?)');
  db.transaction(() => { for (let i = 0; i < STREAMS; i++) insertStream.run(i + 1, streamOf(i)); })();
  const total = 40 * batchRows > 60_000 ? 60_000 : Math.max(40 * batchRows, 20_000);
  const rows = Array.from({ length: total }, (_, n) => {
    const s = n % STREAMS;
    return [n + 1, streamOf(s), s + 1, Math.floor(n / STREAMS), randomUUID(), 'CreditsReserved', 1, JSON.stringify(data(n)), `{"correlationId":"corr-${n}"}`, 1_700_000_000_000, GENESIS_HASH, GENESIS_HASH];
  });
  const insert = db.prepare('INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const commit = db.transaction((from: number, to: number) => { for (let i = from; i < to; i++) insert.run(rows[i]); });
  const started = performance.now();
  for (let from = 0; from < total; from += batchRows) commit(from, Math.min(total, from + batchRows));
  const seconds = (performance.now() - started) / 1000;
  db.close();
  return Math.round(total / seconds);
}

/** 64 writers, each owning the streams congruent to its number, appending one event at a time. */
async function adapterThroughput(store: EventStore, millis: number): Promise<{ perSecond: number; events: number }> {
  const revisions = new Int32Array(STREAMS).fill(-1);
  let events = 0;
  const deadline = performance.now() + millis;
  const started = performance.now();
  await Promise.all(Array.from({ length: WRITERS }, async (_, w) => {
    for (let k = 0; performance.now() < deadline; k++) {
      const s = (w + WRITERS * (k % Math.floor(STREAMS / WRITERS))) % STREAMS;
      const expected = revisions[s] ?? -1;
      const result = await store.appendToStream(streamOf(s), [newEvent(events)], expected === -1 ? 'no_stream' : expected);
      revisions[s] = result.nextExpectedRevision;
      events++;
    }
  }));
  return { perSecond: Math.round(events / ((performance.now() - started) / 1000)), events };
}

/** Open loop: appends issued at a fixed rate whatever the store does; latency from call to resolve. */
async function latencyAt(store: EventStore, perSecond: number, millis: number): Promise<{ p50: number; p99: number; count: number }> {
  const latencies: number[] = [];
  const inFlight: Promise<void>[] = [];
  const started = performance.now();
  let issued = 0;
  while (performance.now() - started < millis) {
    const due = Math.floor(((performance.now() - started) / 1000) * perSecond);
    for (; issued < due; issued++) {
      const t0 = performance.now();
      inFlight.push(store.appendToStream(`latency-${issued % STREAMS}`, [newEvent(issued)], 'any').then(() => void latencies.push(performance.now() - t0)));
    }
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await Promise.all(inFlight);
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { p50: round(at(0.5)), p99: round(at(0.99)), count: latencies.length };
}

async function readAllThroughput(store: EventStore): Promise<{ perSecond: number; events: number }> {
  const runs: number[] = [];
  let events = 0;
  for (let run = 0; run < 3; run++) {
    events = 0;
    const started = performance.now();
    for await (const _ of store.readAll()) events++;
    runs.push(events / ((performance.now() - started) / 1000));
  }
  runs.sort((a, b) => a - b);
  return { perSecond: Math.round(runs[1] ?? 0), events };
}

function hashingMicros(): number {
  const content = { streamName: streamOf(1), revision: 7, eventId: randomUUID(), type: 'CreditsReserved', schemaVersion: 1, dataJson: JSON.stringify(data(1)), metadataJson: '{"correlationId":"corr-1"}', recordedAt: 1_700_000_000_000, previousHash: GENESIS_HASH };
  const n = 100_000;
  const started = performance.now();
  for (let i = 0; i < n; i++) computeEventHash({ ...content, revision: i });
  return round(((performance.now() - started) * 1000) / n);
}

const round = (x: number) => Math.round(x * 1000) / 1000;

interface PeerFigures {
  readonly versions: string;
  readonly perSecond: number;
  readonly keptConnectionPerSecond: number;
  readonly storeDurability: string;
  readonly keptConnectionDurability: string;
  readonly burst: { resolved: number; onDisk: number };
}

/** Emmett on the same workload, each on its own file in the same temp dir; why not, if it cannot run. */
async function emmettPeer(): Promise<PeerFigures | { missing: string }> {
  const loaded = loadEmmett();
  if ('missing' in loaded) return loaded;
  const emmett: Emmett = loaded;
  try {
    const workload = { streams: STREAMS, writers: WRITERS, millis: WINDOW_MILLIS, streamOf, event: emmettEvent };
    const storeDurabilityRead = await storeDurability(emmett, join(dir, 'emmett-probe.db'));
    const perSecond = await storeThroughput(emmett, join(dir, 'emmett-store.db'), workload);
    const kept = await keptConnectionThroughput(emmett, join(dir, 'emmett-connection.db'), workload);
    const burst = await concurrentBurst(emmett, join(dir, 'emmett-burst.db'), WRITERS, emmettEvent);
    return { versions: emmett.versions, perSecond, keptConnectionPerSecond: kept.perSecond, storeDurability: storeDurabilityRead, keptConnectionDurability: kept.durability, burst };
  } catch (error) {
    return { missing: `${emmett.versions} failed while running: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}` };
  }
}

/** The same appends, latency and reads through the PostgreSQL adapter, in a schema of its own. */
async function postgresFigures(): Promise<Record<string, number | string>> {
  const server = await startPostgres({ fsync: true });
  try {
    const store = await openPostgresEventStore({ connectionString: server.url, schema: `bench_${process.pid}`, poolSize: 16 });
    try {
      const appends = await adapterThroughput(store, WINDOW_MILLIS);
      const latency = await latencyAt(store, Math.round(appends.perSecond / 2), 3000);
      const reads = await readAllThroughput(store);
      return {
        postgres_append_events_per_s_64_writers: appends.perSecond,
        postgres_append_latency_p50_ms: latency.p50,
        postgres_append_latency_p99_ms: latency.p99,
        postgres_read_all_events_per_s: reads.perSecond,
        postgres: `${server.description}; fsync on, appends grouped many to a transaction, pool of 16`,
      };
    } finally {
      await store.close();
    }
  } finally {
    await server.stop();
  }
}

async function main(): Promise<void> {
  try {
    const ceiling64 = rawCeiling(WRITERS);
    const ceiling1000 = rawCeiling(1000);
    const store = openSqliteEventStore({ path: join(dir, 'adapter.db') });
    const appends = await adapterThroughput(store, WINDOW_MILLIS);
    const latency = await latencyAt(store, Math.round(appends.perSecond / 2), 3000);
    const reads = await readAllThroughput(store);
    await store.close();
    const hashUs = hashingMicros();
    const peer = await emmettPeer();
    const postgres = await postgresFigures().catch((error: unknown) => ({ postgres: `not measured: ${(error as Error).message}` }));
    const ratio = 'missing' in peer ? null : round(appends.perSecond / peer.perSecond);
    const peerFigures: Record<string, number | string> =
      'missing' in peer
        ? { emmett_append_events_per_s_64_writers: `not measured: ${peer.missing}`, append_vs_emmett_ratio: 'not measured' }
        : {
            emmett_append_events_per_s_64_writers: peer.perSecond,
            append_vs_emmett_ratio: ratio ?? 'not measured',
            emmett_kept_connection_events_per_s: peer.keptConnectionPerSecond,
            append_vs_emmett_kept_connection_ratio: round(appends.perSecond / peer.keptConnectionPerSecond),
            emmett_64_appends_started_together: `${peer.burst.resolved} of ${WRITERS} resolved, ${peer.burst.onDisk} of ${WRITERS} on disk (so its writers queue: one append in flight)`,
            emmett: peer.versions,
          };

    report(
      'store',
      {
        raw_ceiling_batch64_events_per_s: ceiling64,
        raw_ceiling_batch1000_events_per_s: ceiling1000,
        append_events_per_s_64_writers: appends.perSecond,
        append_vs_ceiling_ratio: round(appends.perSecond / ceiling64),
        append_vs_batch1000_ceiling_ratio: round(appends.perSecond / ceiling1000),
        half_load_events_per_s: Math.round(appends.perSecond / 2),
        append_latency_p50_ms: latency.p50,
        append_latency_p99_ms: latency.p99,
        latency_samples: latency.count,
        read_all_events_per_s: reads.perSecond,
        read_all_events: reads.events,
        hash_micros_per_event: hashUs,
        streams: STREAMS,
        writers: WRITERS,
        durability: 'WAL; raw: synchronous=FULL; adapter: log synced off the thread before appends resolve',
        ...peerFigures,
        ...postgres,
        emmett_durability:
          'missing' in peer
            ? 'not measured'
            : `store: ${peer.storeDurability} (read back from its own connection; its store takes no pragmas, FULL is SQLite's default), commit synced inside COMMIT; kept connection: ${peer.keptConnectionDurability} (set on it)`,
      },
      [
        { name: 'appends vs raw ceiling (same 64-row commits)', target: 0.5, actual: round(appends.perSecond / ceiling64), unit: 'ratio', direction: 'min' },
        { name: 'read-all throughput', target: 1_000_000, actual: reads.perSecond, unit: 'events/s', direction: 'min' },
        { name: 'p99 single-append latency at half load', target: 10, actual: latency.p99, unit: 'ms', direction: 'max' },
        { name: "appends vs Emmett's SQLite event store (same workload and durability)", target: 1, actual: ratio, unit: 'ratio', direction: 'min', ...('missing' in peer ? { notMeasured: peer.missing } : {}) },
      ],
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
