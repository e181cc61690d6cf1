import { type CommandMetadata, type TaskCommand, walletStreamName } from '@billing/contracts';
import type { Clock, CommandSender, Logger, OutgoingCommand, ReactorEvent } from '@billing/service-host';
import { reactToTaskEvent, sagaTaskId, TaskError, type TaskSagaEvent } from '@billing/tasks-domain';
import type { Admissions } from '../slots/admissions';
import { asSagaEvent, isWalletAnswer } from './saga-events';
import type { TaskStreams } from '../streams/task-streams';

export interface SagaRunnerOptions {
  readonly streams: TaskStreams;
  readonly admissions: Pick<Admissions, 'startQueued'>;
  readonly commands: CommandSender;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly reservationTtlMillis: number;
  readonly walletService: string;
}

interface Reaction {
  readonly eventId: string;
  readonly event: TaskSagaEvent;
  readonly traceparent: string | undefined;
  /** The revision of the task's stream a state this instance knows must have reached to be reacted on without a read. */
  readonly knownFrom: number;
}

/**
 * Carries events to the task saga and its commands to their targets: task commands
 * through this service's streams, wallet commands over the bus, and a freed slot to the
 * admissions (the queue moves). One task's events are handled in order; different tasks'
 * at once. Command ids come from the event, so a redelivered event decides the same
 * commands and the deciders drop the copies.
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
      // A task's own event needs a state at least as new as itself (on an older one, a TaskDequeued would find the task still queued and reserve nothing); a wallet answer, any state this instance knows.
      const knownFrom = isWalletAnswer(event) ? 0 : (reactorEvent.revision ?? Number.POSITIVE_INFINITY);
      reactions.push({ eventId: reactorEvent.eventId, event, traceparent: reactorEvent.traceparent, knownFrom });
      byTask.set(taskId, reactions);
    }
    const toWallet: OutgoingCommand[] = [];
    const freed = new Set<string>();
    await Promise.all(
      [...byTask].map(async ([taskId, reactions]) => {
        for (const reaction of reactions) await this.reactTo(taskId, reaction, toWallet, freed);
      }),
    );
    if (toWallet.length > 0) await this.options.commands.send(this.options.walletService, toWallet);
    await Promise.all([...freed].map((accountId) => this.options.admissions.startQueued(accountId)));
  }

  private async reactTo(taskId: string, { eventId, event, traceparent, knownFrom }: Reaction, toWallet: OutgoingCommand[], freed: Set<string>): Promise<void> {
    const { streams, clock, reservationTtlMillis } = this.options;
    // Usually this instance wrote the event or read the task for it: no read. A known state behind the stream is safe here (see `reactToTaskEvent`).
    const known = await streams.known(taskId);
    const task = known && known.revision >= knownFrom ? known.task : await streams.task(taskId);
    for (const sagaCommand of reactToTaskEvent(event, { now: clock.now(), task, reservationTtlMillis, eventId })) {
      switch (sagaCommand.target) {
        case 'wallet': {
          const { accountId, pool, command } = sagaCommand;
          toWallet.push({ accountId, streamName: walletStreamName(accountId, pool), command: inTrace(command, traceparent) });
          break;
        }
        case 'task':
          await this.handleTask(inTrace(sagaCommand.command, traceparent), eventId);
          break;
        case 'slots':
          freed.add(sagaCommand.accountId);
          break;
      }
    }
  }

  private async handleTask(command: TaskCommand, eventId: string): Promise<void> {
    try {
      await this.options.streams.handleTask(command);
    } catch (error) {
      // A refusal means the stream has moved on (a race the saga lost): nothing to redo.
      if (!(error instanceof TaskError)) throw error;
      this.options.logger.warn('saga command refused', { eventId, command: command.type, code: error.code, reason: error.message });
    }
  }
}

/** The command continues the trace of the event that caused it. */
const inTrace = <C extends { readonly metadata: CommandMetadata }>(command: C, traceparent: string | undefined): C =>
  traceparent ? { ...command, metadata: { ...command.metadata, traceparent } } : command;
