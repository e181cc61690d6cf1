import type { WalletCommand, WalletEvent } from '@billing/contracts';
import { assertNever } from '@billing/util';
import { expireGrant, grantCredits, purchaseCredits, revokePurchasedCredits } from './decide-funding';
import { chargeReservation, expireReservation, releaseReservation, reserveCredits } from './decide-holds';
import { freezePurchasedCredits, unfreezePurchasedCredits } from './decide-disputes';
import { refundCredits } from './decide-refunds';
import type { WalletState } from './wallet-state';

/**
 * Pure: what happens when `command` meets the wallet. A repeated command yields no
 * events; an invalid one throws a WalletError; a reservation that does not fit yields
 * ReservationRejected.
 */
export function decide(command: WalletCommand, state: WalletState): readonly WalletEvent[] {
  switch (command.type) {
    case 'PurchaseCredits':
      return purchaseCredits(command, state);
    case 'GrantCredits':
      return grantCredits(command, state);
    case 'ReserveCredits':
      return reserveCredits(command, state);
    case 'ChargeReservation':
      return chargeReservation(command, state);
    case 'ReleaseReservation':
      return releaseReservation(command, state);
    case 'ExpireReservation':
      return expireReservation(command, state);
    case 'ExpireGrant':
      return expireGrant(command, state);
    case 'RefundCredits':
      return refundCredits(command, state);
    case 'RevokePurchasedCredits':
      return revokePurchasedCredits(command, state);
    case 'FreezePurchasedCredits':
      return freezePurchasedCredits(command, state);
    case 'UnfreezePurchasedCredits':
      return unfreezePurchasedCredits(command, state);
    default:
      return assertNever(command, 'wallet command');
  }
}
