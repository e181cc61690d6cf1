import { PURCHASE_EVENT_SCHEMA_VERSIONS, SUBSCRIPTION_CATEGORY, type SubscriptionEvent } from '@billing/contracts';
import type { PayloadSchemas } from '../consumer/event-message';
import { topicFor } from '../topics';
import type { NamesEveryMember } from '../wallet/wallet-topic';
import {
  PlanDowngradeScheduledPayload,
  PlanPeriodGrantedPayload,
  PlanUpgradedPayload,
  RenewalDisputeClosedPayload,
  RenewalDisputedPayload,
  RenewalRefundedPayload,
  RenewalRefundRequestedPayload,
  SubscriptionCancellationScheduledPayload,
  SubscriptionCancelledPayload,
  SubscriptionPastDuePayload,
  SubscriptionResumedPayload,
  SubscriptionStartedPayload,
} from './subscription-payloads';

export const SUBSCRIPTION_TOPIC = topicFor(SUBSCRIPTION_CATEGORY, 1);

const DTOS = {
  SubscriptionStarted: SubscriptionStartedPayload,
  PlanPeriodGranted: PlanPeriodGrantedPayload,
  PlanUpgraded: PlanUpgradedPayload,
  PlanDowngradeScheduled: PlanDowngradeScheduledPayload,
  SubscriptionPastDue: SubscriptionPastDuePayload,
  SubscriptionCancelled: SubscriptionCancelledPayload,
  SubscriptionCancellationScheduled: SubscriptionCancellationScheduledPayload,
  SubscriptionResumed: SubscriptionResumedPayload,
  RenewalDisputed: RenewalDisputedPayload,
  RenewalDisputeClosed: RenewalDisputeClosedPayload,
  RenewalRefundRequested: RenewalRefundRequestedPayload,
  RenewalRefunded: RenewalRefundedPayload,
} satisfies Record<SubscriptionEvent['type'], new () => object>;

export type SubscriptionPayloads = { [K in SubscriptionEvent['type']]: InstanceType<(typeof DTOS)[K]> };

/** Each payload class names every member of its event's data (a missing one is a compile error here). */
const everyMember: { [K in SubscriptionEvent['type']]: NamesEveryMember<SubscriptionPayloads[K], Extract<SubscriptionEvent, { type: K }>['data']> } = {
  SubscriptionStarted: true,
  PlanPeriodGranted: true,
  PlanUpgraded: true,
  PlanDowngradeScheduled: true,
  SubscriptionPastDue: true,
  SubscriptionCancelled: true,
  SubscriptionCancellationScheduled: true,
  SubscriptionResumed: true,
  RenewalDisputed: true,
  RenewalDisputeClosed: true,
  RenewalRefundRequested: true,
  RenewalRefunded: true,
};
void everyMember;

/** Every type the subscription topic carries, validated by its payload class at the contract's schema version (a consumer `handles` the ones it follows). */
export const SUBSCRIPTION_TOPIC_SCHEMAS = Object.fromEntries(
  (Object.keys(DTOS) as SubscriptionEvent['type'][]).map((type) => [type, { schemaVersion: PURCHASE_EVENT_SCHEMA_VERSIONS[type], dto: DTOS[type] }]),
) as PayloadSchemas<SubscriptionPayloads>;
