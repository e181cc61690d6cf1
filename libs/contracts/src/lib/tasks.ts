import type { Actor } from './actor';
import type { Command, EpochMillis, Event } from './envelope';
import type { Channel, QuoteSnapshot } from './pricing';
import type { KeyBudget } from './wallet';

/**
 * Task messages: one stream per task (`task-<taskId>`). An account's concurrency slots
 * and queue are not a stream of their own: they follow from its tasks' events.
 * Amounts are integer millicredits; durations are integer milliseconds.
 */
export const TASK_CATEGORY = 'task';
export const taskStreamName = (taskId: string): string => `${TASK_CATEGORY}-${taskId}`;

/** The seed's limit: six tasks running at once per account; a plan may raise it. */
export const DEFAULT_CONCURRENCY_LIMIT = 6;

export type TaskStatus =
  | 'requested'
  | 'queued'
  | 'reserved'
  | 'dispatched'
  | 'running'
  | 'succeeded'
  | 'failed'
  | 'cancelled'
  | 'timed_out'
  | 'charged'
  | 'released'
  | 'rejected';

export const TASK_STATUSES: readonly TaskStatus[] = ['requested', 'queued', 'reserved', 'dispatched', 'running', 'succeeded', 'failed', 'cancelled', 'timed_out', 'charged', 'released', 'rejected'];

/** Why a task ended, kept after its hold is settled (status `charged`, `released` or `rejected`). */
export type TaskEndReason =
  | 'succeeded'
  | 'failed'
  | 'cancelled'
  | 'timed_out'
  | 'reservation_expired'
  | 'reservation_released'
  | 'insufficient_credits'
  | 'key_budget_exceeded'
  | 'concurrency_limit';

/** A refusal with the facts a client needs to understand it. */
export type TaskRejection =
  | { readonly reason: 'insufficient_credits'; readonly requestedMillicredits: number; readonly availableMillicredits: number }
  /** The API key's budget had less left (`availableMillicredits`) than the task needs; the pool was not touched. */
  | { readonly reason: 'key_budget_exceeded'; readonly requestedMillicredits: number; readonly availableMillicredits: number; readonly keyId: string }
  | { readonly reason: 'concurrency_limit'; readonly limit: number; readonly running: number };

export type TaskRejectionReason = TaskRejection['reason'];

/** What the wallet did with a task's hold, as the task records it. */
export type HoldReleaseCause = 'released' | 'expired';

/**
 * Where a request stands against its account's concurrency limit, decided as the request
 * is taken: it takes a slot (its credits are reserved next), waits in the queue, or is refused.
 */
export type SlotAdmission =
  | { readonly kind: 'slot' }
  | { readonly kind: 'queued'; readonly limit: number; readonly running: number }
  | { readonly kind: 'refused'; readonly limit: number; readonly running: number };

// ---- task commands ----
export type RequestTask = Command<'RequestTask', {
  taskId: string;
  accountId: string;
  channel: Channel;
  pool: string;
  quote: QuoteSnapshot;
  batchId?: string;
  batchIndex?: number;
  /** When every slot is taken: wait in the queue (true) or be rejected (false). */
  queueIfBusy: boolean;
  /** Priority tasks leave the queue before the others. */
  priority: boolean;
  /** The API key that asked, and its budget: the reservation carries them to the wallet. */
  keyId?: string;
  keyBudget?: KeyBudget;
  /** Who asked (absent: not known, as in tasks from before actors were recorded). */
  actor?: Actor;
  admission: SlotAdmission;
}>;
/** A queued task takes a slot that freed: its credits are reserved next. */
export type DequeueTask = Command<'DequeueTask', { taskId: string }>;
export type RecordReservation = Command<'RecordReservation', {
  taskId: string;
  reservationId: string;
  millicredits: number;
  expiresAt: EpochMillis;
}>;
export type RejectTask = Command<'RejectTask', { taskId: string; rejection: TaskRejection }>;
export type DispatchTask = Command<'DispatchTask', { taskId: string; providerJobId: string }>;
export type StartTask = Command<'StartTask', { taskId: string }>;
export type CompleteTask = Command<'CompleteTask', { taskId: string; outputDurationMillis: number }>;
export type FailTask = Command<'FailTask', { taskId: string; error: string }>;
export type CancelTask = Command<'CancelTask', { taskId: string }>;
export type TimeOutTask = Command<'TimeOutTask', { taskId: string }>;
export type RecordCharge = Command<'RecordCharge', { taskId: string; millicredits: number }>;
export type RecordRelease = Command<'RecordRelease', { taskId: string; millicredits: number; cause: HoldReleaseCause }>;
export type AdoptTask = Command<'AdoptTask', { taskId: string }>;

export type TaskCommand =
  | RequestTask
  | DequeueTask
  | RecordReservation
  | RejectTask
  | DispatchTask
  | StartTask
  | CompleteTask
  | FailTask
  | CancelTask
  | TimeOutTask
  | RecordCharge
  | RecordRelease
  | AdoptTask;

// ---- task events ----
export type TaskRequested = Event<'TaskRequested', {
  taskId: string;
  accountId: string;
  channel: Channel;
  pool: string;
  quote: QuoteSnapshot;
  batchId?: string;
  batchIndex?: number;
  queueIfBusy: boolean;
  priority: boolean;
  keyId?: string;
  keyBudget?: KeyBudget;
  actor?: Actor;
  at: EpochMillis;
}>;
/** Every slot was taken when the task was requested: it waits (appended with its `TaskRequested`). */
export type TaskQueued = Event<'TaskQueued', { taskId: string; priority: boolean; limit: number; running: number; at: EpochMillis }>;
/** A queued task took a slot that freed (it is `requested` again, its credits reserved next). */
export type TaskDequeued = Event<'TaskDequeued', { taskId: string; at: EpochMillis }>;
export type TaskReserved = Event<'TaskReserved', {
  taskId: string;
  reservationId: string;
  millicredits: number;
  expiresAt: EpochMillis;
  at: EpochMillis;
}>;
export type TaskRejected = Event<'TaskRejected', { taskId: string; rejection: TaskRejection; at: EpochMillis }>;
export type TaskDispatched = Event<'TaskDispatched', { taskId: string; providerJobId: string; at: EpochMillis }>;
export type TaskStarted = Event<'TaskStarted', { taskId: string; at: EpochMillis }>;
export type TaskSucceeded = Event<'TaskSucceeded', {
  taskId: string;
  reservationId: string;
  outputDurationMillis: number;
  /** What to charge: never more than the reservation. */
  chargeMillicredits: number;
  at: EpochMillis;
}>;
/** `reservationId` is null when the task ended before it held any credits. */
export type TaskFailed = Event<'TaskFailed', { taskId: string; reservationId: string | null; error: string; at: EpochMillis }>;
export type TaskCancelled = Event<'TaskCancelled', { taskId: string; reservationId: string | null; at: EpochMillis }>;
export type TaskTimedOut = Event<'TaskTimedOut', { taskId: string; reservationId: string | null; at: EpochMillis }>;
export type TaskCharged = Event<'TaskCharged', { taskId: string; creditsCostMillicredits: number; at: EpochMillis }>;
export type TaskReleased = Event<'TaskReleased', {
  taskId: string;
  releasedMillicredits: number;
  endReason: TaskEndReason;
  at: EpochMillis;
}>;
export type TaskAdopted = Event<'TaskAdopted', { taskId: string; at: EpochMillis }>;
/** A hold arrived for a task that had already ended without one: it must be given back. */
export type LateReservationDeclined = Event<'LateReservationDeclined', { taskId: string; reservationId: string; at: EpochMillis }>;

export type TaskEvent =
  | TaskRequested
  | TaskQueued
  | TaskDequeued
  | TaskReserved
  | TaskRejected
  | TaskDispatched
  | TaskStarted
  | TaskSucceeded
  | TaskFailed
  | TaskCancelled
  | TaskTimedOut
  | TaskCharged
  | TaskReleased
  | TaskAdopted
  | LateReservationDeclined;

export type TaskEventType = TaskEvent['type'];

/** Schema version of each event type's `data`; bump with an upcaster when a shape changes. */
export const TASK_EVENT_SCHEMA_VERSIONS: Readonly<Record<TaskEventType, number>> = {
  TaskRequested: 1,
  TaskQueued: 1,
  TaskDequeued: 1,
  TaskReserved: 1,
  TaskRejected: 1,
  TaskDispatched: 1,
  TaskStarted: 1,
  TaskSucceeded: 1,
  TaskFailed: 1,
  TaskCancelled: 1,
  TaskTimedOut: 1,
  TaskCharged: 1,
  TaskReleased: 1,
  TaskAdopted: 1,
  LateReservationDeclined: 1,
};
