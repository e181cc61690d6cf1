import type { CommandMetadata, EpochMillis, ReleaseReason, TaskEndReason, TaskEvent, TaskRejection, WalletEvent } from '@billing/contracts';
import { assertNever } from '@billing/util';
import { isTask, type Task, type TaskState } from '../task/task-state';
import { taskIdOfReservation } from './reservation-id';
import type { TaskSagaCommand } from './saga-command';
import { rejectionOf, reserveCreditsFor } from './task-reservation';

/** Everything the task saga listens to: task events, and the wallet's answers. */
export type TaskSagaEvent = TaskEvent | WalletEvent;

export interface TaskSagaContext {
  readonly now: EpochMillis;
  /**
   * The task the event is about (see `sagaTaskId`), possibly behind its stream: for a task
   * event at least as new as the event; for a wallet answer, any state of the task. On a
   * stale state a wallet answer decides only task commands, among them every one the fresh
   * state calls for (the no-ops rest on what never changes once set: the reservation id, a
   * rejection), and a task command's expected revision makes it decide again on a fresh read.
   */
  readonly task: TaskState;
  readonly reservationTtlMillis: number;
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
    case 'CreditsFrozen':
    case 'CreditsUnfrozen':
      return null;
    default:
      return event.data.taskId;
  }
}

/**
 * The refund workflow: an event in, the commands it calls for out. The request path
 * reserves a new task's credits itself; the saga reserves for a task that leaves the
 * queue, records what the wallet did when the request path could not (a crash, a slow
 * wallet), charges, releases, and lets the queue move when a task ends. Command ids come
 * from the causing event, so a redelivered event yields the same commands and their
 * targets drop the copies.
 */
export function reactToTaskEvent(event: TaskSagaEvent, context: TaskSagaContext): readonly TaskSagaCommand[] {
  const task = context.task;
  if (!isTask(task)) return [];
  const { taskId } = task;
  const slots: TaskSagaCommand = { target: 'slots', accountId: task.accountId };
  switch (event.type) {
    case 'TaskDequeued':
      if (task.status !== 'requested') return [];
      return [{ target: 'wallet', accountId: task.accountId, pool: task.pool, command: reserveCreditsFor(task, context.reservationTtlMillis, meta(event, taskId, 'ReserveCredits', context)) }];
    case 'CreditsReserved': {
      const { reservationId, millicredits, expiresAt } = event.data;
      // The request path recorded it already: the usual case.
      if (task.reservationId === reservationId) return [];
      return [
        {
          target: 'task',
          taskId,
          command: { type: 'RecordReservation', data: { taskId, reservationId, millicredits, expiresAt }, metadata: meta(event, taskId, 'RecordReservation', context) },
        },
      ];
    }
    case 'ReservationRejected': {
      if (task.status === 'rejected') return [];
      return [rejectTask(event, task, rejectionOf(event.data), context)];
    }
    case 'TaskRejected':
    case 'TaskReleased':
      return [slots];
    case 'TaskSucceeded': {
      const { reservationId, chargeMillicredits } = event.data;
      // The wallet posts only positive charges: nothing to charge means the hold goes back.
      if (chargeMillicredits === 0) {
        const recordCharge: TaskSagaCommand = {
          target: 'task',
          taskId,
          command: { type: 'RecordCharge', data: { taskId, millicredits: 0 }, metadata: meta(event, taskId, 'RecordCharge', context) },
        };
        return [recordCharge, releaseReservation(event, task, reservationId, 'other', context), slots];
      }
      return [
        {
          target: 'wallet',
          accountId: task.accountId,
          pool: task.pool,
          command: { type: 'ChargeReservation', data: { reservationId, millicredits: chargeMillicredits }, metadata: meta(event, taskId, 'ChargeReservation', context) },
        },
        slots,
      ];
    }
    case 'TaskFailed':
    case 'TaskCancelled':
    case 'TaskTimedOut':
      // Without a hold there is nothing to give back, only the slot (or the queue place).
      if (event.data.reservationId === null) return [slots];
      return [releaseReservation(event, task, event.data.reservationId, ENDINGS[event.type], context), slots];
    case 'LateReservationDeclined':
      return [releaseReservation(event, task, event.data.reservationId, releaseReasonFor(task.endReason), context)];
    case 'CreditsCharged':
      return [
        {
          target: 'task',
          taskId,
          command: { type: 'RecordCharge', data: { taskId, millicredits: event.data.millicredits }, metadata: meta(event, taskId, 'RecordCharge', context) },
        },
      ];
    case 'CreditsReleased':
      // The rest of a partly charged hold: the charge itself settles the task.
      if (event.data.reason === 'partial_charge') return [];
      return [recordRelease(event, task, event.data.millicredits, 'released', context)];
    case 'ReservationExpired':
      return [recordRelease(event, task, event.data.millicredits, 'expired', context)];
    case 'TaskRequested':
    case 'TaskQueued':
    case 'TaskReserved':
    case 'TaskDispatched':
    case 'TaskStarted':
    case 'TaskCharged':
    case 'TaskAdopted':
    case 'CreditsPurchased':
    case 'CreditsGranted':
    case 'CreditsExpired':
    case 'CreditsRefunded':
    case 'CreditsRevoked':
    case 'CreditsFrozen':
    case 'CreditsUnfrozen':
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

function rejectTask(event: TaskSagaEvent, task: Task, rejection: TaskRejection, context: TaskSagaContext): TaskSagaCommand {
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
