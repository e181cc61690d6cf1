import type { Logger } from '@billing/service-host';

export const START_ATTEMPTS = 4;

/**
 * A host's start, again after a Kafka error kafkajs calls retriable (at most 4 attempts,
 * `baseDelayMillis` doubling between them: 0.5, 1 and 2 s by default). kafkajs' metadata and
 * connection calls hand some of those straight up rather than retry them (they retry only
 * LEADER_NOT_AVAILABLE): a connection closed by a broker that is still starting, metadata
 * that lags on a broker still busy after its start. Creating topics is no longer the reason:
 * KafkaMessageBus.ensureTopics waits out tulios/kafkajs#815 itself. A half-started host stops
 * itself before it throws, so starting it again is safe. Any other error ends the start at once.
 */
export async function startRetryingOnKafka<T>(logger: Logger, start: () => Promise<T>, baseDelayMillis = 500): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await start();
    } catch (error) {
      if (!isRetriableKafkaError(error) || attempt >= START_ATTEMPTS) throw error;
      logger.warn('start failed on a retriable Kafka error; starting again', { attempt, error: error.message });
      await new Promise((resolve) => setTimeout(resolve, baseDelayMillis * 2 ** (attempt - 1)));
    }
  }
}

const isRetriableKafkaError = (error: unknown): error is Error =>
  error instanceof Error && error.name.startsWith('KafkaJS') && 'retriable' in error && error.retriable === true;
