import { TASK_EVENT_SCHEMA_VERSIONS, taskStreamName, type TaskCommand, type TaskEvent } from '@billing/contracts';
import { createRepository, type EventStore, type Repository } from '@billing/event-store';
import { isTask, type Task, taskDecider, type TaskState } from '@billing/tasks-domain';
import { KeyedLock } from './keyed-lock';

/** Told, synchronously, of what each command appended and the task it left: the account slots follow it, the dispatcher takes reserved tasks. */
export type AppendListener = (events: readonly TaskEvent[], task: TaskState) => void;

/** A task as this instance knows it, and the revision of its stream that state is at. */
export interface KnownTask {
  readonly revision: number;
  readonly task: Task;
}

/** Two instances on one store can race on a task's stream; the loser reloads and decides again. */
const MAX_RETRIES = 50;

/**
 * The service's own streams, `task-<taskId>`. Commands are handled by load, decide, append
 * with the expected revision, bounded retry; reads fold the stream from a cached state,
 * reading only what was appended since. What is appended is handed to `onAppended`.
 */
export class TaskStreams {
  private readonly tasks: Repository<TaskCommand, TaskEvent, TaskState>;
  private readonly lock = new KeyedLock();

  constructor(
    store: EventStore,
    newEventId: () => string,
    private readonly onAppended: AppendListener,
  ) {
    const schemaVersionOf = (type: TaskEvent['type']) => TASK_EVENT_SCHEMA_VERSIONS[type];
    this.tasks = createRepository({ store, decider: taskDecider, schemaVersionOf, maxRetries: MAX_RETRIES, newEventId });
  }

  async handleTask(command: TaskCommand): Promise<readonly TaskEvent[]> {
    return (await this.handleTaskThen(command)).events;
  }

  /** Handles the command, and the task as it left it (no read of the stream for it). */
  async handleTaskThen(command: TaskCommand): Promise<{ readonly events: readonly TaskEvent[]; readonly task: TaskState }> {
    const streamName = taskStreamName(command.data.taskId);
    return this.lock.run(streamName, async () => {
      const { events, state } = await this.tasks.handle(streamName, command);
      if (events.length > 0) this.onAppended(events, state);
      return { events, task: state };
    });
  }

  /**
   * The task as its stream tells it once the commands already taken for it are appended:
   * the state they cached, read from the store only for what another writer appended.
   */
  async task(taskId: string): Promise<TaskState> {
    const streamName = taskStreamName(taskId);
    return this.lock.run(streamName, async () => (await this.tasks.current(streamName)).state);
  }

  /**
   * The task as this instance last handled or read it, once the commands already taken for it
   * are appended, with no read of the store (undefined when it knows none). Behind the stream
   * when another instance wrote since: decide on it only what stays right on a stale state, as
   * a task command does (its expected revision makes it conflict and decide again on a fresh read).
   */
  async known(taskId: string): Promise<KnownTask | undefined> {
    const streamName = taskStreamName(taskId);
    const known = await this.lock.run(streamName, async () => this.tasks.known(streamName));
    return known && isTask(known.state) ? { revision: known.revision, task: known.state } : undefined;
  }
}
