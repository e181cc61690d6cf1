import type { BrokerSource } from '../lib/kafka/local-broker';

/** What the global setup found, as a spec sees it. */
export const testBrokers = (): string[] => {
  const brokers = process.env['KAFKA_BROKERS'];
  if (!brokers) throw new Error('KAFKA_BROKERS is not set: run the kafka tier with `npm run test:kafka`');
  return brokers.split(',');
};

export const testBrokerSource = (): BrokerSource => (process.env['KAFKA_BROKER_SOURCE'] ?? 'env') as BrokerSource;

export const testBrokerScriptEnv = (): Record<string, string> =>
  JSON.parse(process.env['KAFKA_BROKER_SCRIPT_ENV'] ?? '{}') as Record<string, string>;
