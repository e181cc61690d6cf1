import type {
  CommandMetadata,
  EpochMillis,
  ReleaseReason,
  SlotEvent,
  TaskEndReason,
  TaskEvent,
  TaskRejection,
  WalletEvent,
} from '@billing/contracts';
import { assertNever } from '@billing/util';
import { isTask, type Task, type TaskState } from '../task/task-state';
import { reservationIdFor, taskIdOfReservation } from './reservation-id';
import type { TaskSagaCommand } from './saga-command';

/** Everything the task saga listens to: task and slot events, and the wallet's answers. */
export type TaskSagaEvent = TaskEvent | SlotEvent | WalletEvent;

export interface TaskSagaContext {
  readonly now: EpochMillis;
  /** The task the event is about (see `sagaTaskId`), as its stream tells it now. */
  readonly task: TaskState;
  readonly reservationTtlMillis: number;
  /** The account's concurrency limit, from its plan. */
  readonly concurrencyLimit: number;
  /** The causing event's id, when the store gave it one. */
  readonly eventId?: string;
}

/** The task an event is about, so its caller can load the task; null when none is. */
export function sagaTaskId(event: TaskSagaEvent): string | null {
  switch (event.type) {
    case 'CreditsReserved':
    case 'ReservationRejected':
    case 'CreditsCharged':
    case 'CreditsReleased':
    case 'ReservationExpired':
      return event.data.taskId ?? taskIdOfReservation(event.data.reservationId);
    case 'CreditsPurchased':
    case 'CreditsGranted':
    case 'CreditsExpired':
    case 'CreditsRefunded':
    case 'CreditsRevoked':
      return null;
    default:
      return event.data.taskId;
  }
}

/**
 * The refund workflow: an event in, the commands it calls for out. Command ids come from
 * the causing event, so a redelivered event yields the same commands and their targets
 * drop the copies.
 */
export function reactToTaskEvent(event: TaskSagaEvent, context: TaskSagaContext): readonly TaskSagaCommand[] {
  if (event.type === 'TaskRequested') {
    const { taskId, accountId, queueIfBusy, priority } = event.data;
    const limit = context.concurrencyLimit;
    return [{ target: 'slots', accountId, command: { type: 'AcquireSlot', data: { taskId, limit, queueIfBusy, priority }, metadata: meta(event, taskId, 'AcquireSlot', context) } }];
  }
  const task = context.task;
  if (!isTask(task)) return [];
  const { taskId } = task;
  const slot = (): TaskSagaCommand => ({
    target: 'slots',
    accountId: task.accountId,
    command: { type: 'ReleaseSlot', data: { taskId }, metadata: meta(event, taskId, 'ReleaseSlot', context) },
  });
  switch (event.type) {
    case 'TaskQueued': {
      const { limit, running } = event.data;
      return [{ target: 'task', taskId, command: { type: 'QueueTask', data: { taskId, limit, running }, metadata: meta(event, taskId, 'QueueTask', context) } }];
    }
    case 'SlotAcquired':
      // A task that ended while it waited holds nothing; its own end frees the slot.
      if (task.status !== 'requested' && task.status !== 'queued') return [];
      return [
        {
          target: 'wallet',
          accountId: task.accountId,
          pool: task.pool,
          command: {
            type: 'ReserveCredits',
            data: { reservationId: reservationIdFor(taskId), millicredits: task.quote.millicredits, ttlMillis: context.reservationTtlMillis, taskId },
            metadata: meta(event, taskId, 'ReserveCredits', context),
          },
        },
      ];
    case 'SlotRefused': {
      const { limit, running } = event.data;
      return [rejectTask(event, task, { reason: 'concurrency_limit', limit, running }, context)];
    }
    case 'CreditsReserved': {
      const { reservationId, millicredits, expiresAt } = event.data;
      return [
        {
          target: 'task',
          taskId,
          command: { type: 'RecordReservation', data: { taskId, reservationId, millicredits, expiresAt }, metadata: meta(event, taskId, 'RecordReservation', context) },
        },
      ];
    }
    case 'ReservationRejected': {
      const { requestedMillicredits, availableMillicredits } = event.data;
      return [rejectTask(event, task, { reason: 'insufficient_credits', requestedMillicredits, availableMillicredits }, context), slot()];
    }
    case 'TaskSucceeded': {
      const { reservationId, chargeMillicredits } = event.data;
      // The wallet posts only positive charges: nothing to charge means the hold goes back.
      if (chargeMillicredits === 0) {
        const recordCharge: TaskSagaCommand = {
          target: 'task',
          taskId,
          command: { type: 'RecordCharge', data: { taskId, millicredits: 0 }, metadata: meta(event, taskId, 'RecordCharge', context) },
        };
        return [recordCharge, releaseReservation(event, task, reservationId, 'other', context)];
      }
      return [
        {
          target: 'wallet',
          accountId: task.accountId,
          pool: task.pool,
          command: { type: 'ChargeReservation', data: { reservationId, millicredits: chargeMillicredits }, metadata: meta(event, taskId, 'ChargeReservation', context) },
        },
      ];
    }
    case 'TaskFailed':
    case 'TaskCancelled':
    case 'TaskTimedOut':
      // Without a hold there is nothing to give back, only the slot (or the queue place).
      if (event.data.reservationId === null) return [slot()];
      return [releaseReservation(event, task, event.data.reservationId, ENDINGS[event.type], context)];
    case 'LateReservationDeclined':
      return [releaseReservation(event, task, event.data.reservationId, releaseReasonFor(task.endReason), context)];
    case 'CreditsCharged':
      return [
        {
          target: 'task',
          taskId,
          command: { type: 'RecordCharge', data: { taskId, millicredits: event.data.millicredits }, metadata: meta(event, taskId, 'RecordCharge', context) },
        },
        slot(),
      ];
    case 'CreditsReleased':
      // The rest of a partly charged hold: the charge itself settles the task.
      if (event.data.reason === 'partial_charge') return [];
      return [recordRelease(event, task, event.data.millicredits, 'released', context), slot()];
    case 'ReservationExpired':
      return [recordRelease(event, task, event.data.millicredits, 'expired', context), slot()];
    case 'TaskReserved':
    case 'TaskRejected':
    case 'TaskDispatched':
    case 'TaskStarted':
    case 'TaskCharged':
    case 'TaskReleased':
    case 'TaskAdopted':
    case 'SlotReleased':
    case 'CreditsPurchased':
    case 'CreditsGranted':
    case 'CreditsExpired':
    case 'CreditsRefunded':
    case 'CreditsRevoked':
      return [];
    default:
      return assertNever(event, 'task saga event');
  }
}

function meta(event: TaskSagaEvent, taskId: string, commandType: string, context: TaskSagaContext): CommandMetadata {
  const commandId = `${event.type}:${taskId}:${commandType}`;
  const trace = { commandId, now: context.now, correlationId: taskId };
  return context.eventId === undefined ? trace : { ...trace, causationId: context.eventId };
}

function rejectTask(
  event: TaskSagaEvent,
  task: Task,
  rejection: TaskRejection,
  context: TaskSagaContext,
): TaskSagaCommand {
  const { taskId } = task;
  return { target: 'task', taskId, command: { type: 'RejectTask', data: { taskId, rejection }, metadata: meta(event, taskId, 'RejectTask', context) } };
}

const ENDINGS = { TaskFailed: 'failed', TaskCancelled: 'cancelled', TaskTimedOut: 'timed_out' } as const satisfies Record<string, ReleaseReason>;

function releaseReservation(event: TaskSagaEvent, task: Task, reservationId: string, reason: ReleaseReason, context: TaskSagaContext): TaskSagaCommand {
  return {
    target: 'wallet',
    accountId: task.accountId,
    pool: task.pool,
    command: { type: 'ReleaseReservation', data: { reservationId, reason }, metadata: meta(event, task.taskId, 'ReleaseReservation', context) },
  };
}

function recordRelease(event: TaskSagaEvent, task: Task, millicredits: number, cause: 'released' | 'expired', context: TaskSagaContext): TaskSagaCommand {
  const { taskId } = task;
  return {
    target: 'task',
    taskId,
    command: { type: 'RecordRelease', data: { taskId, millicredits, cause }, metadata: meta(event, taskId, 'RecordRelease', context) },
  };
}

function releaseReasonFor(endReason: TaskEndReason | null): ReleaseReason {
  switch (endReason) {
    case 'failed':
    case 'cancelled':
    case 'timed_out':
      return endReason;
    default:
      return 'other';
  }
}
