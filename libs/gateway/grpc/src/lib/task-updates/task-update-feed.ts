import { deadLetterTopicFor, type IncomingMessage, type MessageBus, type MessageSubscription, topicFor } from '@billing/messaging';
import { TASK_CATEGORY } from '@billing/contracts';
import { FaultCounts, type Logger, type Rejection, sendToDeadLetters, silentLogger, StopFlag } from '@billing/service-host';
import { readTaskEvent, type TaskChange } from './task-change';

export const TASK_TOPIC = topicFor(TASK_CATEGORY, 1);

/**
 * Told of the changes of one account's tasks, and of tasks the feed cannot place
 * (`known` false): the listener then asks the tasks service whether the task is its own.
 */
export type TaskChangeListener = (change: TaskChange, known: boolean) => void;

export interface TaskUpdateFeedOptions {
  readonly bus: MessageBus;
  /** Names this gateway's consumer group: each instance follows every task event. */
  readonly instanceId: string;
  /** Partitions of the task topic if the feed has to create it (the tasks service's default). */
  readonly partitions?: number;
  /** How many task -> account pairs are remembered (oldest forgotten first). */
  readonly rememberedTasks?: number;
  readonly logger?: Logger;
  readonly faults?: FaultCounts;
}

/**
 * The task events of `billing.task.v1` as they happen, for this gateway's `WatchTasks`
 * streams. One consumer group per gateway instance, started at the end of the topic: a
 * watcher hears what happens after it started watching. Task events are keyed by task, so
 * one task's changes arrive in order. Only `TaskRequested` names the account; the feed
 * remembers it for the task's later events, and listeners ask the tasks service about tasks
 * it does not know (those requested before it started). A message it cannot read goes to
 * the topic's dead-letter topic with the reason; a type that changes nothing a client sees
 * is skipped.
 */
export class TaskUpdateFeed {
  private readonly listeners = new Map<string, Set<TaskChangeListener>>();
  private readonly accountOfTask = new Map<string, string>();
  private subscription: MessageSubscription | null = null;
  private readonly stop$ = new StopFlag();
  private readonly logger: Logger;
  readonly faults: FaultCounts;

  constructor(private readonly options: TaskUpdateFeedOptions) {
    this.logger = options.logger ?? silentLogger;
    this.faults = options.faults ?? new FaultCounts();
  }

  async start(): Promise<void> {
    const { bus, instanceId } = this.options;
    const partitions = this.options.partitions ?? 8;
    await bus.ensureTopics([
      { topic: TASK_TOPIC, partitions },
      { topic: deadLetterTopicFor(TASK_TOPIC), partitions },
    ]);
    this.subscription = await bus.subscribe({
      // A new group each start: watchers want news from now on, never a backlog.
      groupId: `gateway-task-updates-${instanceId}`,
      topics: [TASK_TOPIC],
      fromBeginning: false,
      handler: (batch) => this.handle(batch),
    });
  }

  private async handle(batch: readonly IncomingMessage[]): Promise<void> {
    const rejected: Rejection[] = [];
    for (const message of batch) {
      const read = readTaskEvent(message);
      if (read.kind === 'change') this.publish(read.change);
      else if (read.kind === 'rejected') rejected.push({ message, reason: read.reason });
      else this.logger.debug?.('task event skipped: it changes nothing a watcher sees', { type: read.type, offset: message.offset });
    }
    const consumer = `gateway-task-updates-${this.options.instanceId}`;
    await sendToDeadLetters(rejected, { bus: this.options.bus, consumer, logger: this.logger, faults: this.faults, backoff: { initialDelayMs: 50, maxDelayMs: 2_000 }, stop: this.stop$ });
  }

  async stop(): Promise<void> {
    this.stop$.raise();
    const subscription = this.subscription;
    this.subscription = null;
    this.listeners.clear();
    await subscription?.stop();
  }

  /** Listens to an account's task changes, in order; the listener is called synchronously and must not throw. Returns how to stop. */
  listen(accountId: string, listener: TaskChangeListener): () => void {
    const set = this.listeners.get(accountId) ?? new Set<TaskChangeListener>();
    this.listeners.set(accountId, set);
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.listeners.get(accountId) === set) this.listeners.delete(accountId);
    };
  }

  get listenerCount(): number {
    return [...this.listeners.values()].reduce((n, set) => n + set.size, 0);
  }

  private publish(change: TaskChange): void {
    if (change.type === 'TaskRequested') this.remember(change.taskId, change.accountId);
    const accountId = this.accountOfTask.get(change.taskId);
    if (accountId !== undefined) {
      for (const listener of this.listeners.get(accountId) ?? []) listener(change, true);
      return;
    }
    for (const set of this.listeners.values()) for (const listener of set) listener(change, false);
  }

  private remember(taskId: string, accountId: string): void {
    this.accountOfTask.delete(taskId);
    this.accountOfTask.set(taskId, accountId);
    const limit = this.options.rememberedTasks ?? 100_000;
    while (this.accountOfTask.size > limit) {
      const oldest = this.accountOfTask.keys().next();
      if (oldest.done) break;
      this.accountOfTask.delete(oldest.value);
    }
  }
}
