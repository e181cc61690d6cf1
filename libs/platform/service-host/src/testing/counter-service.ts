import 'reflect-metadata';
import type { Command, Decider, Event } from '@billing/contracts';
import { createRepository } from '@billing/event-store';
import { topicFor } from '@billing/messaging';
import { IsInt, IsNotEmpty, IsString, Max, Min } from 'class-validator';
import { RpcError } from '../lib/rpc';
import type { ServiceFactory } from '../lib/service';

/*
 * A toy service the host's tests run: counters per account, with a command, a store
 * reactor, a bus reactor, RPC methods and a job. Small enough to read at a glance.
 */

export const COUNTER_TOPIC = topicFor('counter', 1);
export const counterStream = (accountId: string): string => `counter-${accountId}`;
export const COUNTER_LIMIT = 1_000;

type Increment = Command<'Increment', { by: number }>;
type Incremented = Event<'Incremented', { by: number; commandId: string; total: number }>;
interface CounterState {
  readonly total: number;
  readonly seen: ReadonlySet<string>;
}

class CounterLimitError extends Error {}

const counterDecider: Decider<Increment, Incremented, CounterState> = {
  initialState: { total: 0, seen: new Set() },
  decide: (command, state) => {
    if (state.seen.has(command.metadata.commandId)) return [];
    if (state.total + command.data.by > COUNTER_LIMIT) throw new CounterLimitError(`limit ${COUNTER_LIMIT} reached`);
    return [{ type: 'Incremented', data: { by: command.data.by, commandId: command.metadata.commandId, total: state.total + command.data.by } }];
  },
  evolve: (state, event) => ({ total: event.data.total, seen: new Set([...state.seen, event.data.commandId]) }),
};

export class IncrementDto {
  @IsInt() @Min(1) @Max(100) by!: number;
}

export class IncrementedPayload {
  @IsInt() by!: number;
  @IsString() @IsNotEmpty() commandId!: string;
  @IsInt() total!: number;
}

export class TotalRequest {
  @IsString() @IsNotEmpty() accountId!: string;
}

export class SlowRequest {
  @IsInt() @Min(0) millis!: number;
}

export class EmptyRequest {}

/** What the toy service did, for the tests to look at. */
export interface CounterObservations {
  /** Event ids a store reactor handled, with repeats. */
  readonly storeReactions: string[];
  readonly busReactions: string[];
  readonly jobRuns: number[];
  /** Set to make the store reactor fail this many times before it succeeds. */
  storeFailures: number;
  jobFailures: number;
  jobConcurrent: number;
  jobMaxConcurrent: number;
}

export const newObservations = (): CounterObservations => ({
  storeReactions: [],
  busReactions: [],
  jobRuns: [],
  storeFailures: 0,
  jobFailures: 0,
  jobConcurrent: 0,
  jobMaxConcurrent: 0,
});

export const counterService =
  (seen: CounterObservations, options: { jobEveryMillis?: number; jobMillis?: number } = {}): ServiceFactory =>
  ({ store, db }) => {
    const repository = createRepository({ store, decider: counterDecider, schemaVersionOf: () => 1 });
    db.exec('CREATE TABLE IF NOT EXISTS reactions (event_id TEXT NOT NULL)');
    const record = db.prepare<[string]>('INSERT INTO reactions (event_id) VALUES (?)');
    return {
      name: 'counter',
      publishes: [{ category: 'counter', topic: COUNTER_TOPIC, partitions: 3, keyOf: (s) => s.slice('counter-'.length) }],
      commands: [
        {
          type: 'Increment',
          dto: IncrementDto,
          handle: async (command, target) => {
            if (!target.streamName.startsWith('counter-')) return { kind: 'refused', code: 'wrong-stream', message: target.streamName };
            try {
              const result = await repository.handle(target.streamName, command as Increment);
              return { kind: 'applied', events: result.events.length };
            } catch (error) {
              if (error instanceof CounterLimitError) return { kind: 'refused', code: 'limit', message: error.message };
              throw error;
            }
          },
        },
      ],
      reactors: [
        {
          name: 'tally',
          source: { kind: 'store', filter: { streamPrefixes: ['counter-'] } },
          handle: async (events) => {
            if (seen.storeFailures > 0) {
              seen.storeFailures--;
              throw new Error('tally is not ready');
            }
            db.transaction(() => events.forEach((e) => record.run(e.eventId)))();
            seen.storeReactions.push(...events.map((e) => e.eventId));
          },
        },
        {
          name: 'echo',
          source: { kind: 'bus', topics: [COUNTER_TOPIC], schemas: { Incremented: { schemaVersion: 1, dto: IncrementedPayload } } },
          handle: async (events) => void seen.busReactions.push(...events.map((e) => e.eventId)),
        },
      ],
      rpc: [
        {
          name: 'total',
          dto: TotalRequest,
          handle: async (request) => {
            const events = await store.readStream(counterStream((request as TotalRequest).accountId));
            const last = events[events.length - 1];
            if (!last) throw new RpcError({ type: 'not-found', title: 'No such counter', status: 404 });
            return { total: (last.data as Incremented['data']).total };
          },
        },
        { name: 'slow', dto: SlowRequest, handle: (request) => new Promise((resolve) => setTimeout(() => resolve({ done: true }), (request as SlowRequest).millis)) },
        {
          name: 'explode',
          dto: EmptyRequest,
          handle: async () => {
            throw new Error('secret internals');
          },
        },
      ],
      jobs: [
        {
          name: 'tick',
          everyMillis: options.jobEveryMillis ?? 10,
          run: async (now) => {
            seen.jobConcurrent++;
            seen.jobMaxConcurrent = Math.max(seen.jobMaxConcurrent, seen.jobConcurrent);
            try {
              await new Promise((resolve) => setTimeout(resolve, options.jobMillis ?? 1));
              if (seen.jobFailures > 0) {
                seen.jobFailures--;
                throw new Error('tick failed');
              }
              seen.jobRuns.push(now);
            } finally {
              seen.jobConcurrent--;
            }
          },
        },
      ],
    };
  };

export const increment = (accountId: string, commandId: string, by: number, now = 1_000) => ({
  accountId,
  streamName: counterStream(accountId),
  command: { type: 'Increment', data: { by }, metadata: { commandId, now, correlationId: `corr-${commandId}` } },
});
