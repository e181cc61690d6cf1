import { WALLET_TOPIC, WALLET_TOPIC_SCHEMAS } from '@billing/messaging';
import { type ReactorEvent, reactsTo } from '@billing/service-host';
import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';

export const PURCHASE_REACTIONS = Symbol('PurchaseReactions');

export interface PurchaseReactions {
  readonly workflow: (events: readonly ReactorEvent[]) => Promise<void>;
  readonly refundSettlement: (events: readonly ReactorEvent[]) => Promise<void>;
}

/** What purchase reacts to: its own orders and subscriptions (the purchase workflow), and the wallet's revocations. */
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
}
