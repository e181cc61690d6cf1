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

for (const [title, syncOffThread] of [
  ['SQLite (file, WAL, log synced off the thread)', true],
  ['SQLite (file, WAL, synchronous=FULL)', false],
] as const) {
  eventStoreContract(
    title,
    async ({ clock }) => {
      const path = join(dir, `events-${++files}.db`);
      const store = openSqliteEventStore({ path, clock, syncOffThread });
      paths.set(store, path);
      return store;
    },
    {
      writeUndeserializable: async (store, streamName) => {
        // Underneath the adapter: a second connection adds a row whose data is not JSON.
        const db = new Database(paths.get(store) ?? '');
        db.prepare(
          `INSERT INTO events
           SELECT (SELECT MAX(position) + 1 FROM events), stream_name, stream_id, revision + 1, event_id || '-bad', type,
                  schema_version, '{"n": 1', metadata, recorded_at, hash, hash
           FROM events WHERE stream_name = ? ORDER BY revision DESC LIMIT 1`,
        ).run(streamName);
        db.close();
      },
    },
  );
}
