// Child process for the kill -9 test: appends forever and prints the id of every event
// whose append has resolved. Whatever it printed must survive SIGKILL.
import { randomUUID } from 'node:crypto';
import { openSqliteEventStore } from './sqlite-event-store';

const path = process.argv[2];
if (!path) throw new Error('usage: append-until-killed.child.ts <file>');
const store = openSqliteEventStore({ path });

// Never outlive the test: stop when the reader goes away or after a minute at most.
process.stdout.on('error', () => process.exit(2));
setTimeout(() => process.exit(3), 60_000).unref();
setInterval(() => process.ppid === 1 && process.exit(4), 500).unref();

async function writer(id: number): Promise<never> {
  const revisions = new Map<string, number>();
  for (let n = 0; ; n++) {
    const stream = `wallet-w${id}-${n % 7}`;
    const events = Array.from({ length: 1 + (n % 3) }, () => ({ eventId: randomUUID(), type: 'Counted', schemaVersion: 1, data: { id, n } }));
    const result = await store.appendToStream(stream, events, revisions.get(stream) ?? 'no_stream');
    revisions.set(stream, result.nextExpectedRevision);
    process.stdout.write(events.map((e) => `${e.eventId}\n`).join(''));
  }
}

for (let id = 0; id < 16; id++) void writer(id);
