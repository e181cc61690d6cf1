import type { Order } from './order-state';

/**
 * The money owed back for a pack's revoked credits: the order's price pro rata to the
 * credits revoked, rounded down to the cent, computed on the running total so a refund in
 * several revocations never drifts from one made at once. Credits spent are not refunded.
 */
export function refundCentsFor(order: Order, revokedMillicredits: number): number {
  if (order.item.kind !== 'pack') return 0;
  const total = Math.min(order.item.millicredits, order.revokedMillicredits + revokedMillicredits);
  const owed = Number((BigInt(order.amountCents) * BigInt(total)) / BigInt(order.item.millicredits));
  return Math.max(0, owed - order.refundedCents);
}
