import { walletStreamName } from '@billing/contracts';
import type { Clock, CommandSender, Logger, OutgoingCommand, ReactorEvent } from '@billing/service-host';
import { initialTaskState, reactToTaskEvent, sagaTaskId, SlotsError, TaskError, type TaskSagaCommand, type TaskSagaEvent } from '@billing/tasks-domain';
import type { AccountPlans } from '../plans/account-plans';
import type { TaskStreams } from '../streams/task-streams';
import { asSagaEvent } from './saga-events';

export interface SagaRunnerOptions {
  readonly streams: TaskStreams;
  readonly plans: AccountPlans;
  readonly commands: CommandSender;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly reservationTtlMillis: number;
  readonly walletService: string;
}

interface Reaction {
  readonly eventId: string;
  readonly event: TaskSagaEvent;
}

/**
 * Carries events to the task saga and its commands to their streams: tasks and slots
 * through this service's repositories, wallet commands over the bus. One task's events
 * are handled in order; different tasks' at once. Command ids come from the event, so a
 * redelivered event decides the same commands and the deciders drop the copies.
 */
export class SagaRunner {
  constructor(private readonly options: SagaRunnerOptions) {}

  async react(events: readonly ReactorEvent[]): Promise<void> {
    const byTask = new Map<string, Reaction[]>();
    for (const reactorEvent of events) {
      const event = asSagaEvent(reactorEvent);
      const taskId = event && sagaTaskId(event);
      if (!event || taskId === null) continue;
      const reactions = byTask.get(taskId) ?? [];
      reactions.push({ eventId: reactorEvent.eventId, event });
      byTask.set(taskId, reactions);
    }
    const toWallet: OutgoingCommand[] = [];
    await Promise.all(
      [...byTask].map(async ([taskId, reactions]) => {
        for (const reaction of reactions) toWallet.push(...(await this.reactTo(taskId, reaction)));
      }),
    );
    if (toWallet.length > 0) await this.options.commands.send(this.options.walletService, toWallet);
  }

  private async reactTo(taskId: string, { eventId, event }: Reaction): Promise<OutgoingCommand[]> {
    const { streams, plans, clock, reservationTtlMillis } = this.options;
    // A request needs only its account's limit; every other event is judged against the task as it stands.
    const requested = event.type === 'TaskRequested';
    const task = requested ? initialTaskState : await streams.task(taskId);
    const concurrencyLimit = requested ? (await plans.planOf(event.data.accountId)).concurrencyLimit : 0;
    const decided = reactToTaskEvent(event, { now: clock.now(), task, reservationTtlMillis, concurrencyLimit, eventId });
    const toWallet: OutgoingCommand[] = [];
    for (const sagaCommand of decided) {
      if (sagaCommand.target === 'wallet') {
        const { accountId, pool, command } = sagaCommand;
        toWallet.push({ accountId, streamName: walletStreamName(accountId, pool), command });
      } else {
        await this.handleLocally(sagaCommand, eventId);
      }
    }
    return toWallet;
  }

  private async handleLocally(sagaCommand: Exclude<TaskSagaCommand, { target: 'wallet' }>, eventId: string): Promise<void> {
    try {
      if (sagaCommand.target === 'task') await this.options.streams.handleTask(sagaCommand.command);
      else await this.options.streams.handleSlots(sagaCommand.accountId, sagaCommand.command);
    } catch (error) {
      // A refusal means the stream has moved on (a race the saga lost): nothing to redo.
      if (!(error instanceof TaskError || error instanceof SlotsError)) throw error;
      this.options.logger.warn('saga command refused', { eventId, command: sagaCommand.command.type, code: error.code, reason: error.message });
    }
  }
}
