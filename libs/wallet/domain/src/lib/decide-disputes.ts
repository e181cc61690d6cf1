import { paidLotId, type FreezePurchasedCredits, type PaidCredits, type UnfreezePurchasedCredits, type WalletEvent } from '@billing/contracts';
import { isExpired } from './lots';
import { WalletError } from './wallet-error';
import type { Lot, LotRecord, WalletState } from './wallet-state';

const NO_EVENTS: readonly WalletEvent[] = [];

/**
 * A dispute over a payment: the unspent, unheld credits it bought (a purchase's lot, or
 * the grant of the plan period it paid) are held, so no task draws on them, until the
 * dispute closes; credits of it that a hold returns meanwhile are frozen as they come back
 * (returned-credits). Held credits stay with their holds. A payment is disputed once: the
 * freeze marks the lot even with nothing to take (an event of 0 millicredits), so a
 * repeat, even after the release, yields nothing. A revoked lot has nothing to freeze, an
 * expired grant nothing spendable.
 */
export function freezePurchasedCredits(command: FreezePurchasedCredits, state: WalletState): readonly WalletEvent[] {
  const { now } = command.metadata;
  const record = paidRecordOf(state, command.data);
  if (record.revoked || record.dispute !== undefined) return NO_EVENTS;
  const lot = lotOf(state, record);
  const unheld = lot === undefined || expired(record, now) ? 0 : lot.remainingMillicredits - lot.heldMillicredits;
  return [{ type: 'CreditsFrozen', data: { ...paidCredits(command.data), millicredits: unheld, reason: command.data.reason, at: now } }];
}

/**
 * A dispute won: what is frozen is spendable again, once; a grant whose period ended
 * meanwhile lets them expire at once. A release that arrives before its freeze closes the
 * dispute all the same (0 millicredits), so the late freeze takes nothing.
 */
export function unfreezePurchasedCredits(command: UnfreezePurchasedCredits, state: WalletState): readonly WalletEvent[] {
  const { now } = command.metadata;
  const record = paidRecordOf(state, command.data);
  if (record.revoked || record.dispute === 'released') return NO_EVENTS;
  const frozen = lotOf(state, record)?.frozenMillicredits ?? 0;
  const released: WalletEvent = { type: 'CreditsUnfrozen', data: { ...paidCredits(command.data), millicredits: frozen, reason: command.data.reason, at: now } };
  if (frozen === 0 || !expired(record, now)) return [released];
  return [released, { type: 'CreditsExpired', data: { lotId: record.lotId, millicredits: frozen, at: now } }];
}

/** The record of the lot a payment bought; unknown, the command is refused. */
export function paidRecordOf(state: WalletState, paid: PaidCredits): LotRecord {
  const record = state.lotRecords.get(paidLotId(paid));
  if (record !== undefined) return record;
  if (paid.grantId !== undefined) throw new WalletError({ code: 'unknown_grant', grantId: paid.grantId });
  throw new WalletError({ code: 'unknown_purchase', purchaseId: paid.purchaseId });
}

/** What an event about a payment's credits names: the purchase, and the grant when it is a plan period's. */
export function paidCredits({ purchaseId, grantId }: PaidCredits): PaidCredits {
  return grantId === undefined ? { purchaseId } : { purchaseId, grantId };
}

const expired = (record: LotRecord, now: number): boolean => record.origin.kind === 'grant' && isExpired(record.origin, now);

const lotOf = (state: WalletState, record: LotRecord): Lot | undefined => state.lots.find((candidate) => candidate.lotId === record.lotId);
