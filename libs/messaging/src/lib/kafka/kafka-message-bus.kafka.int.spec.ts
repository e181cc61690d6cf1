import { randomUUID } from 'node:crypto';
import { messageBusContract } from '../../testing/message-bus.contract';
import { testBrokers } from '../../testing/kafka-test-env';
import { KafkaMessageBus } from './kafka-message-bus';

messageBusContract('kafka', () => new KafkaMessageBus({ brokers: testBrokers(), clientId: `contract-${randomUUID().slice(0, 8)}`, logLevel: 'nothing' }), {
  timeoutMs: 60_000,
});
