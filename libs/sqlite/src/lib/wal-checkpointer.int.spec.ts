import Database from 'better-sqlite3';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WalCheckpointer } from './wal-checkpointer';

const sleep = (millis: number) => new Promise((resolve) => setTimeout(resolve, millis));
/** The process's threads, as Linux lists them. */
const threads = () => readdirSync('/proc/self/task').length;

function walDatabase(path: string): Database.Database {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  return db;
}

describe('WalCheckpointer', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'wal-checkpointer-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('given a writer that never checkpoints itself, then the worker keeps its log bounded and the rows reach the database file', async () => {
    const path = join(dir, 'state.db');
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('CREATE TABLE rows (n INTEGER PRIMARY KEY, payload TEXT NOT NULL)');
    WalCheckpointer.add(path, db);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);

    const insert = db.prepare('INSERT INTO rows (payload) VALUES (?)');
    const write = db.transaction((count: number) => {
      for (let i = 0; i < count; i++) insert.run('x'.repeat(1_000));
    });
    let largestLog = 0;
    for (let round = 0; round < 12; round++) {
      write(2_000); // about 2 MB of log per round, 24 MB in all
      largestLog = Math.max(largestLog, statSync(`${path}-wal`).size);
      await sleep(150);
    }
    expect(largestLog).toBeLessThan(12 * 1024 * 1024);
    expect(statSync(path).size).toBeGreaterThan(16 * 1024 * 1024);

    await WalCheckpointer.remove(path);
    db.close();
    const reopened = new Database(path, { readonly: true });
    expect(reopened.prepare('SELECT COUNT(*) AS n FROM rows').get()).toEqual({ n: 24_000 });
    reopened.close();
  });

  it('given a file the worker cannot open, then its connection checkpoints itself again', async () => {
    const db = new Database(join(dir, 'state.db'));
    db.pragma('journal_mode = WAL');
    WalCheckpointer.add(join(dir, 'elsewhere.db'), db); // the worker opens a file that does not exist
    for (let i = 0; i < 40 && db.pragma('wal_autocheckpoint', { simple: true }) === 0; i++) await sleep(25);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    await WalCheckpointer.remove(join(dir, 'elsewhere.db'));
    db.close();
  });

  it('given its last file taken back, then the worker thread has ended, and a file added later gets a worker of its own', async () => {
    const [first, second] = [walDatabase(join(dir, 'first.db')), walDatabase(join(dir, 'second.db'))];
    const before = threads();
    WalCheckpointer.add(join(dir, 'first.db'), first);
    WalCheckpointer.add(join(dir, 'second.db'), second);
    const running = threads();
    expect(running).toBeGreaterThan(before);

    await WalCheckpointer.remove(join(dir, 'first.db'));
    expect(threads()).toBe(running); // one file left: the worker stays
    await WalCheckpointer.remove(join(dir, 'second.db'));
    expect(threads()).toBeLessThan(running);

    WalCheckpointer.add(join(dir, 'second.db'), second);
    expect(threads()).toBe(running);
    await WalCheckpointer.remove(join(dir, 'second.db')); // answered by the new worker
    expect(threads()).toBeLessThan(running);
    first.close();
    second.close();
  });
});
