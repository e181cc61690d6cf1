/** Invalid requests to an order or a subscription: the caller is told, no event is written. */
export type PurchaseErrorCode =
  | 'invalid_order'
  | 'order_not_found'
  | 'payment_mismatch'
  | 'not_paid'
  | 'refund_not_requested'
  | 'refund_mismatch'
  | 'invalid_subscription'
  | 'no_subscription'
  | 'already_subscribed'
  | 'period_out_of_sequence'
  | 'period_not_started'
  | 'period_not_paid'
  | 'subscription_cancelled'
  | 'plan_change_refused'
  | 'invalid_auto_top_up';

export class PurchaseError extends Error {
  constructor(
    readonly code: PurchaseErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'PurchaseError';
  }
}
