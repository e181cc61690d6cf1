// Child process for the processor kill test: a read model that adds up every event's
// amount (applying an event twice shows in the sum) follows a store, and the process
// kills itself with SIGKILL the Nth time the runner writes its checkpoint: after the
// batch's rows were written, before anything after them. Without N it runs until it has
// caught up, prints the sum, and exits.
import Database from 'better-sqlite3';
import { openSqliteEventStore } from '../sqlite/sqlite-event-store';
import type { Projection } from './projection';
import { ProjectionRunner } from './projection-runner';

const [eventsPath, statePath, killAt] = process.argv.slice(2);
if (!eventsPath || !statePath) throw new Error('usage: count-until-killed.child.ts <events.db> <state.db> [kill at checkpoint write N]');
setTimeout(() => process.exit(3), 60_000).unref();

const store = openSqliteEventStore({ path: eventsPath, readOnly: true });
const db = new Database(statePath);
db.pragma('journal_mode = WAL');

let checkpointWrites = 0;
const prepare = db.prepare.bind(db);
db.prepare = ((source: string) => {
  const statement = prepare(source);
  if (killAt === undefined || !source.includes('INSERT INTO projection_checkpoints')) return statement;
  const run = statement.run.bind(statement);
  statement.run = ((...params: unknown[]) => {
    checkpointWrites += 1;
    if (checkpointWrites >= Number(killAt)) process.kill(process.pid, 'SIGKILL');
    return run(...params);
  }) as typeof statement.run;
  return statement;
}) as typeof db.prepare;

const totals: Projection = {
  name: 'totals',
  setup: (d) => d.exec('CREATE TABLE IF NOT EXISTS totals (id INTEGER PRIMARY KEY CHECK (id = 1), events INTEGER NOT NULL, amount INTEGER NOT NULL); INSERT OR IGNORE INTO totals VALUES (1, 0, 0)'),
  apply: (d, event) => {
    d.prepare('UPDATE totals SET events = events + 1, amount = amount + ? WHERE id = 1').run((event.data as { amount: number }).amount);
  },
  drop: (d) => d.exec('DROP TABLE IF EXISTS totals'),
};

const runner = new ProjectionRunner({ store, db, projection: totals, maxBatch: 25, restartAfterMillis: null });
runner.start();
void (async () => {
  await runner.waitFor(await store.headPosition());
  await runner.stop();
  process.stdout.write(`${JSON.stringify(db.prepare('SELECT events, amount FROM totals').get())}\n`);
  db.close();
  await store.close();
})();
