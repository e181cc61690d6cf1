import { walletStreamName } from '@billing/contracts';
import { type Clock, type CommandSender, type Logger, RpcError, RpcTimeoutError } from '@billing/service-host';
import {
  admit,
  isTask,
  leavingQueue,
  recordAnswer,
  requestTaskCommand,
  reservationCallFor,
  reserveCreditsFor,
  type Task,
  type TaskRequest,
  type TaskState,
} from '@billing/tasks-domain';
import type { AccountPlans } from '../plans/account-plans';
import type { TaskStreams } from '../streams/task-streams';
import type { WalletClient } from '../wallet/wallet-client';
import type { AccountSlots } from './account-slots';

export interface AdmissionsOptions {
  readonly streams: TaskStreams;
  readonly slots: AccountSlots;
  readonly plans: AccountPlans;
  readonly wallet: WalletClient;
  readonly commands: CommandSender;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly reservationTtlMillis: number;
  /** How long the request path waits for the wallet's answer before leaving it to the saga. */
  readonly answerWithinMillis: number;
  readonly walletService: string;
}

/**
 * The request path: a task's slot is decided and recorded under its account's lock, then
 * the wallet is asked for its credits and its answer recorded, so the client hears the
 * outcome at once. The task is on its stream before the wallet holds anything: a crash
 * in between leaves a `requested` task, whose hold the saga records from the wallet's
 * event, or which the start reconciles (`resumeRequested`).
 */
export class Admissions {
  constructor(private readonly options: AdmissionsOptions) {}

  async request(request: TaskRequest, concurrencyLimit: number): Promise<TaskState> {
    const { streams, slots } = this.options;
    const { taskId, accountId } = request;
    await slots.exclusive(accountId, async () => {
      await slots.current();
      // A raised limit lets the queue move before the newcomer is judged.
      await this.dequeue(accountId, concurrencyLimit);
      const admission = admit(slots.of(accountId), request, concurrencyLimit);
      await streams.handleTask(requestTaskCommand(request, admission, this.meta(`RequestTask:${taskId}`, taskId)));
    });
    const task = await streams.task(taskId);
    return isTask(task) && task.status === 'requested' ? this.reserve(task) : task;
  }

  /**
   * Asks the wallet for the task's credits and records its answer. A wallet that does not
   * answer in time is sent the command instead (held once either way: the hold is named
   * after the task); the saga records the answer it publishes.
   */
  async reserve(task: Task): Promise<TaskState> {
    const { streams, wallet, reservationTtlMillis, answerWithinMillis } = this.options;
    const { taskId } = task;
    let answer;
    try {
      answer = await wallet.reserve(reservationCallFor(task, reservationTtlMillis, this.meta(`ReserveCredits:${taskId}`, taskId)), answerWithinMillis);
    } catch (error) {
      if (isAway(error)) {
        this.options.logger.warn('the wallet did not answer a reservation in time; the saga takes the answer', { taskId, error: String(error) });
        this.sendReservation([task]);
      } else if (error instanceof RpcError) {
        // A refusal, not an outcome (a malformed amount): the task waits for its time-out, as any task the wallet never answers.
        this.options.logger.warn('the wallet refused a reservation', { taskId, problem: error.problem.type, detail: error.message });
      } else {
        throw error;
      }
      return streams.task(taskId);
    }
    await streams.handleTask(recordAnswer(taskId, answer, this.meta(`RecordReservation:${taskId}`, taskId)));
    return streams.task(taskId);
  }

  /** A slot freed (a task ended, the plan raised the limit): the queued tasks that fit leave the queue, and the saga reserves their credits. */
  async startQueued(accountId: string): Promise<void> {
    const { slots } = this.options;
    await slots.current();
    if (slots.of(accountId).queue.length === 0) return;
    const { concurrencyLimit } = await this.options.plans.planOf(accountId);
    await slots.exclusive(accountId, async () => {
      await slots.current();
      await this.dequeue(accountId, concurrencyLimit);
    });
  }

  /** After a restart: tasks left `requested` (their reservation may never have reached the wallet) ask again; the saga records the answers. */
  resumeRequested(tasks: readonly Task[]): void {
    const requested = tasks.filter((task) => task.status === 'requested');
    if (requested.length > 0) this.sendReservation(requested);
  }

  private async dequeue(accountId: string, concurrencyLimit: number): Promise<void> {
    for (const { taskId } of leavingQueue(this.options.slots.of(accountId), concurrencyLimit)) {
      await this.options.streams.handleTask({ type: 'DequeueTask', data: { taskId }, metadata: this.meta(`DequeueTask:${taskId}`, taskId) });
    }
  }

  /** Through the wallet's command topic, which keeps them until the wallet takes them. */
  private sendReservation(tasks: readonly Task[]): void {
    const { commands, walletService, reservationTtlMillis, logger } = this.options;
    const outgoing = tasks.map((task) => ({
      accountId: task.accountId,
      streamName: walletStreamName(task.accountId, task.pool),
      command: reserveCreditsFor(task, reservationTtlMillis, this.meta(`ReserveCredits:${task.taskId}`, task.taskId)),
    }));
    // Not awaited: a wallet in this process answers only once it takes them. Lost with the process, they are sent again at the next start.
    commands.send(walletService, outgoing).catch((error: unknown) => logger.error('reservations not sent; they are sent again at the next start', { error: String(error) }));
  }

  private meta(commandId: string, taskId: string) {
    return { commandId, now: this.options.clock.now(), correlationId: taskId };
  }
}

/** The wallet did not answer (slow, restarting, shutting down): the command topic keeps the request for it. */
function isAway(error: unknown): boolean {
  return error instanceof RpcTimeoutError || (error instanceof RpcError && ['internal', 'unavailable'].includes(error.problem.type));
}
