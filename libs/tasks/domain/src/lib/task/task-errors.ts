/** Invalid requests to a task: the caller is told, no event is written. */
export type TaskErrorCode =
  | 'task_not_found'
  | 'invalid_request'
  | 'invalid_transition'
  | 'already_succeeded'
  | 'charge_exceeds_reservation'
  | 'reservation_mismatch'
  | 'not_charged';

export class TaskError extends Error {
  constructor(
    readonly code: TaskErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'TaskError';
  }
}
