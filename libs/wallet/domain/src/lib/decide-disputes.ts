import { purchaseLotId, type FreezePurchasedCredits, type UnfreezePurchasedCredits, type WalletEvent } from '@billing/contracts';
import { WalletError } from './wallet-error';
import type { Lot, LotRecord, WalletState } from './wallet-state';

const NO_EVENTS: readonly WalletEvent[] = [];

/**
 * A dispute over a purchase's payment: its unspent, unheld credits are held, so no task
 * draws on them, until the dispute closes; credits of it that a hold returns meanwhile
 * are frozen as they come back (returned-credits). Held credits stay with their holds.
 * A payment is disputed once: the freeze marks the purchase even with nothing to take
 * (an event of 0 millicredits), so a repeat, even after the release, yields nothing. A
 * revoked purchase has nothing to freeze.
 */
export function freezePurchasedCredits(command: FreezePurchasedCredits, state: WalletState): readonly WalletEvent[] {
  const { purchaseId, reason } = command.data;
  const record = recordOf(state, purchaseId);
  if (record.revoked || record.dispute !== undefined) return NO_EVENTS;
  const lot = lotOf(state, record);
  const unheld = lot === undefined ? 0 : lot.remainingMillicredits - lot.heldMillicredits;
  return [{ type: 'CreditsFrozen', data: { purchaseId, millicredits: unheld, reason, at: command.metadata.now } }];
}

/**
 * A dispute won: what is frozen is spendable again, once. A release that arrives before
 * its freeze closes the dispute all the same (0 millicredits), so the late freeze takes nothing.
 */
export function unfreezePurchasedCredits(command: UnfreezePurchasedCredits, state: WalletState): readonly WalletEvent[] {
  const { purchaseId, reason } = command.data;
  const record = recordOf(state, purchaseId);
  if (record.revoked || record.dispute === 'released') return NO_EVENTS;
  const frozen = lotOf(state, record)?.frozenMillicredits ?? 0;
  return [{ type: 'CreditsUnfrozen', data: { purchaseId, millicredits: frozen, reason, at: command.metadata.now } }];
}

function recordOf(state: WalletState, purchaseId: string): LotRecord {
  const record = state.lotRecords.get(purchaseLotId(purchaseId));
  if (record === undefined) throw new WalletError({ code: 'unknown_purchase', purchaseId });
  return record;
}

const lotOf = (state: WalletState, record: LotRecord): Lot | undefined => state.lots.find((candidate) => candidate.lotId === record.lotId);
