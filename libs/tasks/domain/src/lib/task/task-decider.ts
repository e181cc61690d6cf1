import type {
  CompleteTask,
  Decider,
  RecordCharge,
  RecordRelease,
  RecordReservation,
  RequestTask,
  TaskCommand,
  TaskEndReason,
  TaskEvent,
  TaskStatus,
} from '@billing/contracts';
import { chargeForOutput, chargeIncrementOf } from '@billing/pricing-domain';
import { assertNever, isMillicredits } from '@billing/util';
import { TaskError } from './task-errors';
import { evolveTask, initialTaskState, isTask, type Task, type TaskState } from './task-state';

/** Statuses after which the provider's outcome is decided. */
const DECIDED: readonly TaskStatus[] = ['succeeded', 'failed', 'cancelled', 'timed_out', 'charged', 'released', 'rejected'];
const WAITING: readonly TaskStatus[] = ['requested', 'queued'];
const AT_PROVIDER: readonly TaskStatus[] = ['dispatched', 'running'];

type Ending = 'failed' | 'cancelled' | 'timed_out';

/**
 * The task lifecycle. Rules worth knowing:
 * - The first outcome wins. A cancel after success is an error (the work is done and
 *   charged); a success, failure or timeout after another outcome is ignored.
 * - A repeated command yields no events.
 * - A task that ends before it holds credits is released at once, with nothing to give back.
 */
export function decideTask(command: TaskCommand, state: TaskState): readonly TaskEvent[] {
  const at = command.metadata.now;
  if (command.type === 'RequestTask') return isTask(state) ? [] : requestTask(command);
  if (!isTask(state)) throw new TaskError('task_not_found', `task ${command.data.taskId} was never requested`);
  const taskId = state.taskId;
  switch (command.type) {
    case 'DequeueTask':
      return state.status === 'queued' ? [{ type: 'TaskDequeued', data: { taskId, at } }] : [];
    case 'RecordReservation':
      return recordReservation(command, state);
    case 'RejectTask':
      if (WAITING.includes(state.status)) return [{ type: 'TaskRejected', data: { taskId, rejection: command.data.rejection, at } }];
      if (DECIDED.includes(state.status)) return [];
      throw new TaskError('invalid_transition', `task ${taskId} is ${state.status}: too late to reject it`);
    case 'DispatchTask':
      if (state.status === 'reserved') return [{ type: 'TaskDispatched', data: { taskId, providerJobId: command.data.providerJobId, at } }];
      if (state.providerJobId === command.data.providerJobId) return [];
      throw new TaskError('invalid_transition', `task ${taskId} is ${state.status}: it cannot be dispatched`);
    case 'StartTask':
      if (state.status === 'dispatched') return [{ type: 'TaskStarted', data: { taskId, at } }];
      if (state.status === 'running' || DECIDED.includes(state.status)) return [];
      throw new TaskError('invalid_transition', `task ${taskId} is ${state.status}: it was not dispatched`);
    case 'CompleteTask':
      return completeTask(command, state);
    case 'FailTask':
      return endTask(state, 'failed', at, command.data.error);
    case 'CancelTask':
      if (state.status === 'succeeded' || state.status === 'charged') {
        throw new TaskError('already_succeeded', `task ${taskId} has succeeded: it can no longer be cancelled`);
      }
      return endTask(state, 'cancelled', at);
    case 'TimeOutTask':
      return endTask(state, 'timed_out', at);
    case 'RecordCharge':
      return recordCharge(command, state);
    case 'RecordRelease':
      return recordRelease(command, state);
    case 'AdoptTask':
      if (state.adopted) return [];
      if (state.status !== 'charged') throw new TaskError('not_charged', `task ${taskId} is ${state.status}: only a charged task can be adopted`);
      return [{ type: 'TaskAdopted', data: { taskId, at } }];
    default:
      return assertNever(command, 'task command');
  }
}

/** The request, and where it stands against the concurrency limit when it is not given a slot. */
function requestTask(command: RequestTask): readonly TaskEvent[] {
  const { admission, ...request } = command.data;
  const { taskId, quote, batchIndex, priority } = request;
  const at = command.metadata.now;
  if (!isMillicredits(quote.millicredits) || quote.millicredits < 0) {
    throw new TaskError('invalid_request', `quote ${quote.quoteId} has no whole, non-negative amount`);
  }
  if (!Number.isSafeInteger(quote.durationMillis) || quote.durationMillis < 0) {
    throw new TaskError('invalid_request', `quote ${quote.quoteId} has no whole, non-negative duration`);
  }
  if (quote.roundingIncrementMillicredits !== undefined && chargeIncrementOf(quote) !== quote.roundingIncrementMillicredits) {
    throw new TaskError('invalid_request', `quote ${quote.quoteId} has no whole, positive rounding increment`);
  }
  if (batchIndex !== undefined && (!Number.isSafeInteger(batchIndex) || batchIndex < 0)) {
    throw new TaskError('invalid_request', `batch index must be a whole number, got ${batchIndex}`);
  }
  const requested: TaskEvent = { type: 'TaskRequested', data: { ...request, at } };
  switch (admission.kind) {
    case 'slot':
      return [requested];
    case 'queued':
      return [requested, { type: 'TaskQueued', data: { taskId, priority, limit: admission.limit, running: admission.running, at } }];
    case 'refused':
      return [requested, { type: 'TaskRejected', data: { taskId, rejection: { reason: 'concurrency_limit', limit: admission.limit, running: admission.running }, at } }];
    default:
      return assertNever(admission, 'slot admission');
  }
}

function recordReservation(command: RecordReservation, state: Task): readonly TaskEvent[] {
  const { taskId, reservationId, millicredits, expiresAt } = command.data;
  const at = command.metadata.now;
  if (WAITING.includes(state.status)) return [{ type: 'TaskReserved', data: { taskId, reservationId, millicredits, expiresAt, at } }];
  // A hold that arrives after the task ended without one is handed back.
  if (state.reservationId === null) return [{ type: 'LateReservationDeclined', data: { taskId, reservationId, at } }];
  if (state.reservationId === reservationId) return [];
  throw new TaskError('reservation_mismatch', `task ${taskId} already holds ${state.reservationId}, not ${reservationId}`);
}

function completeTask(command: CompleteTask, state: Task): readonly TaskEvent[] {
  const { taskId, outputDurationMillis } = command.data;
  if (DECIDED.includes(state.status)) return [];
  if (!AT_PROVIDER.includes(state.status) || state.reservationId === null) {
    throw new TaskError('invalid_transition', `task ${taskId} is ${state.status}: it was not dispatched`);
  }
  if (!Number.isSafeInteger(outputDurationMillis) || outputDurationMillis < 0) {
    throw new TaskError('invalid_request', `output duration must be whole, non-negative milliseconds, got ${outputDurationMillis}`);
  }
  const chargeMillicredits = chargeForOutput(state.quote, outputDurationMillis, state.creditsReservedMillicredits);
  return [
    {
      type: 'TaskSucceeded',
      data: { taskId, reservationId: state.reservationId, outputDurationMillis, chargeMillicredits, at: command.metadata.now },
    },
  ];
}

function endTask(state: Task, ending: Ending, at: number, error = ''): readonly TaskEvent[] {
  if (DECIDED.includes(state.status)) return [];
  const { taskId, reservationId } = state;
  const ended: TaskEvent =
    ending === 'failed'
      ? { type: 'TaskFailed', data: { taskId, reservationId, error, at } }
      : ending === 'cancelled'
        ? { type: 'TaskCancelled', data: { taskId, reservationId, at } }
        : { type: 'TaskTimedOut', data: { taskId, reservationId, at } };
  if (reservationId !== null) return [ended];
  return [ended, { type: 'TaskReleased', data: { taskId, releasedMillicredits: 0, endReason: ending, at } }];
}

function recordCharge(command: RecordCharge, state: Task): readonly TaskEvent[] {
  const { taskId, millicredits } = command.data;
  if (state.status === 'charged') return [];
  if (state.status !== 'succeeded') throw new TaskError('invalid_transition', `task ${taskId} is ${state.status}: only a success is charged`);
  if (!isMillicredits(millicredits) || millicredits < 0 || millicredits > state.creditsReservedMillicredits) {
    throw new TaskError(
      'charge_exceeds_reservation',
      `task ${taskId} holds ${state.creditsReservedMillicredits} millicredits; a charge of ${millicredits} is refused`,
    );
  }
  return [{ type: 'TaskCharged', data: { taskId, creditsCostMillicredits: millicredits, at: command.metadata.now } }];
}

function recordRelease(command: RecordRelease, state: Task): readonly TaskEvent[] {
  const { taskId, millicredits, cause } = command.data;
  if (state.status === 'released' || state.status === 'charged' || state.status === 'rejected') return [];
  if (WAITING.includes(state.status)) throw new TaskError('invalid_transition', `task ${taskId} holds nothing to release yet`);
  const endReason: TaskEndReason =
    state.status === 'failed' || state.status === 'cancelled' || state.status === 'timed_out'
      ? state.status
      : cause === 'expired'
        ? 'reservation_expired'
        : 'reservation_released';
  return [{ type: 'TaskReleased', data: { taskId, releasedMillicredits: millicredits, endReason, at: command.metadata.now } }];
}

export const taskDecider: Decider<TaskCommand, TaskEvent, TaskState> = {
  decide: decideTask,
  evolve: evolveTask,
  initialState: initialTaskState,
};
