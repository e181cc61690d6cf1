import { walletStreamName } from '@billing/contracts';
import type { EventStore, NewEvent } from '@billing/event-store';
import { randomUUID } from 'node:crypto';

/** Account ids with dashes on purpose: the key extractor must keep them whole. */
export const accountIdFor = (i: number, accounts: number): string => `acct-${i % accounts}-x`;

export const purchaseEvent = (millicredits: number, correlationId: string = randomUUID()): NewEvent => ({
  eventId: randomUUID(),
  type: 'CreditsPurchased',
  schemaVersion: 1,
  data: {
    purchaseId: randomUUID(),
    millicredits,
    amountCents: 2400,
    currency: 'USD',
    priceBookId: 'credits',
    priceBookVersion: '2025-01',
    at: 1_700_000_000_000,
  },
  metadata: { correlationId },
});

/** Appends `count` purchases of 1 credit spread over `accounts` wallets, `perAppend` at a time. */
export async function appendPurchases(store: EventStore, count: number, accounts: number, perAppend = 1): Promise<string[]> {
  const ids: string[] = [];
  const pending: Promise<unknown>[] = [];
  for (let i = 0, append = 0; i < count; i += perAppend, append++) {
    const events = Array.from({ length: Math.min(perAppend, count - i) }, () => purchaseEvent(1_000));
    ids.push(...events.map((e) => e.eventId));
    pending.push(store.appendToStream(walletStreamName(accountIdFor(append, accounts), 'app'), events, 'any'));
  }
  await Promise.all(pending);
  return ids;
}
