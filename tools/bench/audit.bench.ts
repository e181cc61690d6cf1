import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteEventStore } from '@billing/event-store';
import { replayInPartitions } from '@billing/finance-audit';
import { writeWalletHistory } from '@billing/finance-audit/testing';
import { report } from '@billing/util/testing';

/**
 * bench:audit: a wallet store of at least 1,000,000 events written through the SQLite
 * adapter's own append (valid hash chains, a realistic mix decided by the wallet decider
 * over 10,000 wallets), then `replayWallets`: every hash recomputed over the stored text,
 * every wallet folded with invariants 1 to 4 at every event. Events per second and RSS at
 * each quarter of the replay (memory must stay flat as events go by). The replay runs in one
 * process, then split by stream over as many processes as there are CPUs (the same checks).
 */
const WALLETS = Number(process.env['AUDIT_BENCH_WALLETS'] ?? 10_000);
const COMMANDS_PER_WALLET = Number(process.env['AUDIT_BENCH_COMMANDS'] ?? 100);
const ROUNDS = 10;
const MB = 1024 * 1024;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-audit-'));
  const file = join(dir, 'wallet.events.db');
  try {
    const clock = { now: Date.UTC(2026, 0, 1) };
    const store = openSqliteEventStore({ path: file, clock: () => clock.now, maxBatchAppends: 5_000 });
    const generationStarted = process.hrtime.bigint();
    const written = await writeWalletHistory(store, clock, {
      wallets: WALLETS,
      rounds: ROUNDS,
      commandsPerRound: COMMANDS_PER_WALLET / ROUNDS,
      start: clock.now,
      roundMillis: 5 * 60_000,
      concurrency: 1_000,
    });
    await store.close();
    const generationSeconds = Number(process.hrtime.bigint() - generationStarted) / 1e9;

    const ceiling = rawReadCeiling(file);
    // Each replay runs in fresh processes, so its memory is its own, not the generator's.
    const timed = async (partitions: number, measureHeap = false) => {
      const started = process.hrtime.bigint();
      const replay = await replayInPartitions(file, partitions, { measureHeap });
      return { replay, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
    };
    const single = await timed(1);
    // A third pass, untimed: heap retained after a full collection at each quarter.
    const heapAt = (await timed(1, true)).replay.partitions[0]?.heapAt ?? [];
    const partitions = Math.max(2, cpus().length);
    const parallel = await timed(partitions);
    const rssAt = single.replay.partitions[0]?.rssAt ?? [];
    const singleRate = Math.round(single.replay.eventsRead / single.seconds);
    const eventsPerSecond = Math.round(parallel.replay.eventsRead / parallel.seconds);
    const growth = ((heapAt[3] ?? 0) - (heapAt[0] ?? 0)) / MB;
    const replay = { eventsRead: single.replay.eventsRead, wallets: { size: single.replay.wallets.length }, findings: [...single.replay.findings, ...parallel.replay.findings] };
    const seconds = parallel.seconds;
    const peakRss = single.replay.partitions[0]?.peakRss ?? 0;
    const parallelPeakRss = parallel.replay.partitions.reduce((sum, p) => sum + p.peakRss, 0);

    report(
      'audit',
      {
        events: replay.eventsRead,
        wallets: replay.wallets.size,
        findings: replay.findings.length,
        store_mb: Math.round(statSync(file).size / MB),
        generation_seconds: Math.round(generationSeconds * 10) / 10,
        generation_events_per_second: Math.round(written / generationSeconds),
        raw_sqlite_read_rows_per_second: ceiling,
        replay_one_process_events_per_second: singleRate,
        replay_partitions: partitions,
        replay_seconds: Math.round(seconds * 100) / 100,
        replay_events_per_second: eventsPerSecond,
        rss_mb_at_25pct: Math.round((rssAt[0] ?? 0) / MB),
        rss_mb_at_50pct: Math.round((rssAt[1] ?? 0) / MB),
        rss_mb_at_75pct: Math.round((rssAt[2] ?? 0) / MB),
        rss_mb_at_100pct: Math.round((rssAt[3] ?? 0) / MB),
        heap_mb_after_gc_at_25pct: Math.round((heapAt[0] ?? 0) / MB),
        heap_mb_after_gc_at_50pct: Math.round((heapAt[1] ?? 0) / MB),
        heap_mb_after_gc_at_75pct: Math.round((heapAt[2] ?? 0) / MB),
        heap_mb_after_gc_at_100pct: Math.round((heapAt[3] ?? 0) / MB),
        peak_rss_mb: Math.round(peakRss / MB),
        peak_rss_mb_all_partitions: Math.round(parallelPeakRss / MB),
      },
      [
        { name: `replay with hash verification (${partitions} partitions, process start included)`, target: 500_000, actual: eventsPerSecond, unit: 'events/s', direction: 'min' },
        { name: 'heap retained: growth from 25% to 100% of the replay', target: 64, actual: Math.round(growth), unit: 'MB', direction: 'max' },
      ],
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The ceiling in the same run: every row read in raw mode, nothing done with it. */
function rawReadCeiling(file: string): number {
  const db = new Database(file, { readonly: true });
  const page = db.prepare<[number], unknown[]>('SELECT position, stream_name, revision, event_id, type, schema_version, data, metadata, recorded_at, previous_hash, hash FROM events WHERE position > ? ORDER BY position LIMIT 10000').raw(true);
  const started = process.hrtime.bigint();
  let rows = 0;
  for (let after = 0; ; ) {
    const batch = page.all(after);
    if (batch.length === 0) break;
    rows += batch.length;
    after = (batch[batch.length - 1] as unknown[])[0] as number;
  }
  db.close();
  return Math.round(rows / (Number(process.hrtime.bigint() - started) / 1e9));
}

void main();
