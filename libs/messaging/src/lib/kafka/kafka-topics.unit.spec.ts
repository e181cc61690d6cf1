import * as kafkajs from 'kafkajs';
import {
  KafkaJSAggregateError,
  KafkaJSConnectionError,
  KafkaJSNonRetriableError,
  KafkaJSNumberOfRetriesExceeded,
  KafkaJSProtocolError,
  KafkaJSTimeout,
} from 'kafkajs';
import { classifyTopicError, describeTopicError, retryUntil } from './kafka-topics';

/*
 * The errors are kafkajs' own classes, built as kafkajs builds them from a broker's error
 * codes (src/protocol/error.js) and from createTopics' per-topic answers.
 */

const protocol = (type: string, code: number, retriable: boolean, message: string) =>
  new KafkaJSProtocolError(Object.assign(new Error(message), { type, code, retriable }));

// Exported by kafkajs, not in its typings: what createTopics' response holds per topic.
const { KafkaJSCreateTopicError } = kafkajs as unknown as { KafkaJSCreateTopicError: new (e: Error, topic: string) => KafkaJSProtocolError };

// Typed without arguments; kafkajs' waits build it with their message.
const timedOut = (message: string) => new (KafkaJSTimeout as unknown as new (message: string) => KafkaJSTimeout)(message);

const alreadyExists = () => protocol('TOPIC_ALREADY_EXISTS', 36, false, 'Topic with this name already exists');
const unknownPartition = () => protocol('UNKNOWN_TOPIC_OR_PARTITION', 3, true, 'This server does not host this topic-partition');
const noLeader = () => protocol('LEADER_NOT_AVAILABLE', 5, true, 'There is no leader for this topic-partition as we are in the middle of a leadership election');
const invalidTopic = () => protocol('INVALID_TOPIC_EXCEPTION', 17, false, 'The request attempted to perform an operation on an invalid topic');
const perTopic = (...errors: [string, KafkaJSProtocolError][]) =>
  new KafkaJSAggregateError('Topic creation errors', errors.map(([topic, e]) => new KafkaJSCreateTopicError(e, topic)));

describe('classifyTopicError', () => {
  it.each([
    ['TOPIC_ALREADY_EXISTS', alreadyExists()],
    ['every topic of createTopics already existing', perTopic(['a', alreadyExists()], ['b', alreadyExists()])],
  ])('given %s, then another process was first: exists', (_what, error) => {
    expect(classifyTopicError(error)).toBe('exists');
  });

  it.each([
    ['UNKNOWN_TOPIC_OR_PARTITION', unknownPartition()],
    ['LEADER_NOT_AVAILABLE', noLeader()],
    ['NOT_LEADER_FOR_PARTITION', protocol('NOT_LEADER_FOR_PARTITION', 6, true, 'This server is not the leader for that topic-partition')],
    ['REQUEST_TIMED_OUT', protocol('REQUEST_TIMED_OUT', 7, true, 'The request timed out')],
    ['a retriable error kafkajs gave up retrying', new KafkaJSNumberOfRetriesExceeded(noLeader(), { retryCount: 12, retryTime: 5_000 })],
    ['a connection error (retriable)', new KafkaJSConnectionError('Connection error: ECONNREFUSED')],
    ["kafkajs' wait for leaders running out", timedOut('Timed out while waiting for topic leaders')],
    ['one topic existing and one without a leader yet', perTopic(['a', alreadyExists()], ['b', noLeader()])],
  ])('given %s, then transient', (_what, error) => {
    expect(classifyTopicError(error)).toBe('transient');
  });

  it.each([
    ['an invalid topic name', invalidTopic()],
    ['createTopics refusing one topic of two', perTopic(['a', alreadyExists()], ['b bad', invalidTopic()])],
    ['a non-retriable kafkajs error', new KafkaJSNonRetriableError('Invalid topics array')],
    ['kafkajs giving up on a non-retriable cause', new KafkaJSNumberOfRetriesExceeded(invalidTopic(), { retryCount: 0, retryTime: 0 })],
    ['an aggregate of nothing', new KafkaJSAggregateError('Topic creation errors', [])],
    ['an error that is not kafkajs', new TypeError('Cannot read properties of undefined')],
    ['something that is not an error', 'boom'],
  ])('given %s, then fatal', (_what, error) => {
    expect(classifyTopicError(error)).toBe('fatal');
  });
});

describe('describeTopicError', () => {
  it("names each topic of createTopics' errors, which its aggregate message does not", () => {
    expect(describeTopicError(perTopic(['a', alreadyExists()], ['b bad', invalidTopic()]))).toBe(
      'a: KafkaJSCreateTopicError: Topic with this name already exists; b bad: KafkaJSCreateTopicError: The request attempted to perform an operation on an invalid topic',
    );
  });
});

describe('retryUntil', () => {
  const deadlineIn = (millis: number) => ({ at: Date.now() + millis, millis });

  it('given an attempt that meets transient errors, then something missing, then nothing, then it resolves on the fourth', async () => {
    const outcomes: (Error | string | undefined)[] = [unknownPartition(), noLeader(), 't: 0 of 6 partitions in the metadata', undefined];
    let attempts = 0;
    await retryUntil(deadlineIn(10_000), 'creating topics t', async () => {
      const outcome = outcomes[attempts++];
      if (outcome instanceof Error) throw outcome;
      return outcome;
    });
    expect(attempts).toBe(4);
  });

  it('given an error that is not transient, then it fails at once, naming what it did and the cause', async () => {
    let attempts = 0;
    const error = invalidTopic();
    const failing = retryUntil(deadlineIn(10_000), 'creating topics b bad', async () => {
      attempts++;
      throw perTopic(['b bad', error]);
    });
    await expect(failing).rejects.toThrow(
      'Kafka: creating topics b bad failed: b bad: KafkaJSCreateTopicError: The request attempted to perform an operation on an invalid topic',
    );
    expect(attempts).toBe(1);
  });

  it('given something still missing at the deadline, then it fails naming the deadline, the attempts and the last cause', async () => {
    const started = Date.now();
    let attempts = 0;
    const failing = retryUntil(deadlineIn(500), 'waiting for the leaders of topics t', async () => {
      if (attempts++ === 0) throw unknownPartition();
      return 't: 2 of 6 partitions without a leader';
    });
    // Pauses of 100 and 200 ms, then what is left of the 500: four attempts on an idle machine.
    await expect(failing).rejects.toThrow(
      /^Kafka: waiting for the leaders of topics t did not finish within 500 ms \(\d+ attempts\); last: t: 2 of 6 partitions without a leader$/,
    );
    expect(attempts).toBeGreaterThanOrEqual(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(500);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('given an attempt still running at the deadline, then it is cut there, the cause before it kept', async () => {
    const started = Date.now();
    let attempts = 0;
    const failing = retryUntil(deadlineIn(300), 'creating topics t', async () => {
      if (attempts++ === 0) throw unknownPartition();
      return new Promise<undefined>(() => undefined);
    });
    await expect(failing).rejects.toThrow(
      'did not finish within 300 ms (2 attempts); last: KafkaJSProtocolError: This server does not host this topic-partition (the attempt still running at the deadline was cut)',
    );
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
