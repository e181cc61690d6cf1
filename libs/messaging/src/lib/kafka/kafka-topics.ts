import { type Admin, type ITopicMetadata, KafkaJSAggregateError, KafkaJSError, KafkaJSNumberOfRetriesExceeded, KafkaJSTimeout } from 'kafkajs';
import type { TopicSpec } from '../port';

/*
 * Topic creation on kafkajs, made to hold where its createTopics does not (tulios/kafkajs#815).
 * A broker answers CreateTopics once its controller has committed the topic; its own metadata
 * follows a little later, and later still while it is busy (just started, still applying the
 * partitions of the topics created a moment before). kafkajs' wait for leaders then meets
 * "This server does not host this topic-partition" and gives up at once. A process that lost
 * the race to create the same topic gets "already exists", which kafkajs returns as `false`
 * without waiting at all, so its first publish could find no leader.
 */

/** What an error from creating topics means: another process was first, try again, or give up. */
export type TopicErrorKind = 'exists' | 'transient' | 'fatal';

/** A broker's answers while a new topic's metadata is on its way or a leader is being elected. */
const TRANSIENT_TYPES: ReadonlySet<string> = new Set([
  'LEADER_NOT_AVAILABLE',
  'NOT_LEADER_FOR_PARTITION',
  'UNKNOWN_TOPIC_OR_PARTITION',
  'REQUEST_TIMED_OUT',
  'NOT_CONTROLLER',
]);

export function classifyTopicError(error: unknown): TopicErrorKind {
  // createTopics' per-topic errors: "exists" only if every topic says so, else the worst decides.
  if (error instanceof KafkaJSAggregateError) return classifyEach(error.errors);
  if (!(error instanceof Error)) return 'fatal';
  const type = protocolType(error);
  if (type === 'TOPIC_ALREADY_EXISTS') return 'exists';
  if (type !== undefined && TRANSIENT_TYPES.has(type)) return 'transient';
  // kafkajs ran out of its own retries: what it was retrying decides.
  if (error instanceof KafkaJSNumberOfRetriesExceeded) return error.cause && error.cause !== error ? classifyTopicError(error.cause) : 'transient';
  // One of kafkajs' own waits (for leaders, for a lock) ran out; ours has its own deadline.
  if (error instanceof KafkaJSTimeout) return 'transient';
  return error instanceof KafkaJSError && error.retriable ? 'transient' : 'fatal';
}

const classifyEach = (errors: readonly unknown[]): TopicErrorKind => {
  const kinds = errors.map(classifyTopicError);
  if (kinds.length === 0) return 'fatal';
  if (kinds.every((k) => k === 'exists')) return 'exists';
  return kinds.includes('fatal') ? 'fatal' : 'transient';
};

const protocolType = (error: Error): string | undefined => {
  const { type } = error as { type?: unknown };
  return typeof type === 'string' ? type : undefined;
};

/** An error as a line, an aggregate's per-topic errors each named by topic ("Topic creation errors" says nothing). */
export function describeTopicError(error: unknown): string {
  if (error instanceof KafkaJSAggregateError) return error.errors.map(describeTopicError).join('; ');
  if (!(error instanceof Error)) return String(error);
  const { topic } = error as { topic?: unknown };
  return `${typeof topic === 'string' ? `${topic}: ` : ''}${error.name}: ${error.message}`;
}

/**
 * Creates the topics the broker does not list yet and resolves once the metadata shows every
 * one of them with a leader for each partition, all within `timeoutMs`. A topic that already
 * exists is left as it is (its partition count too); so is one another process created first,
 * whatever count it chose. One this call created must show the count asked for.
 */
export async function ensureKafkaTopics(admin: Admin, topics: readonly TopicSpec[], timeoutMs: number): Promise<void> {
  if (topics.length === 0) return;
  const deadline = { at: Date.now() + timeoutMs, millis: timeoutMs };
  const names = topics.map((t) => t.topic).join(', ');
  const createdHere = new Set<string>();
  await retryUntil(deadline, `creating topics ${names}`, () => createMissing(admin, topics, createdHere));
  await retryUntil(deadline, `waiting for the leaders of topics ${names}`, () => leadersMissing(admin, topics, createdHere));
}

/** One attempt at creating what is missing; notes in `createdHere` the topics it created. */
async function createMissing(admin: Admin, topics: readonly TopicSpec[], createdHere: Set<string>): Promise<undefined> {
  const existing = new Set(await admin.listTopics());
  const missing = topics.filter((t) => !existing.has(t.topic));
  if (missing.length === 0) return undefined;
  try {
    // No waitForLeaders: kafkajs' wait gives up on the first unknown partition and is skipped
    // when another process was first; `leadersMissing` covers both.
    const created = await admin.createTopics({
      waitForLeaders: false,
      topics: missing.map((t) => ({ topic: t.topic, numPartitions: t.partitions })),
    });
    // `false`: kafkajs met only "already exists" (another process was first) and does not say
    // for which; those topics are then taken as they are.
    if (created) for (const t of missing) createdHere.add(t.topic);
  } catch (error) {
    if (classifyTopicError(error) !== 'exists') throw error;
  }
  return undefined;
}

/** What the metadata does not show yet (a topic, its partitions, a leader), or undefined once all are there. */
async function leadersMissing(admin: Admin, topics: readonly TopicSpec[], createdHere: ReadonlySet<string>): Promise<string | undefined> {
  const { topics: found } = await admin.fetchTopicMetadata({ topics: topics.map((t) => t.topic) });
  const byName = new Map(found.map((t) => [t.name, t]));
  const missing = topics.flatMap((t) => notReady(byName.get(t.topic), t.topic, createdHere.has(t.topic) ? t.partitions : 1) ?? []);
  return missing.length === 0 ? undefined : missing.join('; ');
}

const notReady = (metadata: ITopicMetadata | undefined, topic: string, minPartitions: number): string | undefined => {
  const partitions = metadata?.partitions ?? [];
  if (partitions.length < minPartitions) return `${topic}: ${partitions.length} of ${minPartitions} partitions in the metadata`;
  const leaderless = partitions.filter((p) => p.leader < 0).length;
  return leaderless > 0 ? `${topic}: ${leaderless} of ${partitions.length} partitions without a leader` : undefined;
};

export interface Deadline {
  readonly at: number;
  readonly millis: number;
}

const FIRST_PAUSE_MS = 100;
const MAX_PAUSE_MS = 1_000;

/**
 * Runs `attempt` until it reports nothing missing. A transient error, or something still
 * missing, means another attempt after a pause (100 ms, doubling up to 1 s: a busy broker's
 * metadata catches up within a few seconds, and asking costs one request); any other error
 * fails at once. Each attempt is cut at the deadline: kafkajs' own retries (about 40 s with
 * KAFKA_RETRY) would outlast it.
 */
export async function retryUntil(deadline: Deadline, what: string, attempt: () => Promise<string | undefined>): Promise<void> {
  let last = 'no attempt finished';
  let lastError: unknown;
  for (let n = 1; ; n++) {
    try {
      const outcome = await beforeDeadline(attempt(), deadline.at);
      if (outcome === undefined) return;
      // A cut attempt is the deadline itself, whatever the clock says a moment later.
      if (outcome === CUT) throw new Error(`Kafka: ${what} did not finish within ${deadline.millis} ms (${n} attempts); last: ${last} (the attempt still running at the deadline was cut)`, { cause: lastError });
      [last, lastError] = [outcome, undefined];
    } catch (error) {
      if (classifyTopicError(error) === 'fatal') throw new Error(`Kafka: ${what} failed: ${describeTopicError(error)}`, { cause: error });
      [last, lastError] = [describeTopicError(error), error];
    }
    const left = deadline.at - Date.now();
    if (left <= 0) throw new Error(`Kafka: ${what} did not finish within ${deadline.millis} ms (${n} attempts); last: ${last}`, { cause: lastError });
    await sleep(Math.min(FIRST_PAUSE_MS * 2 ** (n - 1), MAX_PAUSE_MS, left));
  }
}

const CUT = Symbol('cut at the deadline');

/** The promise's value, or CUT if the deadline comes first (the promise is left to settle on its own). */
const beforeDeadline = <T>(promise: Promise<T>, at: number): Promise<T | typeof CUT> => {
  let timer: NodeJS.Timeout | undefined;
  const cut = new Promise<typeof CUT>((resolve) => (timer = setTimeout(() => resolve(CUT), Math.max(at - Date.now(), 0))));
  return Promise.race([promise, cut]).finally(() => clearTimeout(timer));
};

const sleep = (millis: number) => new Promise((resolve) => setTimeout(resolve, millis));
