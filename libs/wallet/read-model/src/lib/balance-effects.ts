import type { WalletEventType } from '@billing/contracts';
import { assertNever } from '@billing/util';

/** How one wallet event moves a wallet's balance and held amount, in millicredits. */
export interface BalanceEffect {
  readonly balance: number;
  readonly held: number;
}

const NONE: BalanceEffect = { balance: 0, held: 0 };

export function balanceEffect(type: WalletEventType, millicredits: number): BalanceEffect {
  switch (type) {
    case 'CreditsPurchased':
    case 'CreditsGranted':
    case 'CreditsRefunded':
      return { balance: millicredits, held: 0 };
    case 'CreditsExpired':
    case 'CreditsRevoked':
      return { balance: -millicredits, held: 0 };
    case 'CreditsReserved':
      return { balance: 0, held: millicredits };
    case 'CreditsCharged':
      return { balance: -millicredits, held: -millicredits };
    case 'CreditsReleased':
    case 'ReservationExpired':
      return { balance: 0, held: -millicredits };
    case 'CreditsFrozen':
      return { balance: 0, held: millicredits };
    case 'CreditsUnfrozen':
      return { balance: 0, held: -millicredits };
    case 'ReservationRejected':
      return NONE;
    default:
      return assertNever(type);
  }
}

const WALLET_EVENT_TYPES: Record<WalletEventType, true> = {
  CreditsPurchased: true,
  CreditsGranted: true,
  CreditsReserved: true,
  ReservationRejected: true,
  CreditsCharged: true,
  CreditsFrozen: true,
  CreditsUnfrozen: true,
  CreditsReleased: true,
  ReservationExpired: true,
  CreditsExpired: true,
  CreditsRefunded: true,
  CreditsRevoked: true,
};

/** The types that move balances (all but ReservationRejected). */
export const BALANCE_EVENT_TYPES = (Object.keys(WALLET_EVENT_TYPES) as WalletEventType[]).filter((t) => t !== 'ReservationRejected');

export const isWalletEventType = (type: string): type is WalletEventType => Object.hasOwn(WALLET_EVENT_TYPES, type);
