import type { WalletEventType } from '@billing/contracts';
import { WALLET_TOPIC_SCHEMAS, WALLET_TOPIC } from '@billing/messaging';
import type { ReactorEvent } from '@billing/service-host';
import type { TaskSagaEvent } from '@billing/tasks-domain';

export { WALLET_TOPIC_SCHEMAS, WALLET_TOPIC };

/** The task events the saga acts on; the others decide nothing. */
export const SAGA_OWN_EVENT_TYPES = [
  'TaskDequeued',
  'TaskRejected',
  'TaskSucceeded',
  'TaskFailed',
  'TaskCancelled',
  'TaskTimedOut',
  'TaskReleased',
  'LateReservationDeclined',
] as const;

/**
 * The wallet's answers about holds, which the saga follows; the wallet topic's other types
 * are not the task service's business (validated, then skipped).
 */
export const WALLET_ANSWER_TYPES = [
  'CreditsReserved',
  'ReservationRejected',
  'CreditsCharged',
  'CreditsReleased',
  'ReservationExpired',
] as const satisfies readonly WalletEventType[];

const WALLET_ANSWERS: ReadonlySet<string> = new Set<string>(WALLET_ANSWER_TYPES);
const SAGA_TYPES: ReadonlySet<string> = new Set<string>([...SAGA_OWN_EVENT_TYPES, ...WALLET_ANSWER_TYPES]);

/**
 * A reactor event as the saga's input. Own events come from the service's store; wallet
 * events were validated against their payload classes by the host before they got here.
 */
export function asSagaEvent(event: ReactorEvent): TaskSagaEvent | null {
  if (!SAGA_TYPES.has(event.type)) return null;
  return { type: event.type, data: event.data } as TaskSagaEvent;
}

/** A wallet answer, which tells no revision of the task's stream (its own are the wallet's). */
export function isWalletAnswer(event: TaskSagaEvent): boolean {
  return WALLET_ANSWERS.has(event.type);
}
