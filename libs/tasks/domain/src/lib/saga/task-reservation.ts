import type { CommandMetadata, KeyBudgetShortfall, ReservationAnswer, ReserveCreditsCall, ReserveCredits, TaskCommand, TaskRejection } from '@billing/contracts';
import type { Task } from '../task/task-state';
import { reservationIdFor } from './reservation-id';

/** The hold a task asks its wallet for: its quoted credits, named after the task (so asking twice holds once). */
export function reserveCreditsFor(task: Task, ttlMillis: number, metadata: CommandMetadata): ReserveCredits {
  const { taskId, keyId, keyBudget } = task;
  const key = { ...(keyId === undefined ? {} : { keyId }), ...(keyBudget === undefined ? {} : { keyBudget }) };
  return { type: 'ReserveCredits', data: { reservationId: reservationIdFor(taskId), millicredits: task.quote.millicredits, ttlMillis, taskId, ...key }, metadata };
}

/** The same hold, asked of the wallet's `reserveCredits` method, which answers with its outcome. */
export function reservationCallFor(task: Task, ttlMillis: number, metadata: CommandMetadata): ReserveCreditsCall {
  const { data } = reserveCreditsFor(task, ttlMillis, metadata);
  const { commandId, now, correlationId } = metadata;
  return { accountId: task.accountId, pool: task.pool, ...data, commandId, now, ...(correlationId === undefined ? {} : { correlationId }) };
}

/** What the wallet's answer makes of the task: it holds the credits, or it is rejected for want of them. */
export function recordAnswer(taskId: string, answer: ReservationAnswer, metadata: CommandMetadata): TaskCommand {
  if (answer.outcome === 'reserved') {
    const { reservationId, millicredits, expiresAt } = answer;
    return { type: 'RecordReservation', data: { taskId, reservationId, millicredits, expiresAt }, metadata };
  }
  return { type: 'RejectTask', data: { taskId, rejection: rejectionOf(answer) }, metadata };
}

/** A refusal by the key's budget says what the key had left; any other, what the pool had. */
export function rejectionOf(refusal: { requestedMillicredits: number; availableMillicredits: number; keyBudget?: KeyBudgetShortfall }): TaskRejection {
  const { requestedMillicredits, availableMillicredits, keyBudget } = refusal;
  if (keyBudget === undefined) return { reason: 'insufficient_credits', requestedMillicredits, availableMillicredits };
  return { reason: 'key_budget_exceeded', requestedMillicredits, availableMillicredits: keyBudget.remainingMillicredits, keyId: keyBudget.keyId };
}
