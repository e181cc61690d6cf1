import { KafkaJSNonRetriableError, KafkaJSProtocolError } from 'kafkajs';
import { createLogger } from '@billing/service-host';
import { START_ATTEMPTS, startRetryingOnKafka } from './start-retrying';

/** The error kafkajs throws when a new topic's metadata has not reached the broker yet. */
const unknownTopic = () =>
  new KafkaJSProtocolError(Object.assign(new Error('This server does not host this topic-partition'), { type: 'UNKNOWN_TOPIC_OR_PARTITION', code: 3, retriable: true }));

describe('startRetryingOnKafka', () => {
  const lines: string[] = [];
  const logger = createLogger('wallet', { sink: (line) => lines.push(line) });
  beforeEach(() => (lines.length = 0));

  it('given a start that meets UNKNOWN_TOPIC_OR_PARTITION twice, then the third attempt runs and each retry is logged as a warning', async () => {
    let attempts = 0;
    const started = await startRetryingOnKafka(logger, async () => {
      attempts++;
      if (attempts < 3) throw unknownTopic();
      return 'running';
    }, 1);
    expect(started).toBe('running');
    expect(attempts).toBe(3);
    expect(lines.map((line) => JSON.parse(line) as { level: string; attempt: number })).toEqual([
      expect.objectContaining({ level: 'warn', attempt: 1 }),
      expect.objectContaining({ level: 'warn', attempt: 2 }),
    ]);
  });

  it('given a start that keeps failing on it, then the error after the last attempt', async () => {
    let attempts = 0;
    const failing = startRetryingOnKafka(logger, async () => {
      attempts++;
      throw unknownTopic();
    }, 1);
    await expect(failing).rejects.toThrow('This server does not host this topic-partition');
    expect(attempts).toBe(START_ATTEMPTS);
  });

  it.each([
    ['a non-retriable Kafka error', new KafkaJSNonRetriableError(new Error('Topic authorization failed'))],
    ['any other error', new Error('SQLITE_CANTOPEN')],
  ])('given %s, then no second attempt', async (_what, error) => {
    let attempts = 0;
    await expect(startRetryingOnKafka(logger, async () => {
      attempts++;
      throw error;
    }, 1)).rejects.toBe(error);
    expect(attempts).toBe(1);
    expect(lines).toEqual([]);
  });
});
