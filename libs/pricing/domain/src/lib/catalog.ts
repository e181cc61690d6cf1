import type { Channel } from '@billing/contracts';
import type { CreditPack, Plan, PriceBook } from './price-book';
import { NoPoolForChannel } from './pricing-errors';

/** The pool a channel draws on. There is no fallback to another pool, ever. */
export function poolForChannel(book: PriceBook, channel: Channel): string {
  const pool = book.poolByChannel.get(channel);
  if (pool === undefined) throw new NoPoolForChannel(book.id, channel);
  return pool;
}

export function packsForPool(book: PriceBook, pool: string): readonly CreditPack[] {
  return book.packs.filter((pack) => pack.pool === pool);
}

export function findPack(book: PriceBook, packId: string): CreditPack | undefined {
  return book.packs.find((pack) => pack.id === packId);
}

export function findPlan(book: PriceBook, planId: string): Plan | undefined {
  return book.plans.find((plan) => plan.id === planId);
}

/** The plan a new account starts on. */
export function defaultPlan(book: PriceBook): Plan {
  const plan = findPlan(book, book.defaultPlanId);
  // parsePriceBook guarantees the default plan exists; a hand-built book might not.
  if (plan === undefined) throw new Error(`price book ${book.id} has no default plan ${book.defaultPlanId}`);
  return plan;
}
