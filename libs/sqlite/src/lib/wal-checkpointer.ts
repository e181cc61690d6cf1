import type Database from 'better-sqlite3';
import { Worker } from 'node:worker_threads';

/** SQLite's own threshold: checkpoint once the log holds about 1,000 pages. */
const DEFAULT_THRESHOLD_BYTES = 4 * 1024 * 1024;
const DEFAULT_INTERVAL_MILLIS = 50;

type FromWorker = { readonly kind: 'removed'; readonly path: string; readonly last: boolean } | { readonly kind: 'failed'; readonly path: string; readonly message: string };

/*
 * The worker's code, plain JavaScript so it runs wherever this module runs (tsx, ts-jest,
 * compiled). Its own connection to each file checkpoints the log PASSIVE-ly (it never
 * waits for, nor blocks, the writer) once the log is past the threshold, and syncs the log
 * before and the database after, as SQLite does. Given its last file back, it stops its
 * timer and closes its port, so the thread ends.
 */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { statSync } = require('node:fs');
const Database = require(workerData.sqlitePath);
const open = new Map();
parentPort.on('message', (m) => {
  if (m.kind === 'add') {
    try {
      const db = new Database(m.path, { fileMustExist: true, timeout: 0 });
      db.pragma('synchronous = FULL');
      open.set(m.path, db);
    } catch (error) {
      parentPort.postMessage({ kind: 'failed', path: m.path, message: String(error && error.message) });
    }
  } else if (m.kind === 'remove') {
    open.get(m.path)?.close();
    open.delete(m.path);
    parentPort.postMessage({ kind: 'removed', path: m.path, last: m.last });
    if (m.last) {
      clearInterval(timer);
      parentPort.close();
    }
  }
});
const timer = setInterval(() => {
  for (const [path, db] of open) {
    let size = 0;
    try { size = statSync(path + '-wal').size; } catch { continue; }
    if (size < workerData.thresholdBytes) continue;
    try { db.pragma('wal_checkpoint(PASSIVE)'); } catch { /* busy or gone: the next round tries again */ }
  }
}, workerData.intervalMillis);
`;

/**
 * Checkpoints SQLite write-ahead logs in a worker thread, so the thread that writes never
 * stops to copy the log into the database and sync both (SQLite's automatic checkpoint
 * runs inside the COMMIT that crosses its threshold: a pause of several milliseconds).
 * Used for the service state databases and the embedded bus. Not for event stores: their
 * appends wait for a sync of the log, and a checkpoint's syncs beside it made
 * `bench:store`'s p99 worse (10.7-22.3 ms in three of four runs, against 7.6-12.5 ms
 * without), while the task pipeline gained nothing measurable from it.
 * A file handed over gets `wal_autocheckpoint = 0` on its connection; if the worker cannot
 * open it, the connection checkpoints itself again. One worker per process, unreferenced,
 * so it never keeps the process alive, and it ends when the last file is taken back: a
 * process that closed its databases has no thread left to tear down mid-call (better-sqlite3
 * can abort the whole process when its thread is torn down inside a native call), and a test
 * runner that loads this module once per test file does not collect a worker per file.
 */
export class WalCheckpointer {
  private static instance: WalCheckpointer | null = null;
  private readonly worker: Worker;
  private readonly connections = new Map<string, Database.Database>();
  private readonly removals = new Map<string, () => void>();

  private constructor() {
    this.worker = new Worker(WORKER, {
      eval: true,
      workerData: { sqlitePath: require.resolve('better-sqlite3'), thresholdBytes: DEFAULT_THRESHOLD_BYTES, intervalMillis: DEFAULT_INTERVAL_MILLIS },
    });
    this.worker.on('message', (message: FromWorker) => this.onMessage(message));
    this.worker.on('error', () => this.takeBack());
    this.worker.on('exit', () => this.takeBack());
    this.worker.unref(); // after the listeners: adding one references the worker again
  }

  /** Hands the file's checkpoints to the process's worker, started on first use (a file database in WAL mode). */
  static add(path: string, db: Database.Database): void {
    if (db.memory) return;
    WalCheckpointer.instance ??= new WalCheckpointer();
    WalCheckpointer.instance.add(path, db);
  }

  /**
   * Takes the file back; resolves once the worker has closed its connection (call before the
   * database closes), and for the last file once the worker has ended.
   */
  static remove(path: string): Promise<void> {
    return WalCheckpointer.instance?.remove(path) ?? Promise.resolve();
  }

  private add(path: string, db: Database.Database): void {
    if (this.connections.has(path)) return;
    db.pragma('wal_autocheckpoint = 0');
    this.connections.set(path, db);
    this.worker.postMessage({ kind: 'add', path });
  }

  private remove(path: string): Promise<void> {
    if (!this.connections.has(path)) return Promise.resolve();
    this.connections.delete(path);
    const last = this.connections.size === 0;
    // This worker ends with its last file; a file added from now on starts another.
    if (last && WalCheckpointer.instance === this) WalCheckpointer.instance = null;
    // Referenced while a removal is pending, so the process waits for the answer.
    this.worker.ref();
    return new Promise((resolve) => {
      this.removals.set(path, resolve);
      this.worker.postMessage({ kind: 'remove', path, last });
    });
  }

  private onMessage(message: FromWorker): void {
    if (message.kind === 'removed') {
      if (message.last) return; // resolved by the worker's exit
      this.removals.get(message.path)?.();
      this.removals.delete(message.path);
      if (this.removals.size === 0) this.worker.unref();
    } else {
      this.connections.get(message.path)?.pragma('wal_autocheckpoint = 1000');
    }
  }

  /** The worker is gone: every connection checkpoints itself again, and nothing waits for it. */
  private takeBack(): void {
    for (const db of this.connections.values()) if (db.open) db.pragma('wal_autocheckpoint = 1000');
    for (const resolve of this.removals.values()) resolve();
    this.removals.clear();
    if (WalCheckpointer.instance === this) WalCheckpointer.instance = null;
  }
}
