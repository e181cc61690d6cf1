/*
 * A relay as its own process, for the kill -9 test: follows a SQLite event store that
 * another process writes (read-only, polling) and publishes to Kafka. Prints
 * `published <position>` after each acknowledged batch. Env: EVENT_STORE_PATH,
 * CHECKPOINT_PATH, KAFKA_BROKERS, RELAY_TOPIC, RELAY_BATCH.
 */
import { openSqliteEventStore } from '@billing/event-store';
import Database from 'better-sqlite3';
import { KafkaMessageBus } from '../lib/kafka/kafka-message-bus';
import { SqliteCheckpointStore } from '../lib/relay/checkpoint-store';
import { OutboxRelay } from '../lib/relay/outbox-relay';
import { walletRoute } from '../lib/wallet/wallet-topic';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

async function main(): Promise<void> {
  const store = openSqliteEventStore({ path: env('EVENT_STORE_PATH'), readOnly: true, pollIntervalMs: 10 });
  const checkpointDb = new Database(env('CHECKPOINT_PATH'));
  const bus = new KafkaMessageBus({ brokers: env('KAFKA_BROKERS').split(','), clientId: 'relay-child', logLevel: 'nothing' });
  const relay = new OutboxRelay({
    name: 'wallet-relay',
    store,
    bus,
    checkpoints: new SqliteCheckpointStore(checkpointDb),
    routes: [{ ...walletRoute(4), topic: env('RELAY_TOPIC') }],
    maxBatchSize: Number(process.env['RELAY_BATCH'] ?? '50'),
    onPublished: (events) => process.stdout.write(`published ${events[events.length - 1]?.position ?? 0}\n`),
  });
  // Installed before starting, so a SIGTERM at any moment is a clean stop.
  process.once('SIGTERM', () => {
    void relay
      .stop()
      .then(() => Promise.all([bus.close(), store.close()]))
      .finally(() => {
        checkpointDb.close();
        process.exit(0);
      });
  });
  await relay.start();
  process.stdout.write(`started at ${relay.checkpoint}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`relay child failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
