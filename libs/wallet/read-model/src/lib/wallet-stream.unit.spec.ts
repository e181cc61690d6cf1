import { parseWalletStreamName, walletPeriodOf, walletPeriodsStreamName, walletPeriodStart, walletPeriodStreamName } from '@billing/contracts';
import { balanceEffect } from './balance-effects';
import { parseWalletStream } from './wallet-stream';

describe('wallet stream names', () => {
  it('takes the pool from the last segment, so account ids may contain dashes', () => {
    expect(parseWalletStream('wallet-acc-7f3e-91-api')).toEqual({ accountId: 'acc-7f3e-91', pool: 'api' });
    expect(parseWalletStream('wallet-a-app')).toEqual({ accountId: 'a', pool: 'app' });
  });

  it('refuses names outside the wallet category or without an account or pool', () => {
    for (const name of ['tasks-a-app', 'wallet-app', 'wallet--app', 'wallet-a-', 'walletx-a-app', 'walletperiods-a-app', 'wallet-a-.202603']) {
      expect(parseWalletStream(name)).toBeUndefined();
    }
  });

  it('given a period stream, then the account and pool are the wallet’s and the period is the suffix', () => {
    const name = walletPeriodStreamName('acc-7f3e-91', 'api', '202603');
    expect(name).toBe('wallet-acc-7f3e-91-api.202603');
    expect(parseWalletStream(name)).toEqual({ accountId: 'acc-7f3e-91', pool: 'api' });
    expect(parseWalletStreamName(name)).toEqual({ accountId: 'acc-7f3e-91', pool: 'api', period: '202603' });
    expect(parseWalletStreamName('wallet-acc.7-api.20260315')).toEqual({ accountId: 'acc.7', pool: 'api', period: '20260315' });
    expect(parseWalletStreamName('wallet-acc-7-api')).toEqual({ accountId: 'acc-7', pool: 'api', period: null });
    // The periods list is another category: no wallet reader takes it for a wallet.
    expect(parseWalletStreamName(walletPeriodsStreamName('acc-7', 'api'))).toBeUndefined();
  });

  it('given an instant, then its period is its UTC month or day, and periods order by their first instant', () => {
    const instant = Date.UTC(2026, 2, 31, 23, 59, 59, 999);
    expect(walletPeriodOf(instant, 'month')).toBe('202603');
    expect(walletPeriodOf(instant, 'day')).toBe('20260331');
    expect(walletPeriodOf(instant + 1, 'month')).toBe('202604');
    expect(walletPeriodStart('202603')).toBe(Date.UTC(2026, 2, 1));
    expect(walletPeriodStart('20260331')).toBe(Date.UTC(2026, 2, 31));
    expect(walletPeriodStart('202604')).toBeGreaterThan(walletPeriodStart('20260331'));
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
