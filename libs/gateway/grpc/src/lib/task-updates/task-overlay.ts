import type { RejectionView, TaskView } from '@billing/gateway-application';
import { creditsNumber, parseCredits } from '@billing/util';
import type { ChangeRejection, TaskChange } from './task-change';

/**
 * Where a status sits in a task's life. Every task moves forward through these steps, so a
 * change that would move a view backwards is older than the view (it was read after the
 * event happened) and is left out; equal steps are the same news twice.
 */
const STEP: Readonly<Record<string, number>> = {
  requested: 0,
  queued: 1,
  reserved: 2,
  dispatched: 3,
  running: 4,
  succeeded: 5,
  failed: 5,
  cancelled: 5,
  timed_out: 5,
  charged: 6,
  released: 6,
  rejected: 6,
};

const STATUS_OF: Readonly<Record<TaskChange['type'], string | null>> = {
  TaskRequested: 'requested',
  TaskQueued: 'queued',
  TaskReserved: 'reserved',
  TaskDispatched: 'dispatched',
  TaskStarted: 'running',
  TaskSucceeded: 'succeeded',
  TaskFailed: 'failed',
  TaskCancelled: 'cancelled',
  TaskTimedOut: 'timed_out',
  TaskCharged: 'charged',
  TaskReleased: 'released',
  TaskRejected: 'rejected',
  TaskAdopted: null,
};

/** The view after `change`, or null when the change tells the view nothing new. */
export function overlayTaskChange(view: TaskView, change: TaskChange): TaskView | null {
  if (change.type === 'TaskAdopted') return view.adopted ? null : { ...view, adopted: true };
  const status = STATUS_OF[change.type];
  if (status === null || (STEP[status] ?? -1) <= (STEP[view.status] ?? -1)) return null;
  const next: TaskView = { ...view, status };
  switch (change.type) {
    case 'TaskReserved':
      return { ...next, credits_reserved: creditsNumber(change.millicredits) };
    case 'TaskSucceeded':
      return { ...next, end_reason: status, ...deliveredOutput(view, change.outputDurationMillis, change.chargeMillicredits) };
    case 'TaskFailed':
    case 'TaskCancelled':
    case 'TaskTimedOut':
      return { ...next, end_reason: status };
    case 'TaskCharged':
      return { ...next, credits_cost: creditsNumber(change.creditsCostMillicredits) };
    case 'TaskReleased':
      return { ...next, end_reason: change.endReason };
    case 'TaskRejected':
      return { ...next, end_reason: change.rejection.reason, rejection: rejectionView(change.rejection) };
    default:
      return next;
  }
}

/**
 * What a success tells of the output. Pro rata when it is shorter than quoted and charged less
 * than in full (the quote, capped by the hold): the event carries the charge, not the book's rule.
 */
function deliveredOutput(view: TaskView, outputDurationMillis: number, chargeMillicredits: number): Pick<TaskView, 'delivered_duration_seconds' | 'charge_basis'> {
  const full = Math.min(parseCredits(view.quote.credits), parseCredits(view.credits_reserved));
  const shorter = outputDurationMillis < parseCredits(view.quote.duration_seconds);
  return { delivered_duration_seconds: creditsNumber(outputDurationMillis), charge_basis: shorter && chargeMillicredits < full ? 'pro_rata' : 'full' };
}

function rejectionView(rejection: ChangeRejection): RejectionView {
  if (rejection.reason === 'insufficient_credits') {
    return {
      reason: rejection.reason,
      required: creditsNumber(rejection.requestedMillicredits),
      available: creditsNumber(rejection.availableMillicredits),
      limit: null,
      running: null,
    };
  }
  return { reason: rejection.reason, required: null, available: null, limit: rejection.limit, running: rejection.running };
}
