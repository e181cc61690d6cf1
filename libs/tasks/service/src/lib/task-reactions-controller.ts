import { TASK_CATEGORY } from '@billing/contracts';
import { SUBSCRIPTION_TOPIC, SUBSCRIPTION_TOPIC_SCHEMAS } from '@billing/messaging';
import { type ReactorEvent, reactsTo } from '@billing/service-host';
import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { AccountPlans } from './plans/account-plans';
import { SAGA_OWN_EVENT_TYPES, WALLET_ANSWER_TYPES, WALLET_TOPIC, WALLET_TOPIC_SCHEMAS } from './saga/saga-events';
import { SagaRunner } from './saga/saga-runner';

export { SUBSCRIPTION_TOPIC };
/** The subscription events that move an account's plan. */
const PLAN_EVENTS = ['SubscriptionStarted', 'PlanPeriodGranted', 'PlanUpgraded', 'SubscriptionCancelled'];

/**
 * What the task service reacts to: its own tasks' events (the saga's next step), the
 * wallet's answers to its holds and charges, and the plans accounts subscribe to.
 */
@Controller()
export class TaskReactionsController {
  constructor(
    @Inject(SagaRunner) private readonly saga: SagaRunner,
    @Inject(AccountPlans) private readonly plans: AccountPlans,
  ) {}

  @EventPattern('task-saga', reactsTo({ kind: 'store', filter: { streamPrefixes: [`${TASK_CATEGORY}-`], eventTypes: [...SAGA_OWN_EVENT_TYPES] } }))
  taskEvents(@Payload() events: readonly ReactorEvent[]): Promise<void> {
    return this.saga.react(events);
  }

  @EventPattern('wallet-answers', reactsTo({ kind: 'bus', topics: [WALLET_TOPIC], schemas: WALLET_TOPIC_SCHEMAS, handles: WALLET_ANSWER_TYPES }))
  walletAnswers(@Payload() events: readonly ReactorEvent[]): Promise<void> {
    return this.saga.react(events);
  }

  @EventPattern('account-plans', reactsTo({ kind: 'bus', topics: [SUBSCRIPTION_TOPIC], schemas: SUBSCRIPTION_TOPIC_SCHEMAS, handles: PLAN_EVENTS }))
  subscriptionEvents(@Payload() events: readonly ReactorEvent[]): Promise<void> {
    return this.plans.follow(events);
  }
}
