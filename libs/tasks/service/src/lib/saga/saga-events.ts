import { WALLET_EVENT_SCHEMA_VERSIONS, type WalletEventType } from '@billing/contracts';
import {
  CreditsChargedPayload,
  CreditsReleasedPayload,
  CreditsReservedPayload,
  type PayloadSchemas,
  ReservationExpiredPayload,
  ReservationRejectedPayload,
  WALLET_TOPIC,
} from '@billing/messaging';
import type { ReactorEvent } from '@billing/service-host';
import type { TaskSagaEvent } from '@billing/tasks-domain';

export { WALLET_TOPIC };

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

/** The wallet's answers about holds; other wallet events are not the task service's business. */
const WALLET_ANSWERS = {
  CreditsReserved: CreditsReservedPayload,
  ReservationRejected: ReservationRejectedPayload,
  CreditsCharged: CreditsChargedPayload,
  CreditsReleased: CreditsReleasedPayload,
  ReservationExpired: ReservationExpiredPayload,
} satisfies Partial<Record<WalletEventType, new () => object>>;

type WalletAnswers = { [K in keyof typeof WALLET_ANSWERS]: InstanceType<(typeof WALLET_ANSWERS)[K]> };

export const WALLET_ANSWER_SCHEMAS = Object.fromEntries(
  (Object.keys(WALLET_ANSWERS) as (keyof typeof WALLET_ANSWERS)[]).map((type) => [
    type,
    { schemaVersion: WALLET_EVENT_SCHEMA_VERSIONS[type], dto: WALLET_ANSWERS[type] },
  ]),
) as PayloadSchemas<WalletAnswers>;

const SAGA_TYPES: ReadonlySet<string> = new Set<string>([...SAGA_OWN_EVENT_TYPES, ...Object.keys(WALLET_ANSWERS)]);

/**
 * A reactor event as the saga's input. Own events come from the service's store; wallet
 * events were validated against their payload classes by the host before they got here.
 */
export function asSagaEvent(event: ReactorEvent): TaskSagaEvent | null {
  if (!SAGA_TYPES.has(event.type)) return null;
  return { type: event.type, data: event.data } as TaskSagaEvent;
}
