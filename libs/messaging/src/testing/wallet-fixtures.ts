import type { RecordedEvent } from '@billing/event-store';
import { walletStreamName } from '@billing/contracts';
import { randomUUID } from 'node:crypto';
import type { OutgoingMessage } from '../lib/port';
import { toOutgoingMessage } from '../lib/relay/relay-route';
import { walletRoute } from '../lib/wallet/wallet-topic';

/** A `CreditsPurchased` as the relay would publish it, on a topic of the test's choosing. */
export function purchaseMessage(topic: string, accountId: string, millicredits: number, eventId = randomUUID(), position = 1): OutgoingMessage {
  const event: RecordedEvent = {
    streamName: walletStreamName(accountId, 'app'),
    revision: position - 1,
    position,
    eventId,
    type: 'CreditsPurchased',
    schemaVersion: 1,
    data: {
      purchaseId: `p-${eventId}`,
      millicredits,
      amountCents: 2400,
      currency: 'USD',
      priceBookId: 'credits',
      priceBookVersion: '2025-01',
      at: 1_700_000_000_000,
    },
    metadata: { correlationId: `c-${eventId}` },
    recordedAt: 1_700_000_000_000,
    hash: '',
    previousHash: '',
  };
  return { ...toOutgoingMessage(event, walletRoute(1)), topic };
}

/** The same message with its bytes replaced: for malformed-message cases. */
export const withValue = (message: OutgoingMessage, value: string): OutgoingMessage => ({ ...message, value: Buffer.from(value) });
