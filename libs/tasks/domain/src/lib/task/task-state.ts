import type { Actor, Channel, KeyBudget, QuoteSnapshot, TaskEndReason, TaskEvent, TaskRejection, TaskStatus } from '@billing/contracts';
import { assertNever } from '@billing/util';

/** A task as its own stream tells it. */
export interface Task {
  readonly status: TaskStatus;
  readonly taskId: string;
  readonly accountId: string;
  readonly channel: Channel;
  readonly pool: string;
  readonly quote: QuoteSnapshot;
  readonly batchId: string | null;
  readonly batchIndex: number | null;
  readonly queueIfBusy: boolean;
  readonly priority: boolean;
  /** The API key that asked, and its budget as it stood then: the hold is checked against it. */
  readonly keyId?: string;
  readonly keyBudget?: KeyBudget;
  /** Who asked; absent in tasks from before actors were recorded. */
  readonly actor?: Actor;
  readonly requestedAt: number;
  /** null until the wallet holds credits for it. */
  readonly reservationId: string | null;
  readonly creditsReservedMillicredits: number;
  readonly providerJobId: string | null;
  readonly outputDurationMillis: number | null;
  /** Decided on success, posted by the wallet later. */
  readonly chargeMillicredits: number | null;
  /** What was charged: null until `TaskCharged`. */
  readonly creditsCostMillicredits: number | null;
  readonly endReason: TaskEndReason | null;
  readonly rejection: TaskRejection | null;
  readonly adopted: boolean;
}

export type TaskState = { readonly status: 'none' } | Task;

export const initialTaskState: TaskState = { status: 'none' };

export function isTask(state: TaskState): state is Task {
  return state.status !== 'none';
}

export function evolveTask(state: TaskState, event: TaskEvent): TaskState {
  if (event.type === 'TaskRequested') {
    const { at, batchId, batchIndex, ...request } = event.data;
    return {
      ...request,
      status: 'requested',
      batchId: batchId ?? null,
      batchIndex: batchIndex ?? null,
      requestedAt: at,
      reservationId: null,
      creditsReservedMillicredits: 0,
      providerJobId: null,
      outputDurationMillis: null,
      chargeMillicredits: null,
      creditsCostMillicredits: null,
      endReason: null,
      rejection: null,
      adopted: false,
    };
  }
  if (!isTask(state)) return state;
  switch (event.type) {
    case 'TaskQueued':
      return { ...state, status: 'queued' };
    case 'TaskDequeued':
      return { ...state, status: 'requested' };
    case 'TaskReserved':
      return { ...state, status: 'reserved', reservationId: event.data.reservationId, creditsReservedMillicredits: event.data.millicredits };
    case 'TaskRejected':
      return { ...state, status: 'rejected', rejection: event.data.rejection, endReason: event.data.rejection.reason };
    case 'TaskDispatched':
      return { ...state, status: 'dispatched', providerJobId: event.data.providerJobId };
    case 'TaskStarted':
      return { ...state, status: 'running' };
    case 'TaskSucceeded':
      return {
        ...state,
        status: 'succeeded',
        endReason: 'succeeded',
        outputDurationMillis: event.data.outputDurationMillis,
        chargeMillicredits: event.data.chargeMillicredits,
      };
    case 'TaskFailed':
      return { ...state, status: 'failed', endReason: 'failed' };
    case 'TaskCancelled':
      return { ...state, status: 'cancelled', endReason: 'cancelled' };
    case 'TaskTimedOut':
      return { ...state, status: 'timed_out', endReason: 'timed_out' };
    case 'TaskCharged':
      return { ...state, status: 'charged', creditsCostMillicredits: event.data.creditsCostMillicredits };
    case 'TaskReleased':
      return { ...state, status: 'released', endReason: event.data.endReason };
    case 'TaskAdopted':
      return { ...state, adopted: true };
    case 'LateReservationDeclined':
      // The hold goes back to the wallet; the task's own story does not change.
      return state;
    default:
      return assertNever(event, 'task event');
  }
}
