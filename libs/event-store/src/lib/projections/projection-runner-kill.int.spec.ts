import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openSqliteEventStore } from '../sqlite/sqlite-event-store';

const tsx = resolve(__dirname, '../../../../../node_modules/.bin/tsx');
const child = resolve(__dirname, 'count-until-killed.child.ts');

interface Run {
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

function runChild(eventsPath: string, statePath: string, killAtCheckpointWrite?: number): Promise<Run> {
  const args = [tsx, child, eventsPath, statePath, ...(killAtCheckpointWrite === undefined ? [] : [String(killAtCheckpointWrite)])];
  return new Promise((done) => {
    // tsx runs the script in a grandchild: the self-inflicted SIGKILL shows as its exit code 137 or as our child's signal.
    const proc = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    proc.on('exit', (code, signal) => done({ signal: signal ?? (code === 137 ? 'SIGKILL' : null), stdout, stderr }));
  });
}

describe('a processor killed between its effect and its checkpoint', () => {
  it('given a read model that adds up amounts, when its process is killed at the checkpoint write again and again, then after catching up every event counted once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'processor-kill-'));
    const eventsPath = join(dir, 'events.db');
    const statePath = join(dir, 'state.db');
    try {
      // Given 1,000 events with amounts 1..1000
      const store = openSqliteEventStore({ path: eventsPath });
      for (let stream = 0; stream < 10; stream++) {
        const events = Array.from({ length: 100 }, (_, i) => ({ eventId: randomUUID(), type: 'Added', schemaVersion: 1, data: { amount: stream * 100 + i + 1 } }));
        await store.appendToStream(`ledger-${stream}`, events, 'no_stream');
      }
      await store.close();

      // When the runner dies as it writes a checkpoint, at the 3rd, 5th, 2nd and 7th write of each start
      for (const killAt of [3, 5, 2, 7]) {
        const killed = await runChild(eventsPath, statePath, killAt);
        expect({ signal: killed.signal, stderr: killed.stderr }).toEqual({ signal: 'SIGKILL', stderr: '' });
      }
      const last = await runChild(eventsPath, statePath);

      // Then the rows written before each kill went with it: nothing was added twice
      expect(last.stderr).toBe('');
      expect(JSON.parse(last.stdout)).toEqual({ events: 1_000, amount: (1_000 * 1_001) / 2 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
