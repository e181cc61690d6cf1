const PREFIX = 'task:';

/** A task's hold is named after the task, so a redelivered request cannot hold twice. */
export function reservationIdFor(taskId: string): string {
  return `${PREFIX}${taskId}`;
}

/** The task a hold belongs to, or null for a hold that no task made. */
export function taskIdOfReservation(reservationId: string): string | null {
  return reservationId.startsWith(PREFIX) ? reservationId.slice(PREFIX.length) : null;
}
