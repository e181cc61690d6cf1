import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withoutFsync } from './without-fsync';

describe('withoutFsync', () => {
  let dir: string;
  let db: Database.Database;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'without-fsync-'));
    db = new Database(join(dir, 'state.db'));
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE t (n INTEGER)');
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const level = () => db.pragma('synchronous', { simple: true });

  it.each([
    ['FULL', 2],
    ['EXTRA', 3],
  ])('given a connection at %s, then the work runs at NORMAL and the level is put back', (name, value) => {
    db.pragma(`synchronous = ${name}`);
    const during = withoutFsync(db, () => {
      db.prepare('INSERT INTO t VALUES (1)').run();
      return level();
    });
    expect(during).toBe(1);
    expect(level()).toBe(value);
  });

  it('given work that throws, then the level is put back and the error passes through', () => {
    db.pragma('synchronous = FULL');
    expect(() =>
      withoutFsync(db, () => {
        throw new Error('constraint failed');
      }),
    ).toThrow('constraint failed');
    expect(level()).toBe(2);
  });

  it('given a connection already at NORMAL or OFF, then it is left alone', () => {
    db.pragma('synchronous = OFF');
    expect(withoutFsync(db, level)).toBe(0);
    expect(level()).toBe(0);
  });
});
