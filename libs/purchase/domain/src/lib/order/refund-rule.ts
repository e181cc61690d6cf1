import type { Order } from './order-state';

/** What was paid for a lot of credits and what of it has been revoked and refunded so far. */
export interface RefundBasis {
  readonly priceCents: number;
  readonly boughtMillicredits: number;
  readonly revokedMillicredits: number;
  readonly refundedCents: number;
}

/**
 * The refund rule, for a pack's lot and a plan period's grant alike: the money follows the
 * credits taken back. Pro rata on the running total of credits revoked, rounded down (toward
 * zero) to the cent, in exact integer arithmetic:
 *
 *     refunded so far = floor(priceCents x min(bought, revoked so far) / bought)
 *
 * so several revocations return exactly what one would, and never more than was paid.
 * Credits spent are not refunded. Answers what this revocation adds.
 */
export function proRataRefundCents(basis: RefundBasis, revokedMillicredits: number): number {
  const { priceCents, boughtMillicredits, refundedCents } = basis;
  if (boughtMillicredits <= 0) return 0;
  const total = Math.min(boughtMillicredits, basis.revokedMillicredits + revokedMillicredits);
  const owed = Number((BigInt(priceCents) * BigInt(total)) / BigInt(boughtMillicredits));
  return Math.max(0, owed - refundedCents);
}

/** The credits an order's payment bought: a pack's lot, or a plan's first period (its grant). */
export function millicreditsBoughtBy(order: Order): number {
  return order.item.kind === 'pack' ? order.item.millicredits : order.item.monthlyMillicredits;
}

/** The money owed back for an order's revoked credits, by the rule above. */
export function refundCentsFor(order: Order, revokedMillicredits: number): number {
  const basis = { priceCents: order.amountCents, boughtMillicredits: millicreditsBoughtBy(order), revokedMillicredits: order.revokedMillicredits, refundedCents: order.refundedCents };
  return proRataRefundCents(basis, revokedMillicredits);
}
