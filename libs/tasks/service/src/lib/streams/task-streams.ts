import {
  slotsStreamName,
  TASK_EVENT_SCHEMA_VERSIONS,
  taskStreamName,
  type SlotCommand,
  type SlotEvent,
  type TaskCommand,
  type TaskEvent,
} from '@billing/contracts';
import { createRepository, type EventStore, LruCache, type Repository } from '@billing/event-store';
import { evolveTask, initialTaskState, slotsDecider, taskDecider, type TaskState } from '@billing/tasks-domain';
import { KeyedLock } from './keyed-lock';

/** Two instances on one store can race on an account's slots stream; the loser reloads and decides again. */
const MAX_RETRIES = 50;

/**
 * The service's own streams: `task-<taskId>` and `slots-<accountId>`. Commands are handled
 * by load, decide, append with the expected revision, bounded retry; reads fold the
 * stream from a cached state, reading only what was appended since.
 */
export class TaskStreams {
  private readonly tasks: Repository<TaskCommand, TaskEvent>;
  private readonly slots: Repository<SlotCommand, SlotEvent>;
  private readonly lock = new KeyedLock();
  private readonly taskStates = new LruCache<string, { readonly revision: number; readonly state: TaskState }>(10_000);

  constructor(
    private readonly store: EventStore,
    newEventId: () => string,
  ) {
    const schemaVersionOf = (type: TaskEvent['type'] | SlotEvent['type']) => TASK_EVENT_SCHEMA_VERSIONS[type];
    this.tasks = createRepository({ store, decider: taskDecider, schemaVersionOf, maxRetries: MAX_RETRIES, newEventId });
    this.slots = createRepository({ store, decider: slotsDecider, schemaVersionOf, maxRetries: MAX_RETRIES, newEventId });
  }

  async handleTask(command: TaskCommand): Promise<readonly TaskEvent[]> {
    const streamName = taskStreamName(command.data.taskId);
    return this.lock.run(streamName, async () => (await this.tasks.handle(streamName, command)).events);
  }

  async handleSlots(accountId: string, command: SlotCommand): Promise<readonly SlotEvent[]> {
    const streamName = slotsStreamName(accountId);
    return this.lock.run(streamName, async () => (await this.slots.handle(streamName, command)).events);
  }

  /** The task as its stream tells it now. */
  async task(taskId: string): Promise<TaskState> {
    const streamName = taskStreamName(taskId);
    const cached = this.taskStates.get(streamName) ?? { revision: -1, state: initialTaskState };
    const newer = await this.store.readStream(streamName, { fromRevision: cached.revision + 1 });
    const last = newer[newer.length - 1];
    if (!last) return cached.state;
    const state = newer.reduce((current, event) => evolveTask(current, { type: event.type, data: event.data } as TaskEvent), cached.state);
    this.taskStates.set(streamName, { revision: last.revision, state });
    return state;
  }
}
