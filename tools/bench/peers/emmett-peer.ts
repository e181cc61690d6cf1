/**
 * Emmett's SQLite event store (`@event-driven-io/emmett-sqlite`) as the peer of bench:store.
 *
 * It is a dependency of the benchmark only: tools/bench/peers/emmett/ has its own package.json
 * and lock, outside the root `npm ci`. The first run installs it (`npm ci --prefix`, which
 * builds the native `sqlite3` from source against this Node's headers when no prebuilt binary
 * can be fetched, about a minute on 2 cores) and loads it from there with createRequire. If
 * it cannot be installed or loaded, `loadEmmett` says why and the bench goes on without it.
 * `BENCH_PEERS=0` skips it. Only the few calls used here are typed, locally.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export const EMMETT_DIR = join(__dirname, 'emmett');

export interface EmmettEvent {
  readonly type: string;
  readonly data: Record<string, unknown>;
  readonly metadata?: Record<string, unknown>;
}

interface Connection {
  command(sql: string, values?: unknown[]): Promise<unknown>;
  querySingle<T>(sql: string, values?: unknown[]): Promise<T | null>;
  close(): void;
}

interface Store {
  appendToStream(streamName: string, events: EmmettEvent[], options?: { expectedStreamVersion?: bigint }): Promise<{ nextExpectedStreamVersion: bigint }>;
  readStream(streamName: string): Promise<{ streamExists: boolean }>;
}

interface EmmettSqlite {
  getSQLiteEventStore(options: { fileName: string; hooks?: { onBeforeCommit?: (messages: unknown[], context: { connection: Connection }) => Promise<void> } }): Store;
  sqliteConnection(options: { fileName: string }): Connection;
  createEventStoreSchema(connection: Connection): Promise<void>;
  appendToStream(connection: Connection, streamName: string, streamType: string, events: EmmettEvent[], options?: { expectedStreamVersion?: bigint }): Promise<{ success: boolean; nextStreamPosition?: bigint }>;
}

export interface Emmett {
  readonly sqlite: EmmettSqlite;
  /** e.g. `@event-driven-io/emmett-sqlite 0.38.5, sqlite3 5.1.7 (SQLite 3.44.2)`. */
  readonly versions: string;
}

/** Loads the peer, installing it first when it is missing or broken; a reason when it cannot. */
export function loadEmmett(): Emmett | { readonly missing: string } {
  if (process.env['BENCH_PEERS'] === '0') return { missing: 'skipped (BENCH_PEERS=0)' };
  try {
    return load();
  } catch {
    const installed = install();
    if (installed !== undefined) return { missing: installed };
    try {
      return load();
    } catch (error) {
      return { missing: `installed in ${EMMETT_DIR} but does not load: ${firstLine(error)}` };
    }
  }
}

function load(): Emmett {
  const peerRequire = createRequire(join(EMMETT_DIR, 'package.json'));
  const sqlite = peerRequire('@event-driven-io/emmett-sqlite') as EmmettSqlite;
  const sqlite3 = peerRequire('sqlite3') as { VERSION: string };
  const version = (name: string) => (JSON.parse(readFileSync(join(EMMETT_DIR, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
  return { sqlite, versions: `@event-driven-io/emmett-sqlite ${version('@event-driven-io/emmett-sqlite')}, sqlite3 ${version('sqlite3')} (SQLite ${sqlite3.VERSION})` };
}

/** `npm ci` in the peer's folder; undefined when it worked, else why not. */
function install(): string | undefined {
  const nodeBin = dirname(process.execPath);
  // loglevel: `npm run -s` hands `silent` down, which would leave nothing to say why it failed.
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${nodeBin}:${process.env['PATH'] ?? ''}`, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_loglevel: 'error' };
  // A native build must use this Node's headers (the shared npm config may point elsewhere).
  if (env['npm_config_nodedir'] === undefined && existsSync(join(nodeBin, '..', 'include', 'node', 'node.h'))) env['npm_config_nodedir'] = dirname(nodeBin);
  console.error(`bench:store: installing the Emmett peer (npm ci --prefix ${EMMETT_DIR}; sqlite3 may build from source, about a minute)`);
  const run = spawnSync('npm', ['ci', '--prefix', EMMETT_DIR], { cwd: EMMETT_DIR, env, encoding: 'utf8', timeout: 15 * 60_000 });
  if (run.error !== undefined) return `npm ci in ${EMMETT_DIR} did not run: ${run.error.message}`;
  if (run.status !== 0) {
    const lines = `${run.stdout}\n${run.stderr}`.split('\n').map((line) => line.replace(/^npm (error|ERR!) /, '').trim()).filter((line) => line !== '');
    const telling = lines.filter((line) => /^gyp: |ERR! stack Error|^code E|[Ee]rror:/.test(line) && !line.includes('Deprecation'));
    const why = (telling.length > 0 ? telling : lines.slice(-3)).slice(0, 3).join(' | ');
    return `npm ci in ${EMMETT_DIR} failed (exit ${run.status ?? run.signal}): ${why || 'no output'}; run it by hand to see the whole log`;
  }
  return undefined;
}

const firstLine = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';

const SYNCHRONOUS = ['OFF', 'NORMAL', 'FULL', 'EXTRA'];

async function pragmas(connection: Connection): Promise<string> {
  const journal = await connection.querySingle<{ journal_mode: string }>('PRAGMA journal_mode');
  const synchronous = await connection.querySingle<{ synchronous: number }>('PRAGMA synchronous');
  return `journal_mode=${journal?.journal_mode ?? '?'}, synchronous=${SYNCHRONOUS[synchronous?.synchronous ?? -1] ?? '?'}`;
}

/**
 * The pragmas Emmett's store runs at, read back on its own connection inside one append
 * (its store opens a connection per call and takes no options for them; it sets WAL itself,
 * and synchronous is SQLite's default, which cannot be changed inside the transaction).
 * Give it a file of its own: after that read, a later store on the same file failed a commit
 * ("SQL statements in progress").
 */
export async function storeDurability(emmett: Emmett, fileName: string): Promise<string> {
  let seen = '?';
  const store = emmett.sqlite.getSQLiteEventStore({ fileName, hooks: { onBeforeCommit: async (_messages, { connection }) => void (seen = await pragmas(connection)) } });
  await store.appendToStream('probe-1', [{ type: 'Probe', data: {} }], { expectedStreamVersion: 0n });
  return seen;
}

/**
 * 64 appends started together on one store, as the writers would issue them: how many
 * resolved, and how many of their streams a fresh store then finds on disk.
 */
export async function concurrentBurst(emmett: Emmett, fileName: string, writers: number, event: (n: number) => EmmettEvent): Promise<{ resolved: number; onDisk: number }> {
  const store = emmett.sqlite.getSQLiteEventStore({ fileName });
  await store.appendToStream('burst-warmup', [event(0)], { expectedStreamVersion: 0n });
  const log = console.log;
  console.log = () => undefined; // Emmett logs every failed transaction with console.log.
  let results: PromiseSettledResult<unknown>[];
  try {
    results = await Promise.allSettled(Array.from({ length: writers }, (_, w) => store.appendToStream(`burst-${w}`, [event(w)], { expectedStreamVersion: 0n })));
  } finally {
    console.log = log;
  }
  const reader = emmett.sqlite.getSQLiteEventStore({ fileName });
  let onDisk = 0;
  for (let w = 0; w < writers; w++) if ((await reader.readStream(`burst-${w}`)).streamExists) onDisk++;
  return { resolved: results.filter((result) => result.status === 'fulfilled').length, onDisk };
}

export interface Workload {
  readonly streams: number;
  readonly writers: number;
  readonly millis: number;
  readonly streamOf: (i: number) => string;
  readonly event: (n: number) => EmmettEvent;
}

/** One append in flight at a time: the writers queue behind each other. */
function queue(): <T>(call: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(call: () => Promise<T>) => {
    const next = tail.then(call);
    tail = next.catch(() => undefined);
    return next;
  };
}

/**
 * The bench's append workload (each writer owning the streams congruent to its number, one
 * event per append, exact expected versions: 0 for a new stream, then the stream's length)
 * against `append`, which resolves with the stream's new version.
 */
async function throughput(workload: Workload, append: (stream: string, event: EmmettEvent, expected: bigint) => Promise<bigint>): Promise<number> {
  const { streams, writers, millis, streamOf, event } = workload;
  const versions = new BigInt64Array(streams);
  const inTurn = queue();
  let events = 0;
  let failure: unknown;
  const started = performance.now();
  const deadline = started + millis;
  // On a failure every writer stops after its own append settles, so nothing runs on after this returns.
  await Promise.all(Array.from({ length: writers }, async (_, w) => {
    for (let k = 0; failure === undefined && performance.now() < deadline; k++) {
      const s = (w + writers * (k % Math.floor(streams / writers))) % streams;
      try {
        versions[s] = await inTurn(() => append(streamOf(s), event(events), versions[s] ?? 0n));
        events++;
      } catch (error) {
        failure ??= error;
      }
    }
  }));
  if (failure !== undefined) throw failure;
  return Math.round(events / ((performance.now() - started) / 1000));
}

/** Through Emmett's event store (`getSQLiteEventStore(...).appendToStream`), as an application uses it. */
export function storeThroughput(emmett: Emmett, fileName: string, workload: Workload): Promise<number> {
  const store = emmett.sqlite.getSQLiteEventStore({ fileName });
  return throughput(workload, async (stream, event, expected) => (await store.appendToStream(stream, [event], { expectedStreamVersion: expected })).nextExpectedStreamVersion);
}

/**
 * Through Emmett's own `appendToStream` on one connection kept open, with the pragmas set
 * on it explicitly (WAL, synchronous=FULL): what its store would do without a connection per call.
 */
export async function keptConnectionThroughput(emmett: Emmett, fileName: string, workload: Workload): Promise<{ perSecond: number; durability: string }> {
  const connection = emmett.sqlite.sqliteConnection({ fileName });
  try {
    await connection.command('PRAGMA journal_mode = WAL');
    await connection.command('PRAGMA synchronous = FULL');
    await emmett.sqlite.createEventStoreSchema(connection);
    const durability = await pragmas(connection);
    const perSecond = await throughput(workload, async (stream, event, expected) => {
      const result = await emmett.sqlite.appendToStream(connection, stream, stream.split('-')[0] ?? 'emt:unknown', [event], { expectedStreamVersion: expected });
      if (!result.success || result.nextStreamPosition === undefined) throw new Error(`Emmett refused an append to ${stream} at version ${expected}`);
      return result.nextStreamPosition;
    });
    return { perSecond, durability };
  } finally {
    connection.close();
  }
}
