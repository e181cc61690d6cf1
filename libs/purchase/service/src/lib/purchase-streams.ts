import {
  AUTO_TOP_UP_EVENT_SCHEMA_VERSIONS,
  type AutoTopUpCommand,
  type AutoTopUpEvent,
  autoTopUpStreamName,
  orderStreamName,
  PURCHASE_EVENT_SCHEMA_VERSIONS,
  subscriptionStreamName,
  type OrderCommand,
  type OrderEvent,
  type PaymentLinkReported,
  type ReportPaymentLink,
  type PlanTerms,
  type SubscriptionCommand,
  type SubscriptionEvent,
} from '@billing/contracts';
import { createRepository, type EventStore, type Repository } from '@billing/event-store';
import {
  autoTopUpDecider,
  type AutoTopUpState,
  evolveOrder,
  evolveSubscription,
  initialOrderState,
  initialSubscriptionState,
  isOrder,
  orderDecider,
  paymentLinkDecider,
  subscriptionDecider,
  type Order,
  type SubscriptionState,
} from '@billing/purchase-domain';

/** An account's plan subscription as it stands, with the terms its start carried. */
export interface SubscriptionView {
  readonly state: SubscriptionState;
  readonly terms?: PlanTerms;
}

/** The purchase service's streams: orders, one plan subscription per account, one auto top-up per account and pool. */
export class PurchaseStreams {
  readonly orders: Repository<OrderCommand, OrderEvent>;
  readonly subscriptions: Repository<SubscriptionCommand, SubscriptionEvent>;
  /** The provider's reports of which payment settled another, one stream per payment. */
  readonly links: Repository<ReportPaymentLink, PaymentLinkReported>;
  readonly autoTopUps: Repository<AutoTopUpCommand, AutoTopUpEvent, AutoTopUpState>;

  constructor(
    private readonly store: EventStore,
    newEventId: () => string,
  ) {
    const schemaVersionOf = (type: OrderEvent['type'] | SubscriptionEvent['type']) => PURCHASE_EVENT_SCHEMA_VERSIONS[type];
    this.orders = createRepository({ store, decider: orderDecider, schemaVersionOf, newEventId, maxRetries: 10 });
    this.subscriptions = createRepository({ store, decider: subscriptionDecider, schemaVersionOf, newEventId, maxRetries: 10 });
    this.links = createRepository({ store, decider: paymentLinkDecider, schemaVersionOf: () => 1, newEventId, maxRetries: 10 });
    this.autoTopUps = createRepository({ store, decider: autoTopUpDecider, schemaVersionOf: (type) => AUTO_TOP_UP_EVENT_SCHEMA_VERSIONS[type], newEventId, maxRetries: 10 });
  }

  async autoTopUp(accountId: string, pool: string): Promise<AutoTopUpState> {
    return (await this.autoTopUps.current(autoTopUpStreamName(accountId, pool))).state;
  }

  async order(orderId: string): Promise<Order | undefined> {
    const events = await this.store.readStream(orderStreamName(orderId));
    // The store holds what the order decider wrote.
    const state = events.reduce((current, e) => evolveOrder(current, { type: e.type, data: e.data } as OrderEvent), initialOrderState);
    return isOrder(state) ? state : undefined;
  }

  async subscription(accountId: string): Promise<SubscriptionView> {
    const events = await this.store.readStream(subscriptionStreamName(accountId));
    let state = initialSubscriptionState;
    for (const recorded of events) state = evolveSubscription(state, { type: recorded.type, data: recorded.data } as SubscriptionEvent);
    return { state, ...(state.status !== 'none' && state.terms ? { terms: state.terms } : {}) };
  }
}
