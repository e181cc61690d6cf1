import type { CreditsExpired, CreditsFrozen, CreditsRevoked, EpochMillis, LotAllocation, PaidCredits } from '@billing/contracts';
import { isExpired } from './lots';
import type { LotRecord, WalletState } from './wallet-state';

/**
 * Credits coming back to their lots (a release, a lapsed hold, a refund) whose lot is
 * revoked (its payment returned), or is a grant past its expiry, leave again at once:
 * expired or revoked credits never become spendable again. Those of a lot under dispute
 * are frozen again at once, with the rest of it. These events follow the return.
 */
export function creditsThatCannotComeBack(
  state: WalletState,
  allocations: readonly LotAllocation[],
  now: EpochMillis,
): (CreditsExpired | CreditsRevoked | CreditsFrozen)[] {
  const events: (CreditsExpired | CreditsRevoked | CreditsFrozen)[] = [];
  for (const { lotId, millicredits } of allocations) {
    const record = state.lotRecords.get(lotId);
    if (record === undefined) continue;
    const { origin } = record;
    const paid = paidCreditsOf(record);
    if (record.revoked && paid !== undefined) {
      events.push({ type: 'CreditsRevoked', data: { ...paid, millicredits, reason: 'returned to a revoked purchase', at: now } });
    } else if (origin.kind === 'grant' && isExpired(origin, now)) {
      events.push({ type: 'CreditsExpired', data: { lotId, millicredits, at: now } });
    } else if (record.dispute === 'frozen' && paid !== undefined) {
      events.push({ type: 'CreditsFrozen', data: { ...paid, millicredits, reason: 'returned to a disputed purchase', at: now } });
    }
  }
  return events;
}

/** The payment a lot's refund or dispute names: its purchase, or the purchase that paid for the grant. */
function paidCreditsOf({ origin, paidBy }: LotRecord): PaidCredits | undefined {
  if (origin.kind === 'purchase') return { purchaseId: origin.purchaseId };
  return paidBy === undefined ? undefined : { purchaseId: paidBy, grantId: origin.grantId };
}
