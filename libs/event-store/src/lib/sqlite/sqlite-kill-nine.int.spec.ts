import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { verifyStreamChain } from '../hash-chain';
import { EventStoreLockedError, type RecordedEvent } from '../port';
import { openSqliteEventStore } from './sqlite-event-store';

const tsx = resolve(__dirname, '../../../../../node_modules/.bin/tsx');
const child = resolve(__dirname, 'append-until-killed.child.ts');

/** Runs the child until it has reported `count` resolved appends, then kills it with SIGKILL. */
function appendThenKill(path: string, count: number): Promise<string[]> {
  return new Promise((done, fail) => {
    // Its own process group: tsx runs the script in a grandchild, and SIGKILL cannot be
    // forwarded, so the whole group is killed at once.
    const proc = spawn(process.execPath, [tsx, child, path], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const killGroup = () => {
      if (proc.pid !== undefined) process.kill(-proc.pid, 'SIGKILL');
    };
    const acknowledged: string[] = [];
    let partial = '';
    let stderr = '';
    proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    proc.stdout.on('data', (chunk: Buffer) => {
      const lines = (partial + chunk.toString()).split('\n');
      partial = lines.pop() ?? '';
      acknowledged.push(...lines);
      if (acknowledged.length >= count && proc.exitCode === null && proc.signalCode === null) killGroup();
    });
    proc.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') done(acknowledged);
      else fail(new Error(`child exited with ${String(code)} before being killed: ${stderr}`));
    });
  });
}

/** The killed group's last member may still be exiting: its writer lock goes when it is gone. */
async function reopenOnceReleased(path: string) {
  for (let attempt = 0; ; attempt++) {
    try {
      return openSqliteEventStore({ path });
    } catch (error) {
      if (!(error instanceof EventStoreLockedError) || attempt >= 100) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

describe('SQLite event store durability', () => {
  it('given a writer killed with SIGKILL mid-run, then every acknowledged event is in the reopened file, chained and gap-free', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kill-nine-'));
    const path = join(dir, 'events.db');
    try {
      const acknowledged = await appendThenKill(path, 2_000);

      const store = await reopenOnceReleased(path);
      const all: RecordedEvent[] = [];
      for await (const e of store.readAll()) all.push(e);
      await store.close();

      const stored = new Set(all.map((e) => e.eventId));
      expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
      expect(all.map((e) => e.position)).toEqual(all.map((_, i) => i + 1));
      expect(verifyStreamChain(all)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
