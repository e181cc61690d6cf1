import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventStoreContract } from '../../testing';
import type { EventStore } from '../port';
import { openSqliteEventStore } from './sqlite-event-store';

const dir = mkdtempSync(join(tmpdir(), 'sqlite-event-store-'));
const paths = new WeakMap<EventStore, string>();
let files = 0;

afterAll(() => rmSync(dir, { recursive: true, force: true }));

eventStoreContract(
  'SQLite (file, WAL, synchronous=FULL)',
  async ({ clock }) => {
    const path = join(dir, `events-${++files}.db`);
    const store = openSqliteEventStore({ path, clock });
    paths.set(store, path);
    return store;
  },
  {
    corruptEvent: async (store, streamName, revision) => {
      // Underneath the adapter: a second connection rewrites the row with text that is not JSON.
      const db = new Database(paths.get(store) ?? '');
      db.prepare('UPDATE events SET data = ? WHERE stream_name = ? AND revision = ?').run('{"n": 1', streamName, revision);
      db.close();
    },
  },
);
