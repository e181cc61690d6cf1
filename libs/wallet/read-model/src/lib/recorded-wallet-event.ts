import type { WalletEvent } from '@billing/contracts';
import type { RecordedEvent } from '@billing/event-store';
import { isWalletEventType } from './balance-effects';
import { parseWalletStream, type WalletKey } from './wallet-stream';

/** A wallet event read back from the wallet's own store, with the wallet it belongs to. */
export interface RecordedWalletEvent {
  readonly wallet: WalletKey;
  readonly event: WalletEvent;
  readonly position: number;
  readonly eventId: string;
  readonly recordedAt: number;
}

/**
 * The store holds what the wallet decider wrote, so a known type on a wallet stream has
 * that type's data; its amount is still checked, since a read model must not drift silently.
 */
export function asWalletEvent(recorded: RecordedEvent): RecordedWalletEvent | undefined {
  const wallet = parseWalletStream(recorded.streamName);
  if (!wallet || !isWalletEventType(recorded.type)) return undefined;
  const event = { type: recorded.type, data: recorded.data } as WalletEvent;
  const amount = event.type === 'ReservationRejected' ? event.data.requestedMillicredits : event.data.millicredits;
  if (!Number.isSafeInteger(amount)) {
    throw new Error(`${recorded.type} at ${recorded.streamName}@${recorded.revision} has no integer millicredits`);
  }
  return { wallet, event, position: recorded.position, eventId: recorded.eventId, recordedAt: recorded.recordedAt };
}
