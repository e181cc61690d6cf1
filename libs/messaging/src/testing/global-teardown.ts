import type { FoundBroker } from '../lib/kafka/local-broker';

export default async function globalTeardown(): Promise<void> {
  const holder = globalThis as { __billingKafkaBroker?: FoundBroker };
  await holder.__billingKafkaBroker?.release();
  delete holder.__billingKafkaBroker;
}
