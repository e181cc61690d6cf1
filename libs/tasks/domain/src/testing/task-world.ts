import { DEFAULT_CONCURRENCY_LIMIT, type TaskCommand } from '@billing/contracts';
import { type TaskSagaCommand, targetStream } from '../lib/saga/saga-command';
import { reactToTaskEvent, sagaTaskId, type TaskSagaEvent } from '../lib/saga/task-saga';
import { decideSlots } from '../lib/slots/slots-decider';
import { evolveSlots, initialSlots, type Slots } from '../lib/slots/slots-state';
import { decideTask } from '../lib/task/task-decider';
import { evolveTask, initialTaskState, type TaskState } from '../lib/task/task-state';
import { FakeWallet } from './fake-wallet';
import { T0 } from './fixtures';

export interface Delivery {
  readonly eventId: string;
  readonly event: TaskSagaEvent;
}

/**
 * Tasks, slots and a fake wallet wired through the saga, in memory. Each stream drops a
 * command id it has handled (the store's idempotency); events wait in `pending` until a
 * test delivers them, in any order, as often as it likes.
 */
export class TaskWorld {
  readonly tasks = new Map<string, TaskState>();
  readonly slots = new Map<string, Slots>();
  readonly wallets = new Map<string, FakeWallet>();
  readonly pending: Delivery[] = [];
  readonly delivered: Delivery[] = [];
  private readonly handled = new Set<string>();
  private eventCount = 0;
  now = T0;

  constructor(
    balances: Readonly<Record<string, number>>,
    readonly concurrencyLimit = DEFAULT_CONCURRENCY_LIMIT,
    readonly reservationTtlMillis = 600_000,
  ) {
    for (const [key, millicredits] of Object.entries(balances)) this.wallets.set(key, new FakeWallet(millicredits));
  }

  task(taskId: string): TaskState {
    return this.tasks.get(taskId) ?? initialTaskState;
  }

  slotsOf(accountId: string): Slots {
    return this.slots.get(accountId) ?? initialSlots;
  }

  wallet(accountId: string, pool: string): FakeWallet {
    const wallet = this.wallets.get(`${accountId}/${pool}`);
    if (!wallet) throw new Error(`no wallet for ${accountId}/${pool}`);
    return wallet;
  }

  /** A client or the provider speaks to a task. */
  sendToTask(command: TaskCommand): void {
    this.send({ target: 'task', taskId: command.data.taskId, command });
  }

  send(sagaCommand: TaskSagaCommand): void {
    const key = `${targetStream(sagaCommand)}#${sagaCommand.command.metadata.commandId}`;
    if (this.handled.has(key)) return;
    const events = this.decide(sagaCommand);
    this.handled.add(key);
    for (const event of events) this.pending.push({ eventId: `event-${++this.eventCount}`, event });
  }

  /** Hands one waiting event to the saga; `again` redelivers one already handed over. */
  deliver(index = 0, again = false): void {
    const source = again ? this.delivered : this.pending;
    const delivery = source[index];
    if (!delivery) throw new Error(`no delivery at ${index}`);
    if (!again) {
      this.pending.splice(index, 1);
      this.delivered.push(delivery);
    }
    const taskId = sagaTaskId(delivery.event);
    if (taskId === null) return;
    const context = { now: this.now, task: this.task(taskId), reservationTtlMillis: this.reservationTtlMillis, concurrencyLimit: this.concurrencyLimit, eventId: delivery.eventId };
    for (const command of reactToTaskEvent(delivery.event, context)) this.send(command);
  }

  /** Delivers in order until nothing waits. */
  settle(maxSteps = 10_000): void {
    for (let step = 0; this.pending.length > 0; step++) {
      if (step >= maxSteps) throw new Error('the saga did not settle');
      this.deliver(0);
    }
  }

  private decide(sagaCommand: TaskSagaCommand): readonly TaskSagaEvent[] {
    switch (sagaCommand.target) {
      case 'task': {
        const state = this.task(sagaCommand.taskId);
        const events = decideTask(sagaCommand.command, state);
        this.tasks.set(sagaCommand.taskId, events.reduce<TaskState>(evolveTask, state));
        return events;
      }
      case 'slots': {
        const state = this.slotsOf(sagaCommand.accountId);
        const events = decideSlots(sagaCommand.command, state);
        this.slots.set(sagaCommand.accountId, events.reduce<Slots>(evolveSlots, state));
        return events;
      }
      case 'wallet':
        return this.wallet(sagaCommand.accountId, sagaCommand.pool).decide(sagaCommand.command);
    }
  }
}
