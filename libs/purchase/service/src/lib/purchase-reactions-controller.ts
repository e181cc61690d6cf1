import { AUTO_TOP_UP_CATEGORY, AUTO_TOP_UP_ORDER_PREFIX, orderStreamName, SUBSCRIPTION_CATEGORY } from '@billing/contracts';
import { WALLET_TOPIC, WALLET_TOPIC_SCHEMAS } from '@billing/messaging';
import { type ReactorEvent, reactsTo } from '@billing/service-host';
import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { AVAILABLE_CREDIT_MOVES } from './auto-top-up-reactions';

export const PURCHASE_REACTIONS = Symbol('PurchaseReactions');

export interface PurchaseReactions {
  readonly workflow: (events: readonly ReactorEvent[]) => Promise<void>;
  readonly refundSettlement: (events: readonly ReactorEvent[]) => Promise<void>;
  readonly autoTopUpChecks: (events: readonly ReactorEvent[]) => Promise<void>;
  readonly autoTopUpCharges: (events: readonly ReactorEvent[]) => Promise<void>;
  readonly autoTopUpNotices: (events: readonly ReactorEvent[]) => Promise<void>;
  readonly providerCancellations: (events: readonly ReactorEvent[]) => Promise<void>;
}

/** What purchase reacts to: its own orders, subscriptions and auto top-ups, and the wallet's revocations and balance moves. */
@Controller()
export class PurchaseReactionsController {
  constructor(@Inject(PURCHASE_REACTIONS) private readonly reactions: PurchaseReactions) {}

  /** Every purchase event (the workflow says which ones lead anywhere), so the checkpoint tracks the head. */
  @EventPattern('purchase-workflow', reactsTo({ kind: 'store', filter: { streamPrefixes: ['order-', 'subscription-'] } }))
  purchaseEvents(@Payload() events: readonly ReactorEvent[]): Promise<void> {
    return this.reactions.workflow(events);
  }

  /** Every type the topic carries is checked (what is not one is dead-lettered); only revocations are handled. */
  @EventPattern('refund-settlement', reactsTo({ kind: 'bus', topics: [WALLET_TOPIC], schemas: WALLET_TOPIC_SCHEMAS, handles: ['CreditsRevoked'] }))
  walletRevocations(@Payload() events: readonly ReactorEvent[]): Promise<void> {
    return this.reactions.refundSettlement(events);
  }

  /** After each batch of wallet events, each touched pool with auto top-up is checked against its available credits. */
  @EventPattern('auto-top-up-checks', reactsTo({ kind: 'bus', topics: [WALLET_TOPIC], schemas: WALLET_TOPIC_SCHEMAS, handles: AVAILABLE_CREDIT_MOVES }))
  walletMoves(@Payload() events: readonly ReactorEvent[]): Promise<void> {
    return this.reactions.autoTopUpChecks(events);
  }

  /** A started top-up is ordered and charged; a declined top-up order settles its top-up. */
  @EventPattern('auto-top-up-charges', reactsTo({ kind: 'store', filter: { streamPrefixes: [`${AUTO_TOP_UP_CATEGORY}-`, orderStreamName(AUTO_TOP_UP_ORDER_PREFIX)] } }))
  topUpCharges(@Payload() events: readonly ReactorEvent[]): Promise<void> {
    return this.reactions.autoTopUpCharges(events);
  }

  /** A plan ended here by a chargeback or a refund is cancelled at the provider (apart from the workflow, so a provider outage holds no grant up). */
  @EventPattern('provider-cancellations', reactsTo({ kind: 'store', filter: { streamPrefixes: [`${SUBSCRIPTION_CATEGORY}-`] } }))
  subscriptionEndings(@Payload() events: readonly ReactorEvent[]): Promise<void> {
    return this.reactions.providerCancellations(events);
  }

  /** Each ended top-up becomes an `auto_top_up.*` webhook message (apart from the charges, so a webhooks outage never holds a charge up). */
  @EventPattern('auto-top-up-notices', reactsTo({ kind: 'store', filter: { streamPrefixes: [`${AUTO_TOP_UP_CATEGORY}-`] } }))
  topUpNotices(@Payload() events: readonly ReactorEvent[]): Promise<void> {
    return this.reactions.autoTopUpNotices(events);
  }
}
