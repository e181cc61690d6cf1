import { balanceEffect } from './balance-effects';
import { parseWalletStream } from './wallet-stream';

describe('wallet stream names', () => {
  it('takes the pool from the last segment, so account ids may contain dashes', () => {
    expect(parseWalletStream('wallet-acc-7f3e-91-api')).toEqual({ accountId: 'acc-7f3e-91', pool: 'api' });
    expect(parseWalletStream('wallet-a-app')).toEqual({ accountId: 'a', pool: 'app' });
  });

  it('refuses names outside the wallet category or without an account or pool', () => {
    for (const name of ['tasks-a-app', 'wallet-app', 'wallet--app', 'wallet-a-', 'walletx-a-app']) {
      expect(parseWalletStream(name)).toBeUndefined();
    }
  });
});

describe('balance effects', () => {
  it('moves balance and held as the ledger rules say', () => {
    expect(balanceEffect('CreditsPurchased', 5)).toEqual({ balance: 5, held: 0 });
    expect(balanceEffect('CreditsGranted', 5)).toEqual({ balance: 5, held: 0 });
    expect(balanceEffect('CreditsRefunded', 5)).toEqual({ balance: 5, held: 0 });
    expect(balanceEffect('CreditsExpired', 5)).toEqual({ balance: -5, held: 0 });
    expect(balanceEffect('CreditsRevoked', 5)).toEqual({ balance: -5, held: 0 });
    expect(balanceEffect('CreditsReserved', 5)).toEqual({ balance: 0, held: 5 });
    expect(balanceEffect('CreditsCharged', 5)).toEqual({ balance: -5, held: -5 });
    expect(balanceEffect('CreditsReleased', 5)).toEqual({ balance: 0, held: -5 });
    expect(balanceEffect('ReservationExpired', 5)).toEqual({ balance: 0, held: -5 });
    expect(balanceEffect('ReservationRejected', 5)).toEqual({ balance: 0, held: 0 });
  });
});
