import type { CreditsExpired, CreditsFrozen, CreditsRevoked, EpochMillis, LotAllocation } from '@billing/contracts';
import { isExpired } from './lots';
import type { WalletState } from './wallet-state';

/**
 * Credits coming back to their lots (a release, a lapsed hold, a refund) whose lot is
 * past its expiry or whose purchase was revoked leave again at once: expired or
 * revoked credits never become spendable again. Those of a purchase under dispute are
 * frozen again at once, with the rest of it. These events follow the return.
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
    if (origin.kind === 'purchase' && record.revoked) {
      events.push({
        type: 'CreditsRevoked',
        data: { purchaseId: origin.purchaseId, millicredits, reason: 'returned to a revoked purchase', at: now },
      });
    } else if (origin.kind === 'purchase' && record.dispute === 'frozen') {
      events.push({ type: 'CreditsFrozen', data: { purchaseId: origin.purchaseId, millicredits, reason: 'returned to a disputed purchase', at: now } });
    } else if (origin.kind === 'grant' && isExpired(origin, now)) {
      events.push({ type: 'CreditsExpired', data: { lotId, millicredits, at: now } });
    }
  }
  return events;
}
