import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeferredWrites } from './deferred-writes';

describe('DeferredWrites', () => {
  let dir: string;
  let db: Database.Database;
  let reader: Database.Database;
  let commits: number;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'deferred-writes-'));
    db = new Database(join(dir, 'state.db'));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('CREATE TABLE positions (name TEXT PRIMARY KEY, position INTEGER NOT NULL)');
    // Another connection sees only what was committed to the file.
    reader = new Database(join(dir, 'state.db'), { readonly: true });
    commits = 0;
  });
  afterEach(() => {
    reader.close();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const upsert = () => {
    const statement = db.prepare<[string, number]>('INSERT INTO positions VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET position = excluded.position');
    return (value: { name: string; position: number }) => {
      if (value.name === 'a') commits++;
      statement.run(value.name, value.position);
    };
  };
  const inFile = (name: string) => reader.prepare<[string], { position: number }>('SELECT position FROM positions WHERE name = ?').get(name)?.position;
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('given values set in a row, then get answers the latest at once and the file gets only the latest, once, after the delay', async () => {
    const writes = new DeferredWrites(db, upsert(), 30);
    for (let position = 1; position <= 50; position++) writes.set('a', { name: 'a', position });
    writes.set('b', { name: 'b', position: 7 });

    expect(writes.get('a')?.position).toBe(50);
    expect(inFile('a')).toBeUndefined();
    await sleep(80);
    expect(inFile('a')).toBe(50);
    expect(inFile('b')).toBe(7);
    expect(commits).toBe(1);
    expect(writes.get('a')).toBeUndefined();
  });

  it('given a flush before the delay, then everything waiting is in the file at once, and the timer writes nothing more', async () => {
    const writes = new DeferredWrites(db, upsert(), 30);
    writes.set('a', { name: 'a', position: 3 });
    writes.flush();
    expect(inFile('a')).toBe(3);
    await sleep(60);
    expect(commits).toBe(1);
    writes.flush();
    expect(commits).toBe(1);
  });

  it('given a write that fails, then the values stay waiting and the next flush writes them', () => {
    let failing = true;
    const write = upsert();
    const writes = new DeferredWrites<{ name: string; position: number }>(db, (value) => {
      if (failing) throw new Error('disk full');
      write(value);
    }, 1_000);
    writes.set('a', { name: 'a', position: 4 });
    expect(() => writes.flush()).toThrow('disk full');
    expect(writes.get('a')?.position).toBe(4);
    expect(inFile('a')).toBeUndefined();
    failing = false;
    writes.flush();
    expect(inFile('a')).toBe(4);
  });

  it('writes without an fsync and leaves the connection at its own level', () => {
    const levels: number[] = [];
    const write = upsert();
    const writes = new DeferredWrites<{ name: string; position: number }>(db, (value) => {
      levels.push(db.pragma('synchronous', { simple: true }) as number);
      write(value);
    });
    writes.set('a', { name: 'a', position: 1 });
    writes.flush();
    expect(levels).toEqual([1]);
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
  });
});
