/**
 * The shapes the services' RPC methods answer with, as this gateway reads them. The
 * gateway meets services only over RPC (never their libraries), so it states here what
 * it relies on; amounts are integer millicredits and cents, instants epoch millis.
 */
export interface WireQuoteFactor {
  readonly name: string;
  readonly value: string;
  readonly description: string;
}

export interface WireQuoteSnapshot {
  readonly quoteId: string;
  readonly priceBookId: string;
  readonly priceBookVersion: string;
  readonly model: string;
  readonly mode: string;
  readonly durationMillis: number;
  readonly millicredits: number;
  readonly breakdown: readonly WireQuoteFactor[];
  readonly quotedAt: number;
  readonly expiresAt: number;
  readonly batch?: { readonly index: number; readonly size: number };
}

export interface WireQuote {
  readonly quoteId: string;
  readonly priceBookId: string;
  readonly priceBookVersion: string;
  readonly currency: string;
  readonly creditUnit: { readonly singular: string; readonly plural: string };
  readonly millicredits: number;
  readonly breakdown: readonly WireQuoteFactor[];
  readonly tasks: readonly { readonly millicredits: number; readonly breakdown: readonly WireQuoteFactor[] }[];
  readonly rounding: { readonly incrementMillicredits: number; readonly mode: string };
  readonly quotedAt: number;
  readonly expiresAt: number;
  readonly pool?: string;
}

export type WireTaskRejection =
  | { readonly reason: 'insufficient_credits'; readonly requestedMillicredits: number; readonly availableMillicredits: number }
  | { readonly reason: 'concurrency_limit'; readonly limit: number; readonly running: number };

export interface WireTask {
  readonly taskId: string;
  readonly status: string;
  readonly channel: string;
  readonly pool: string;
  readonly creditsReservedMillicredits: number;
  readonly creditsCostMillicredits: number | null;
  readonly quote: WireQuoteSnapshot;
  readonly endReason: string | null;
  /** Output the provider delivered, in milliseconds; null (or absent, from an older tasks service) until it delivered. */
  readonly deliveredDurationMillis?: number | null;
  /** `full` or `pro_rata`; null (or absent) until the output is delivered. */
  readonly chargeBasis?: string | null;
  readonly rejection: WireTaskRejection | null;
  readonly batchId: string | null;
  readonly batchIndex: number | null;
  readonly preview: boolean;
  readonly adopted: boolean;
}

export interface WireTaskPage {
  readonly tasks: readonly WireTask[];
  readonly next: string | null;
}

export interface WireBatch {
  readonly batchId: string;
  readonly quoteId: string;
  readonly millicredits: number;
  readonly tasks: readonly WireTask[];
}

export interface WireUtilisation {
  readonly adoptedMillicredits: number;
  readonly chargedMillicredits: number;
  readonly percentage: string | null;
}

export interface WirePoolBalance {
  readonly pool: string;
  readonly balanceMillicredits: number;
  readonly heldMillicredits: number;
  readonly availableMillicredits: number;
}

export interface WireLedgerEntry {
  readonly position: number;
  readonly eventId: string;
  readonly accountId: string;
  readonly pool: string;
  readonly at: number;
  readonly type: string;
  readonly millicredits: number;
  readonly balanceChangeMillicredits: number;
  readonly heldChangeMillicredits: number;
  readonly balanceMillicredits: number;
  readonly heldMillicredits: number;
  readonly availableMillicredits: number;
  readonly reservationId?: string;
  readonly taskId?: string;
  readonly purchaseId?: string;
  readonly grantId?: string;
  readonly refundId?: string;
  readonly reason?: string;
}

export interface WirePlan {
  readonly id: string;
  readonly name: string;
  readonly priceCents: number | null;
  readonly monthlyGrantMillicredits: number;
  readonly pool: string;
  readonly entitlements: readonly string[];
  readonly concurrencyLimit: number;
  readonly priority: boolean;
}

export interface WireCatalog {
  readonly priceBookId: string;
  readonly priceBookVersion: string;
  readonly effectiveFrom: number;
  readonly currency: string;
  readonly creditUnit: { readonly singular: string; readonly plural: string };
  readonly pools: readonly { readonly id: string; readonly channels: readonly string[] }[];
  readonly plans: readonly WirePlan[];
  readonly defaultPlanId: string;
  readonly packs: readonly { readonly id: string; readonly pool: string; readonly millicredits: number; readonly priceCents: number }[];
}

export type WireOrderItem =
  | { readonly kind: 'pack'; readonly pool: string; readonly millicredits: number; readonly packId?: string }
  | { readonly kind: 'plan'; readonly planId: string; readonly monthlyMillicredits: number; readonly pool: string };

export interface WireOrder {
  readonly status: string;
  readonly orderId: string;
  readonly accountId: string;
  readonly item: WireOrderItem;
  readonly amountCents: number;
  readonly currency: string;
  readonly priceBookId: string;
  readonly priceBookVersion: string;
  readonly placedAt: number;
  readonly paymentId: string | null;
}

/** purchase `orderCredited`: whether a paid order's credits are in the wallet. */
export interface WireOrderCredited {
  readonly credited: boolean;
}

export interface WirePlacedOrder {
  readonly order: WireOrder;
  readonly checkoutUrl: string;
  readonly providerReference: string;
}

export interface WireWebhookOutcome {
  readonly outcome: 'applied' | 'duplicate' | 'ignored';
  readonly order?: WireOrder;
}

export interface WireAccountPlan {
  readonly accountId: string;
  readonly planId: string;
  readonly source: 'subscription' | 'default';
  readonly entitlements: readonly string[];
  readonly concurrencyLimit: number;
  readonly priority: boolean;
}

export interface WireGenerationWebhookOutcome {
  readonly accepted: boolean;
  readonly taskId: string;
  readonly providerJobId: string;
}
