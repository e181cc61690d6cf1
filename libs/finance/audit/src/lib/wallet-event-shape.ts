import type { LotAllocation, WalletEvent, WalletStreamEvent } from '@billing/contracts';
import { isWalletEventType } from '@billing/wallet-read-model';

/**
 * Reads a wallet event's data from its stored JSON text, checking the fields an audit
 * relies on. The store holds what the decider wrote, unless someone edited it: a shape
 * that does not fit is a finding, not a crash.
 */
export function parseWalletEvent(type: string, dataJson: string): WalletStreamEvent | string {
  if (type !== 'BalanceCarriedForward' && !isWalletEventType(type)) return `unknown wallet event type ${JSON.stringify(type)}`;
  let data: unknown;
  try {
    data = JSON.parse(dataJson);
  } catch (error) {
    return `data is not JSON: ${(error as Error).message}`;
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return 'data is not an object';
  const fields = data as Record<string, unknown>;
  const problem = type === 'BalanceCarriedForward' ? openingProblem(fields) : shapeProblem(type, fields);
  return problem ?? ({ type, data } as WalletStreamEvent);
}

/** The fields of a period's opening the audit reads; the rest is compared whole with the closing. */
function openingProblem(data: Record<string, unknown>): string | undefined {
  if (!isWhole(data['at']) || !isWhole(data['balanceMillicredits']) || !isWhole(data['heldMillicredits'])) return 'at or amounts are not whole';
  if (!isText(data['period']) || !(data['previousStreamName'] === null || isText(data['previousStreamName']))) return 'period fields missing';
  const lists = ['lots', 'holds', 'endedHolds', 'refunds'].filter((key) => !Array.isArray(data[key]));
  return lists.length === 0 ? undefined : `${lists.join(', ')} not a list`;
}

const isText = (value: unknown): value is string => typeof value === 'string';
const isWhole = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value);

function allocationsProblem(value: unknown): string | undefined {
  if (!Array.isArray(value)) return 'allocations is not a list';
  for (const allocation of value as unknown[]) {
    const { lotId, millicredits } = (allocation ?? {}) as Partial<LotAllocation>;
    if (!isText(lotId) || !isWhole(millicredits)) return 'an allocation lacks a lot id or whole millicredits';
  }
  return undefined;
}

function shapeProblem(type: WalletEvent['type'], data: Record<string, unknown>): string | undefined {
  if (!isWhole(data['at'])) return 'at is not a whole instant';
  const amount = type === 'ReservationRejected' ? data['requestedMillicredits'] : data['millicredits'];
  if (!isWhole(amount)) return `${type === 'ReservationRejected' ? 'requestedMillicredits' : 'millicredits'} is not whole`;
  switch (type) {
    case 'CreditsPurchased':
      return isText(data['purchaseId']) && isWhole(data['amountCents']) && isText(data['currency']) ? undefined : 'purchase fields missing';
    case 'CreditsGranted':
      return isText(data['grantId']) && (data['expiresAt'] === null || isWhole(data['expiresAt'])) ? undefined : 'grant fields missing';
    case 'CreditsReserved':
      if (!isText(data['reservationId']) || !isWhole(data['expiresAt'])) return 'reservation fields missing';
      return allocationsProblem(data['allocations']);
    case 'CreditsCharged':
    case 'CreditsReleased':
    case 'ReservationExpired':
      return isText(data['reservationId']) ? allocationsProblem(data['allocations']) : 'reservationId missing';
    case 'CreditsRefunded':
      return isText(data['reservationId']) && isText(data['refundId']) ? allocationsProblem(data['allocations']) : 'refund fields missing';
    case 'CreditsExpired':
      return isText(data['lotId']) ? undefined : 'lotId missing';
    case 'CreditsRevoked':
    case 'CreditsFrozen':
    case 'CreditsUnfrozen':
      return isText(data['purchaseId']) ? undefined : 'purchaseId missing';
    case 'ReservationRejected':
      return isText(data['reservationId']) ? undefined : 'reservationId missing';
    default:
      return undefined;
  }
}
