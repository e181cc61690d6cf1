import { DEFAULT_CONCURRENCY_LIMIT, type TaskCommand, type TaskEvent } from '@billing/contracts';
import { type TaskSagaCommand, targetStream } from '../lib/saga/saga-command';
import { reactToTaskEvent, sagaTaskId, type TaskSagaEvent } from '../lib/saga/task-saga';
import { recordAnswer, reserveCreditsFor } from '../lib/saga/task-reservation';
import { admit, leavingQueue } from '../lib/slots/slot-admission';
import { evolveSlots, initialSlots, type Slots } from '../lib/slots/slots-state';
import { decideTask } from '../lib/task/task-decider';
import { requestTaskCommand, type TaskRequest } from '../lib/task/task-request';
import { evolveTask, initialTaskState, isTask, type TaskState } from '../lib/task/task-state';
import { FakeWallet } from './fake-wallet';
import { metadata, T0 } from './fixtures';
import { type RequestOptions, taskRequest } from './task-requests';

export interface Delivery {
  readonly eventId: string;
  readonly event: TaskSagaEvent;
}

/**
 * Tasks, their accounts' slots and a fake wallet wired as the task service wires them, in
 * memory: the request path decides the slot and asks the wallet at once; the saga does
 * the rest. Each stream drops a command id it has handled (the store's idempotency);
 * events wait in `pending` until a test delivers them to the saga, in any order, as often
 * as it likes.
 */
export class TaskWorld {
  readonly tasks = new Map<string, TaskState>();
  readonly slots = new Map<string, Slots>();
  readonly wallets = new Map<string, FakeWallet>();
  readonly pending: Delivery[] = [];
  readonly delivered: Delivery[] = [];
  /** Every task event in the order it was appended. */
  readonly taskEvents: TaskEvent[] = [];
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

  /**
   * The request path: the queue moves first (a raised limit), the slot is decided, and a
   * task given one has its credits reserved and the answer recorded. `lostAnswer`: the
   * process dies once the wallet decided, before the task recorded it.
   */
  request(taskId: string, options: RequestOptions = {}, lostAnswer = false): void {
    this.submit(taskRequest(taskId, options), lostAnswer);
  }

  submit(request: TaskRequest, lostAnswer = false): void {
    const { taskId } = request;
    this.startQueued(request.accountId);
    const admission = admit(this.slotsOf(request.accountId), request, this.concurrencyLimit);
    this.sendToTask(requestTaskCommand(request, admission, metadata(`RequestTask:${taskId}`, this.now)));
    const task = this.task(taskId);
    if (!isTask(task) || task.status !== 'requested') return;
    const { events, answer } = this.wallet(task.accountId, task.pool).reserve(reserveCreditsFor(task, this.reservationTtlMillis, metadata(`ReserveCredits:${taskId}`, this.now)));
    this.record(events);
    if (!lostAnswer) this.sendToTask(recordAnswer(taskId, answer, metadata(`RecordAnswer:${taskId}`, this.now)));
  }

  /** A client or the provider speaks to a task. */
  sendToTask(command: TaskCommand): void {
    this.send({ target: 'task', taskId: command.data.taskId, command });
  }

  send(sagaCommand: TaskSagaCommand): void {
    if (sagaCommand.target === 'slots') return this.startQueued(sagaCommand.accountId);
    const key = `${targetStream(sagaCommand)}#${sagaCommand.command.metadata.commandId}`;
    if (this.handled.has(key)) return;
    const events = this.decide(sagaCommand);
    this.handled.add(key);
    this.record(events);
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
    const context = { now: this.now, task: this.task(taskId), reservationTtlMillis: this.reservationTtlMillis, eventId: delivery.eventId };
    for (const command of reactToTaskEvent(delivery.event, context)) this.send(command);
  }

  /** Delivers in order until nothing waits. */
  settle(maxSteps = 10_000): void {
    for (let step = 0; this.pending.length > 0; step++) {
      if (step >= maxSteps) throw new Error('the saga did not settle');
      this.deliver(0);
    }
  }

  /** The queued tasks that fit leave the queue (as the service does under the account's lock). */
  private startQueued(accountId: string): void {
    for (const { taskId } of leavingQueue(this.slotsOf(accountId), this.concurrencyLimit)) {
      this.sendToTask({ type: 'DequeueTask', data: { taskId }, metadata: metadata(`DequeueTask:${taskId}`, this.now) });
    }
  }

  private record(events: readonly TaskSagaEvent[]): void {
    for (const event of events) this.pending.push({ eventId: `event-${++this.eventCount}`, event });
  }

  private decide(sagaCommand: Exclude<TaskSagaCommand, { target: 'slots' }>): readonly TaskSagaEvent[] {
    if (sagaCommand.target === 'wallet') return this.wallet(sagaCommand.accountId, sagaCommand.pool).decide(sagaCommand.command);
    const state = this.task(sagaCommand.taskId);
    const events = decideTask(sagaCommand.command, state);
    const after = events.reduce<TaskState>(evolveTask, state);
    this.tasks.set(sagaCommand.taskId, after);
    if (isTask(after)) this.slots.set(after.accountId, events.reduce<Slots>(evolveSlots, this.slotsOf(after.accountId)));
    this.taskEvents.push(...events);
    return events;
  }
}
