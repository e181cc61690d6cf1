import {
  slotsStreamName,
  TASK_EVENT_SCHEMA_VERSIONS,
  taskStreamName,
  type SlotCommand,
  type SlotEvent,
  type TaskCommand,
  type TaskEvent,
} from '@billing/contracts';
import { createRepository, type EventStore, type Repository } from '@billing/event-store';
import { slotsDecider, taskDecider, type TaskState } from '@billing/tasks-domain';
import { KeyedLock } from './keyed-lock';

/** Two instances on one store can race on an account's slots stream; the loser reloads and decides again. */
const MAX_RETRIES = 50;

/**
 * The service's own streams: `task-<taskId>` and `slots-<accountId>`. Commands are handled
 * by load, decide, append with the expected revision, bounded retry; reads fold the
 * stream from a cached state, reading only what was appended since.
 */
export class TaskStreams {
  private readonly tasks: Repository<TaskCommand, TaskEvent, TaskState>;
  private readonly slots: Repository<SlotCommand, SlotEvent>;
  private readonly lock = new KeyedLock();

  constructor(
    store: EventStore,
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

  /** The task as its stream tells it now (from the state the commands cached, plus what was appended since). */
  async task(taskId: string): Promise<TaskState> {
    return (await this.tasks.current(taskStreamName(taskId))).state;
  }
}
