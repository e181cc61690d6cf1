import { type TaskCommand, walletStreamName } from '@billing/contracts';
import { type Clock, type CommandSender, type Logger, RpcError, RpcTimeoutError } from '@billing/service-host';
import {
  decideRequest,
  isTask,
  leavingQueue,
  type QueuedTask,
  type Slots,
  recordAnswer,
  requestTaskCommand,
  TaskError,
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
import type { AdmissionLog, SlotsDecided } from './admission-log';

/** Other instances deciding for the same account at once: each conflict means one of them went ahead. */
const MAX_DECISION_ATTEMPTS = 20;

export interface AdmissionsOptions {
  readonly streams: TaskStreams;
  readonly slots: AccountSlots;
  readonly admissionLog: AdmissionLog;
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
 * The request path: a task's slot is decided and recorded under its account's lock (and,
 * with instances in other processes on the store, through the account's admission log), then
 * the wallet is asked for its credits and its answer recorded, so the client hears the
 * outcome at once. The task is on its stream before the wallet holds anything: a crash
 * in between leaves a `requested` task, whose hold the saga records from the wallet's
 * event, or which the start reconciles (`resumeRequested`).
 */
export class Admissions {
  constructor(private readonly options: AdmissionsOptions) {}

  async request(request: TaskRequest, concurrencyLimit: number): Promise<TaskState> {
    const { streams } = this.options;
    const { taskId, accountId } = request;
    // A request repeated (its answer was lost) is answered by the task it made: no second decision.
    let task = await streams.task(taskId);
    if (!isTask(task)) {
      const left = await this.decide(accountId, (slots) => {
        const { leaving, admission } = decideRequest(slots, request, concurrencyLimit);
        return [...this.dequeueCommands(leaving), requestTaskCommand(request, admission, this.meta(`RequestTask:${taskId}`, taskId))];
      });
      // The task as its request left it, with no read: what the client is answered, and all `reserve` needs.
      task = left.get(taskId) ?? task;
    }
    return isTask(task) && task.status === 'requested' ? this.reserve(task) : task;
  }

  /**
   * Asks the wallet for the task's credits and records its answer. A wallet that does not
   * answer in time is sent the command instead (held once either way: the hold is named
   * after the task); the saga records the answer it publishes. Of the task it needs only
   * what its request fixed (account, pool, quote), so a state behind the stream will do:
   * recording the answer carries the expected revision.
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
    return (await streams.handleTaskThen(recordAnswer(taskId, answer, this.meta(`RecordReservation:${taskId}`, taskId)))).task;
  }

  /** A slot freed (a task ended, the plan raised the limit): the queued tasks that fit leave the queue, and the saga reserves their credits. */
  async startQueued(accountId: string): Promise<void> {
    const { slots } = this.options;
    await slots.current();
    if (slots.of(accountId).queue.length === 0) return;
    const { concurrencyLimit } = await this.options.plans.planOf(accountId);
    await this.decide(accountId, (now) => this.dequeueCommands(leavingQueue(now, concurrencyLimit)));
  }

  /** After a restart: tasks left `requested` (their reservation may never have reached the wallet) ask again; the saga records the answers. */
  resumeRequested(tasks: readonly Task[]): void {
    const requested = tasks.filter((task) => task.status === 'requested');
    if (requested.length > 0) this.sendReservation(requested);
  }

  /**
   * Load, decide, record, retry: alone for the account in this process, on slots caught up
   * with the store, the decision recorded in the account's admission log and only then its
   * commands handled. Another instance that recorded a decision since is carried out first.
   * Gives the tasks as the decision's commands left them.
   */
  private async decide(accountId: string, decision: (slots: Slots) => readonly TaskCommand[]): Promise<ReadonlyMap<string, TaskState>> {
    const { slots, streams, admissionLog } = this.options;
    return slots.exclusive(accountId, async () => {
      const left = new Map<string, TaskState>();
      for (let attempt = 1; ; attempt++) {
        await slots.current();
        const commands = decision(slots.of(accountId));
        if (commands.length === 0) return left;
        const recorded = await admissionLog.record(accountId, { commands });
        if (recorded.recorded) {
          for (const command of commands) left.set(command.data.taskId, (await streams.handleTaskThen(command)).task);
          return left;
        }
        if (attempt >= MAX_DECISION_ATTEMPTS) throw new Error(`the slots of account ${accountId} were decided elsewhere ${attempt} times running`);
        await this.carryOut(recorded.decision);
        admissionLog.carried(accountId, recorded.revision);
      }
    });
  }

  /** Another instance's decision, handled again (its commands change nothing the second time); a request it made here has its credits asked for. */
  private async carryOut(decision: SlotsDecided): Promise<void> {
    const { streams, logger } = this.options;
    for (const command of decision.commands) {
      try {
        const { events, task } = await streams.handleTaskThen(command);
        if (events.some((event) => event.type === 'TaskRequested') && isTask(task) && task.status === 'requested') this.sendReservation([task]);
      } catch (error) {
        // A request its own writer found invalid: nothing was decided.
        if (!(error instanceof TaskError)) throw error;
        logger.warn('a recorded slot decision is not a valid task command; nothing to carry out', { taskId: command.data.taskId, error: String(error) });
      }
    }
  }

  private dequeueCommands(leaving: readonly QueuedTask[]): readonly TaskCommand[] {
    return leaving.map(({ taskId }) => ({ type: 'DequeueTask', data: { taskId }, metadata: this.meta(`DequeueTask:${taskId}`, taskId) }));
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
