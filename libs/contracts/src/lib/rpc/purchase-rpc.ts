import type { Actor } from '../actor';
import type { EpochMillis } from '../envelope';
import type { OrderItem, PlanTerms, RefundInitiator } from '../purchase';
import { rpc } from './rpc-contract';

// ---- requests ----
/** What an order buys: a pack of the active book by id, or a plan by id. */
export interface OrderItemCall {
  readonly kind: 'pack' | 'plan';
  readonly packId?: string;
  readonly planId?: string;
}

/** `placeOrder`: the order id is the client's (its idempotency key); a repeat answers the same order. */
export interface PlaceOrderCall {
  readonly accountId: string;
  readonly orderId: string;
  readonly item: OrderItemCall;
  /** Who places it: an API key, or the signed-in member. */
  readonly actor?: Actor;
  readonly successUrl?: string;
  readonly cancelUrl?: string;
}

/** `getOrder`: with `accountId`, an order of another account is not found. */
export interface GetOrderCall {
  readonly orderId: string;
  readonly accountId?: string;
}

/** `confirmSandboxPayment`: the embedded platform's "the buyer paid". */
export interface ConfirmSandboxPaymentCall {
  readonly orderId: string;
}

/** `orderCredited`: whether one of the account's paid orders is in its wallet, waiting up to `waitMillis` for it. */
export interface OrderCreditedCall {
  readonly orderId: string;
  readonly accountId: string;
  readonly waitMillis: number;
}

/** `paymentWebhook`: the provider's notification exactly as the gateway received it (body in base64). */
export interface PaymentWebhookCall {
  readonly provider: 'sandbox' | 'stripe';
  readonly rawBody: string;
  readonly headers: Record<string, string>;
}

/**
 * `refundOrder`: finance refunds any paid order; the buyer (`requestedBy: owner`, with
 * `accountId`) an unused pack within the window. A pack's unspent credits are taken back
 * and the money for them returned through the provider.
 */
export interface RefundOrderCall {
  readonly orderId: string;
  readonly reason: string;
  readonly requestedBy?: 'finance' | 'owner';
  readonly accountId?: string;
}

/**
 * `refundRenewal`: finance refunds a paid renewal (`invoiceId`: the provider's invoice, or
 * the payment that paid it); the period's unspent credits are taken back and their share of
 * the renewal's price returned through the provider. The buyer (`requestedBy: owner`, with
 * `accountId`) is refused: a plan is ended by cancelling it.
 */
export interface RefundRenewalCall {
  readonly invoiceId: string;
  readonly reason: string;
  readonly requestedBy?: 'finance' | 'owner';
  readonly accountId?: string;
}

/** A paid renewal: the period it paid, its price and credits, and its refund. */
export interface PaidRenewalView {
  readonly accountId: string;
  readonly invoiceId: string;
  readonly periodStart: EpochMillis;
  readonly periodEnd: EpochMillis;
  readonly amountCents: number;
  readonly currency: string;
  readonly millicredits: number;
  /** `refund_requested` until the wallet's first revocation of the period's credits is settled. */
  readonly status: 'paid' | 'refund_requested' | 'refunded';
  readonly refundedCents: number;
  readonly revokedMillicredits: number;
}

/** `planSubscription`, `cancelPlanAtPeriodEnd`, `resumePlan`: the account's plan subscription. */
export interface PlanSubscriptionCall {
  readonly accountId: string;
}

/** `changePlan`: to a plan with a larger grant now (pro rata), to a smaller one at the paid period's end. */
export interface ChangePlanCall {
  readonly accountId: string;
  readonly planId: string;
}

/** `receipts`: the account's receipts, newest first; with `orderId`, that order's only. */
export interface ReceiptsCall {
  readonly accountId: string;
  readonly orderId?: string;
}

/** `failNextSandboxRenewals`: the sandbox declines the account's next renewal attempts. */
export interface FailSandboxRenewalsCall {
  readonly accountId: string;
  readonly count?: number;
}

/** `accountPlan`: the account's plan, or the default plan of the book in force. */
export interface AccountPlanCall {
  readonly accountId: string;
}

/** `startContractPlan`: a plan sold by contract (no online price, e.g. Studio) starts now. */
export interface StartContractPlanCall {
  readonly accountId: string;
  readonly planId: string;
  readonly contractReference: string;
}

// ---- replies ----
export type OrderStatus = 'placed' | 'paid' | 'payment_failed' | 'refund_requested' | 'refunded';

export interface Order {
  readonly status: OrderStatus;
  readonly orderId: string;
  readonly accountId: string;
  readonly item: OrderItem;
  readonly amountCents: number;
  readonly currency: string;
  readonly priceBookId: string;
  readonly priceBookVersion: string;
  readonly placedAt: EpochMillis;
  /** Who placed it; absent for an order from before that was recorded. */
  readonly actor?: Actor;
  readonly paymentId: string | null;
  /** What the provider refunds and disputes, when not `paymentId` (a Stripe subscription's first PaymentIntent). */
  readonly linkedPaymentId: string | null;
  readonly paidAt: EpochMillis | null;
  readonly refund: {
    readonly initiatedBy: RefundInitiator;
    readonly reason: string;
    readonly providerRefundedCents?: number;
  } | null;
  /** Money returned so far and the credits it paid for (a pack is settled per revocation). */
  readonly refundedCents: number;
  readonly revokedMillicredits: number;
  readonly revocations: readonly string[];
  /** A payment has one dispute at most (a card network's rule). */
  readonly dispute: { readonly disputeId: string; readonly status: 'open' | 'won' | 'lost' } | null;
}

export interface PlacedOrder {
  readonly order: Order;
  readonly checkoutUrl: string;
  readonly providerReference: string;
}

export interface WebhookOutcome {
  /** `applied`: the order or plan changed; `duplicate`: it already had; `ignored`: a notification with nothing to do. */
  readonly outcome: 'applied' | 'duplicate' | 'ignored';
  readonly order?: Order;
  /** The account whose plan a renewal or an ending was about. */
  readonly accountId?: string;
}

/** An account's plan subscription as its owner sees it. */
export interface PlanSubscriptionView {
  readonly accountId: string;
  readonly planId: string;
  readonly status: 'active' | 'past_due' | 'cancelled';
  readonly billing: 'provider' | 'contract';
  /** The end of the last period granted (paid): credits of the period expire then. */
  readonly paidThrough: EpochMillis | null;
  /** Set when cancelled at period end: the plan ends then unless resumed. */
  readonly endsAt: EpochMillis | null;
  readonly cancelledAt: EpochMillis | null;
  /** A downgrade scheduled: the plan renews as `planId` from `from`. */
  readonly pendingChange: { readonly planId: string; readonly from: EpochMillis } | null;
}

/**
 * What a payment bought: an order (a pack, or a plan's first period), a plan's renewal, or
 * an upgrade's difference. `taxCents` is null unless the provider computed tax;
 * `receiptUrl` is the provider's hosted receipt or invoice where it has one. `invoiceId`
 * names a renewal's or an upgrade's payment, by which it is refunded (an order is refunded
 * by its `orderId`); `refund` is null until a refund is asked for.
 */
export interface Receipt {
  readonly receiptId: string;
  readonly kind: 'order' | 'renewal' | 'upgrade';
  readonly accountId: string;
  readonly orderId: string | null;
  readonly description: string;
  readonly amountCents: number;
  readonly currency: string;
  readonly taxCents: number | null;
  readonly creditsMillicredits: number;
  readonly pool: string;
  readonly periodStart: EpochMillis | null;
  readonly periodEnd: EpochMillis | null;
  readonly paidAt: EpochMillis;
  readonly receiptUrl: string | null;
  readonly invoiceId: string | null;
  readonly refund: ReceiptRefund | null;
}

/** A receipt's refund: asked for, then `refunded` once the wallet's revocation is settled; `refundedCents` is the money returned so far. */
export interface ReceiptRefund {
  readonly status: 'refund_requested' | 'refunded';
  readonly refundedCents: number;
}

export interface ReceiptsReply {
  readonly receipts: readonly Receipt[];
}

export interface SandboxRenewalsReply {
  readonly accountId: string;
  readonly failNext: number;
}

export interface OrderCreditedReply {
  /** True once balances read now show what the order bought (a plan: in force, with its first month granted). */
  readonly credited: boolean;
}

export interface AccountPlan extends PlanTerms {
  readonly accountId: string;
  readonly planId: string;
  /** `subscription`: bought or contracted; `default`: the book's plan for everyone else. */
  readonly source: 'subscription' | 'default';
  readonly pool?: string;
  readonly monthlyMillicredits?: number;
}

// ---- auto top-up ----
export interface AutoTopUpPoolCall {
  readonly accountId: string;
  readonly pool: string;
}

export interface SetAutoTopUpCall extends AutoTopUpPoolCall {
  readonly thresholdMillicredits: number;
  /** A pack of the book in force sold in `pool`. */
  readonly packId: string;
  readonly monthlyCapCents: number;
  readonly maxFailures: number;
}

/** A pool's auto top-up as it stands: the setting, the month's spend against the cap, the top-up in flight. */
export interface AutoTopUpView {
  readonly pool: string;
  /** `disabled`: declined `maxFailures` times in a row (saving the setting again enables it). */
  readonly status: 'enabled' | 'disabled';
  readonly thresholdMillicredits: number;
  readonly packId: string;
  readonly packMillicredits: number;
  readonly amountCents: number;
  readonly currency: string;
  readonly monthlyCapCents: number;
  readonly maxFailures: number;
  readonly failures: number;
  readonly spentThisMonthCents: number;
  readonly inFlightOrderId: string | null;
  readonly disabledReason: string | null;
}

export const PurchaseRpc = {
  placeOrder: rpc<PlaceOrderCall, PlacedOrder>('purchase', 'placeOrder'),
  getOrder: rpc<GetOrderCall, Order>('purchase', 'getOrder'),
  confirmSandboxPayment: rpc<ConfirmSandboxPaymentCall, WebhookOutcome>('purchase', 'confirmSandboxPayment'),
  orderCredited: rpc<OrderCreditedCall, OrderCreditedReply>('purchase', 'orderCredited'),
  paymentWebhook: rpc<PaymentWebhookCall, WebhookOutcome>('purchase', 'paymentWebhook'),
  refundOrder: rpc<RefundOrderCall, Order>('purchase', 'refundOrder'),
  refundRenewal: rpc<RefundRenewalCall, PaidRenewalView>('purchase', 'refundRenewal'),
  accountPlan: rpc<AccountPlanCall, AccountPlan>('purchase', 'accountPlan'),
  startContractPlan: rpc<StartContractPlanCall, AccountPlan>('purchase', 'startContractPlan'),
  planSubscription: rpc<PlanSubscriptionCall, PlanSubscriptionView>('purchase', 'planSubscription'),
  cancelPlanAtPeriodEnd: rpc<PlanSubscriptionCall, PlanSubscriptionView>('purchase', 'cancelPlanAtPeriodEnd'),
  resumePlan: rpc<PlanSubscriptionCall, PlanSubscriptionView>('purchase', 'resumePlan'),
  changePlan: rpc<ChangePlanCall, PlanSubscriptionView>('purchase', 'changePlan'),
  receipts: rpc<ReceiptsCall, ReceiptsReply>('purchase', 'receipts'),
  failNextSandboxRenewals: rpc<FailSandboxRenewalsCall, SandboxRenewalsReply>('purchase', 'failNextSandboxRenewals'),
  setAutoTopUp: rpc<SetAutoTopUpCall, AutoTopUpView>('purchase', 'setAutoTopUp'),
  autoTopUp: rpc<AutoTopUpPoolCall, AutoTopUpView>('purchase', 'autoTopUp'),
  removeAutoTopUp: rpc<AutoTopUpPoolCall, { readonly pool: string; readonly removed: boolean }>('purchase', 'removeAutoTopUp'),
};
