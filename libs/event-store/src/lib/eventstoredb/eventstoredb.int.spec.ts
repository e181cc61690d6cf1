import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { EventStoreDBClient } from '@eventstore/db-client';
import { GenericContainer, type StartedTestContainer, Wait } from 'testcontainers';
import { eventStoreContract } from '../../testing';
import { createEventStoreDbStore } from './eventstoredb-event-store';

const IMAGE = process.env['EVENTSTOREDB_IMAGE'] ?? 'eventstore/eventstore:24.10';

/** Where to find a server: EVENTSTOREDB_URL, else a container when a Docker engine answers, else nowhere (and why). */
function locateServer(): { kind: 'url'; url: string } | { kind: 'docker' } | { kind: 'none'; reason: string } {
  const url = process.env['EVENTSTOREDB_URL'];
  if (url) return { kind: 'url', url };
  try {
    execFileSync('docker', ['info'], { stdio: 'pipe', timeout: 10_000 });
    return { kind: 'docker' };
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    return { kind: 'none', reason: `no EVENTSTOREDB_URL and no Docker engine (docker info: ${stderr || (error as Error).message})` };
  }
}

const server = locateServer();

if (server.kind === 'none') {
  console.warn(`EventStoreDB contract suite SKIPPED: ${server.reason}`);
  describe('EventStoreDB contract suite', () => {
    it('is skipped because no server can be reached here, and says why', () => {
      expect(server.reason).toMatch(/no EVENTSTOREDB_URL and no Docker engine/);
    });
  });
} else {
  let container: StartedTestContainer | undefined;
  let connection: Promise<string> | undefined;
  const connectionString = (): Promise<string> => {
    connection ??= server.kind === 'url'
      ? Promise.resolve(server.url)
      : new GenericContainer(IMAGE)
          .withEnvironment({ EVENTSTORE_INSECURE: 'true', EVENTSTORE_MEM_DB: 'true', EVENTSTORE_RUN_PROJECTIONS: 'None' })
          .withExposedPorts(2113)
          .withWaitStrategy(Wait.forHttp('/health/live', 2113).forStatusCode(204))
          .withStartupTimeout(120_000)
          .start()
          .then((started) => {
            container = started;
            return `esdb://${started.getHost()}:${started.getMappedPort(2113)}?tls=false`;
          });
    return connection;
  };
  afterAll(async () => {
    await container?.stop();
  }, 60_000);

  eventStoreContract(
    `EventStoreDB (${server.kind === 'url' ? 'EVENTSTOREDB_URL' : IMAGE})`,
    async ({ clock }) => createEventStoreDbStore({ client: EventStoreDBClient.connectionString(await connectionString()), clock }),
    {
      timeoutMs: 180_000,
      largeStreamSize: 2_000,
      writeUndeserializable: async (_store, streamName) => {
        // Underneath the adapter: a raw client appends bytes that are not a JSON event.
        const client = EventStoreDBClient.connectionString(await connectionString());
        await client.appendToStream(streamName, {
          id: randomUUID(),
          contentType: 'application/octet-stream',
          type: 'Garbage',
          data: Buffer.from('{"n": 1'),
          metadata: undefined,
        });
        await client.dispose();
      },
    },
  );
}
