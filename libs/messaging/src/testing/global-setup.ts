import { type FoundBroker, findBroker } from '../lib/kafka/local-broker';

/** Jest global setup of the kafka tier: one broker for every spec, its address in the environment. */
export default async function globalSetup(): Promise<void> {
  const broker = await findBroker();
  (globalThis as { __billingKafkaBroker?: FoundBroker }).__billingKafkaBroker = broker;
  process.env['KAFKA_BROKERS'] = broker.brokers.join(',');
  process.env['KAFKA_BROKER_SOURCE'] = broker.source;
  process.env['KAFKA_BROKER_SCRIPT_ENV'] = JSON.stringify(broker.scriptEnv ?? {});
  process.stderr.write(`kafka: tests use ${process.env['KAFKA_BROKERS']} (${broker.source})\n`);
}
