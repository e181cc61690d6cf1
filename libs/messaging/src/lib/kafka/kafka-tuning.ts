import { logLevel, type RetryOptions } from 'kafkajs';

export type KafkaLogLevel = 'nothing' | 'error' | 'warn' | 'info' | 'debug';

export const toKafkaLogLevel = (level: KafkaLogLevel): logLevel =>
  ({ nothing: logLevel.NOTHING, error: logLevel.ERROR, warn: logLevel.WARN, info: logLevel.INFO, debug: logLevel.DEBUG })[level];

/**
 * Defaults chosen against the known traps of kafkajs (and so of the NestJS transport):
 * a 5 s fetch wait dominates latency, so it is 50 ms; partitions are consumed
 * concurrently rather than one message at a time; retries ride out a broker restart.
 */
export const KAFKA_DEFAULTS = {
  maxWaitTimeInMs: 50,
  partitionsConsumedConcurrently: 8,
  sessionTimeout: 10_000,
  heartbeatInterval: 1_000,
  maxBatchSize: 500,
  joinTimeoutMs: 60_000,
  /**
   * Most bytes gathered into one produce request: well under the broker's 1 MiB
   * `message.max.bytes`, which a partition's batch of gathered publishes must not pass.
   */
  maxRequestBytes: 512 * 1024,
  /** ensureTopics, creating and waiting for leaders, on a broker that may have just started. */
  ensureTopicsTimeoutMs: 30_000,
} as const;

/** Enough attempts (about 40 s in all) for a single broker to restart underneath a client. */
export const KAFKA_RETRY: RetryOptions = { retries: 12, initialRetryTime: 100, maxRetryTime: 5_000, factor: 0.2, multiplier: 2 };
