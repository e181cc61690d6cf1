import {
  grantLotId,
  purchaseLotId,
  type ExpireGrant,
  type GrantSource,
  type GrantCredits,
  type PurchaseCredits,
  type RevokePurchasedCredits,
  type WalletEvent,
} from '@billing/contracts';
import { paidCredits, paidRecordOf } from './decide-disputes';
import { isExpired } from './lots';
import { requireId, requireInstant, requireNonNegativeAmount, requirePositiveAmount } from './validation';
import { WalletError } from './wallet-error';
import type { LotOrigin, WalletState } from './wallet-state';

const NO_EVENTS: readonly WalletEvent[] = [];

export function purchaseCredits(command: PurchaseCredits, state: WalletState): readonly WalletEvent[] {
  const { data } = command;
  const origin: LotOrigin = {
    kind: 'purchase',
    purchaseId: requireId('purchaseId', data.purchaseId),
    millicredits: requirePositiveAmount('millicredits', data.millicredits),
    amountCents: requireNonNegativeAmount('amountCents', data.amountCents),
    currency: requireId('currency', data.currency),
    priceBookId: requireId('priceBookId', data.priceBookId),
    priceBookVersion: requireId('priceBookVersion', data.priceBookVersion),
  };
  if (isRepeat(state, origin)) return NO_EVENTS;
  const { kind: _kind, ...fields } = origin;
  return [{ type: 'CreditsPurchased', data: { ...fields, at: command.metadata.now } }];
}

export function grantCredits(command: GrantCredits, state: WalletState): readonly WalletEvent[] {
  const { data } = command;
  const { now } = command.metadata;
  const origin: LotOrigin = {
    kind: 'grant',
    grantId: requireId('grantId', data.grantId),
    millicredits: requirePositiveAmount('millicredits', data.millicredits),
    source: { kind: requireGrantKind(data.source.kind), reference: requireId('source.reference', data.source.reference) },
    expiresAt: data.expiresAt === null ? null : requireInstant('expiresAt', data.expiresAt),
  };
  const lotId = grantLotId(origin.grantId);
  if (isRepeat(state, origin)) return NO_EVENTS;
  const { kind: _kind, ...fields } = origin;
  const events: WalletEvent[] = [{ type: 'CreditsGranted', data: { ...fields, at: now } }];
  // A grant delivered after its expiry is still recorded, so the books show it, and lapses at once.
  if (isExpired(origin, now)) events.push({ type: 'CreditsExpired', data: { lotId, millicredits: origin.millicredits, at: now } });
  return events;
}

/** The grant's unconsumed, unheld remainder expires; its held part expires if and when it is released. */
export function expireGrant(command: ExpireGrant, state: WalletState): readonly WalletEvent[] {
  const { now } = command.metadata;
  const grantId = requireId('grantId', command.data.grantId);
  const lotId = grantLotId(grantId);
  const record = state.lotRecords.get(lotId);
  if (record === undefined || record.origin.kind !== 'grant') throw new WalletError({ code: 'unknown_grant', grantId });
  const { expiresAt } = record.origin;
  if (expiresAt === null) throw new WalletError({ code: 'grant_never_expires', grantId });
  if (now < expiresAt) throw new WalletError({ code: 'not_expired_yet', id: grantId, expiresAt, now });
  const lot = state.lots.find((candidate) => candidate.lotId === lotId);
  const unheld = lot === undefined ? 0 : lot.remainingMillicredits - lot.heldMillicredits;
  if (unheld === 0) return NO_EVENTS;
  return [{ type: 'CreditsExpired', data: { lotId, millicredits: unheld, at: now } }];
}

/**
 * The payment's money was returned: the unspent, unheld credits it bought (a purchase's
 * lot, or the grant of the plan period it paid) leave now. Credits of it that are held stay
 * held; if the hold is charged they were spent, and if it is released they leave then (see
 * returned-credits); frozen ones (a dispute) leave with the unheld ones. Revoking marks the
 * lot even when nothing is left to take, hence an event of 0 millicredits in that case.
 */
export function revokePurchasedCredits(command: RevokePurchasedCredits, state: WalletState): readonly WalletEvent[] {
  const { now } = command.metadata;
  const purchaseId = requireId('purchaseId', command.data.purchaseId);
  const paid = paidCredits({ ...command.data, purchaseId });
  const record = paidRecordOf(state, paid);
  if (record.revoked) return NO_EVENTS;
  const lot = state.lots.find((candidate) => candidate.lotId === record.lotId);
  const unheld = lot === undefined ? 0 : lot.remainingMillicredits - lot.heldMillicredits;
  const frozen = lot?.frozenMillicredits ?? 0;
  const { reason } = command.data;
  // A lost dispute (or a refund during one): the frozen credits are released and taken with the rest.
  const thawed: WalletEvent[] = record.dispute === 'frozen' ? [{ type: 'CreditsUnfrozen', data: { ...paid, millicredits: frozen, reason, at: now } }] : [];
  return [...thawed, { type: 'CreditsRevoked', data: { ...paid, millicredits: unheld + frozen, reason, at: now } }];
}

/** Same id and same content: a repeat (no events). Same id, other content: an error. */
function isRepeat(state: WalletState, origin: LotOrigin): boolean {
  const id = origin.kind === 'purchase' ? origin.purchaseId : origin.grantId;
  const known = state.lotRecords.get(origin.kind === 'purchase' ? purchaseLotId(id) : grantLotId(id));
  if (known === undefined) return false;
  if (sameOrigin(known.origin, origin)) return true;
  throw new WalletError({ code: 'id_reused', idKind: origin.kind, id });
}

function sameOrigin(a: LotOrigin, b: LotOrigin): boolean {
  if (a.kind === 'purchase' && b.kind === 'purchase') {
    return (
      a.millicredits === b.millicredits &&
      a.amountCents === b.amountCents &&
      a.currency === b.currency &&
      a.priceBookId === b.priceBookId &&
      a.priceBookVersion === b.priceBookVersion
    );
  }
  if (a.kind === 'grant' && b.kind === 'grant') {
    return (
      a.millicredits === b.millicredits &&
      a.expiresAt === b.expiresAt &&
      a.source.kind === b.source.kind &&
      a.source.reference === b.source.reference
    );
  }
  return false;
}

const GRANT_KINDS: readonly GrantSource['kind'][] = ['plan', 'promotion', 'compensation'];

function requireGrantKind(kind: GrantSource['kind']): GrantSource['kind'] {
  if (!GRANT_KINDS.includes(kind)) throw new WalletError({ code: 'invalid_field', field: 'source.kind', value: kind });
  return kind;
}
