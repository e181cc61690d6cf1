import { InProcessMessageBus } from './in-process/in-process-message-bus';
import { KafkaMessageBus } from './kafka/kafka-message-bus';
import type { KafkaLogLevel } from './kafka/kafka-tuning';
import type { MessageBus } from './port';

/** Injection token for NestJS providers: `{ provide: MESSAGE_BUS, useFactory: () => createMessageBus(...) }`. */
export const MESSAGE_BUS = Symbol('MessageBus');

export type MessageBusConfig =
  | { readonly transport: 'kafka'; readonly brokers: readonly string[]; readonly clientId: string; readonly logLevel?: KafkaLogLevel }
  | { readonly transport: 'in-process'; readonly path?: string };

/**
 * One code path, two transports: the distributed run gets Kafka, the embedded platform
 * the in-process bus; handlers, inboxes and dead letters are the same above either.
 */
export const createMessageBus = (config: MessageBusConfig): MessageBus =>
  config.transport === 'kafka'
    ? new KafkaMessageBus({ brokers: config.brokers, clientId: config.clientId, ...(config.logLevel ? { logLevel: config.logLevel } : {}) })
    : new InProcessMessageBus(config.path ? { path: config.path } : {});

/** `KAFKA_BROKERS` set: Kafka; otherwise the embedded platform's in-process bus (on `path` when given). */
export const messageBusConfigFromEnv = (clientId: string, env: NodeJS.ProcessEnv, path?: string): MessageBusConfig => {
  const brokers = env['KAFKA_BROKERS']?.split(',').map((b) => b.trim()).filter((b) => b.length > 0) ?? [];
  if (brokers.length > 0) return { transport: 'kafka', brokers, clientId };
  return path ? { transport: 'in-process', path } : { transport: 'in-process' };
};
