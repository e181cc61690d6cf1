import 'reflect-metadata';
import type { Command, Decider, Event } from '@billing/contracts';
import { createRepository, type EventStore } from '@billing/event-store';
import { topicFor } from '@billing/messaging';
import { Controller, Inject, Module } from '@nestjs/common';
import { Ctx, EventPattern, MessagePattern, Payload } from '@nestjs/microservices';
import { IsInt, IsNotEmpty, IsString, Max, Min } from 'class-validator';
import { answers, decides, reactsTo } from '../lib/nest/handler-roles';
import { RpcError } from '../lib/rpc';
import type { CommandOutcome, CommandTarget, ReactorEvent, ServiceFactory } from '../lib/service';

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

type Repository = ReturnType<typeof createRepository<Increment, Incremented, CounterState>>;

interface CounterParts {
  readonly repository: Repository;
  readonly store: EventStore;
  readonly record: (eventIds: readonly string[]) => void;
  readonly seen: CounterObservations;
}

const COUNTER_PARTS = Symbol('CounterParts');

@Controller()
class CounterController {
  constructor(@Inject(COUNTER_PARTS) private readonly counter: CounterParts) {}

  @MessagePattern({ service: 'counter', command: 'Increment' }, decides(IncrementDto))
  async increment(@Payload() command: Increment, @Ctx() target: CommandTarget): Promise<CommandOutcome> {
    if (!target.streamName.startsWith('counter-')) return { kind: 'refused', code: 'wrong-stream', message: target.streamName };
    try {
      const result = await this.counter.repository.handle(target.streamName, command);
      return { kind: 'applied', events: result.events.length };
    } catch (error) {
      if (error instanceof CounterLimitError) return { kind: 'refused', code: 'limit', message: error.message };
      throw error;
    }
  }

  @EventPattern('tally', reactsTo({ kind: 'store', filter: { streamPrefixes: ['counter-'] } }))
  async tally(@Payload() events: readonly ReactorEvent[]): Promise<void> {
    const { seen } = this.counter;
    if (seen.storeFailures > 0) {
      seen.storeFailures--;
      throw new Error('tally is not ready');
    }
    this.counter.record(events.map((e) => e.eventId));
    seen.storeReactions.push(...events.map((e) => e.eventId));
  }

  @EventPattern('echo', reactsTo({ kind: 'bus', topics: [COUNTER_TOPIC], schemas: { Incremented: { schemaVersion: 1, dto: IncrementedPayload } } }))
  async echo(@Payload() events: readonly ReactorEvent[]): Promise<void> {
    this.counter.seen.busReactions.push(...events.map((e) => e.eventId));
  }

  @MessagePattern({ service: 'counter', method: 'total' }, answers(TotalRequest))
  async total(@Payload() request: TotalRequest): Promise<{ total: number }> {
    const events = await this.counter.store.readStream(counterStream(request.accountId));
    const last = events[events.length - 1];
    if (!last) throw new RpcError({ type: 'not-found', title: 'No such counter', status: 404 });
    return { total: (last.data as Incremented['data']).total };
  }

  @MessagePattern({ service: 'counter', method: 'slow' }, answers(SlowRequest))
  slow(@Payload() request: SlowRequest): Promise<{ done: boolean }> {
    return new Promise((resolve) => setTimeout(() => resolve({ done: true }), request.millis));
  }

  @MessagePattern({ service: 'counter', method: 'explode' }, answers(EmptyRequest))
  async explode(): Promise<never> {
    throw new Error('secret internals');
  }
}

@Module({})
class CounterModule {}

export const counterService =
  (seen: CounterObservations, options: { jobEveryMillis?: number; jobMillis?: number } = {}): ServiceFactory =>
  ({ store, db }) => {
    const repository = createRepository({ store, decider: counterDecider, schemaVersionOf: () => 1 });
    db.exec('CREATE TABLE IF NOT EXISTS reactions (event_id TEXT NOT NULL)');
    const insert = db.prepare<[string]>('INSERT INTO reactions (event_id) VALUES (?)');
    const record = db.transaction((eventIds: readonly string[]) => eventIds.forEach((id) => insert.run(id)));
    const parts: CounterParts = { repository, store, record: (ids) => void record(ids), seen };
    return {
      name: 'counter',
      module: { module: CounterModule, controllers: [CounterController], providers: [{ provide: COUNTER_PARTS, useValue: parts }] },
      publishes: [{ category: 'counter', topic: COUNTER_TOPIC, partitions: 3, keyOf: (s) => s.slice('counter-'.length) }],
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
