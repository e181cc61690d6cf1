import type { AutoTopUpView as AutoTopUpReply } from '@billing/contracts';
import { creditsNumber } from '@billing/util';

/** What a caller sends to set a pool's auto top-up (credits as numbers, money in cents). */
export interface AutoTopUpInput {
  readonly thresholdCredits: number;
  readonly packId: string;
  readonly monthlyCapCents: number;
  readonly maxFailures: number;
}

/** A pool's auto top-up as REST shows it. */
export interface AutoTopUpView {
  readonly pool: string;
  readonly status: 'enabled' | 'disabled';
  readonly threshold: number;
  readonly pack_id: string;
  readonly pack_credits: number;
  readonly pack_price: { readonly amount_cents: number; readonly currency: string };
  readonly monthly_cap: { readonly amount_cents: number; readonly currency: string };
  readonly spent_this_month: { readonly amount_cents: number; readonly currency: string };
  readonly max_failures: number;
  readonly failures: number;
  readonly in_flight_order_id: string | null;
  readonly disabled_reason: string | null;
}

export function autoTopUpView(reply: AutoTopUpReply): AutoTopUpView {
  const money = (amountCents: number) => ({ amount_cents: amountCents, currency: reply.currency });
  return {
    pool: reply.pool,
    status: reply.status,
    threshold: creditsNumber(reply.thresholdMillicredits),
    pack_id: reply.packId,
    pack_credits: creditsNumber(reply.packMillicredits),
    pack_price: money(reply.amountCents),
    monthly_cap: money(reply.monthlyCapCents),
    spent_this_month: money(reply.spentThisMonthCents),
    max_failures: reply.maxFailures,
    failures: reply.failures,
    in_flight_order_id: reply.inFlightOrderId,
    disabled_reason: reply.disabledReason,
  };
}
