import { grantLotId, type BalanceCarriedForward, type WalletStreamEvent } from '@billing/contracts';
import { given } from '../testing/given';
import {
  HOUR,
  MINUTE,
  charge,
  charged,
  expireGrant,
  expired,
  fromGrant,
  fromPurchase,
  granted,
  purchase,
  purchased,
  refund,
  refunded,
  release,
  released,
  reserve,
  reserved,
  revoke,
  revoked,
} from '../testing/wallet-messages';
import { carryForward, openedBooks } from './carry-forward';
import { replayWallet } from './wallet-decider';
import { checkWalletInvariants } from './wallet-invariants';
import { walletView } from './wallet-state';

/** February's books close at midnight UTC; March's open then. */
const FEB = Date.UTC(2026, 1, 28, 22, 0);
const MARCH = Date.UTC(2026, 2, 1);
const closingOf = (...february: WalletStreamEvent[]): BalanceCarriedForward =>
  carryForward(replayWallet(february), { period: '202603', at: MARCH, previousStreamName: 'wallet-acc-1-api.202602' });

describe('carrying a wallet forward into the next period', () => {
  it('given a February with a purchase, a grant and a hold, then March opens with the balance, every lot and the open hold', () => {
    const opening = closingOf(
      purchased('p1', 10_000, FEB),
      granted('g1', 2_000, MARCH + HOUR, FEB),
      reserved('r1', 3_000, [fromGrant('g1', 2_000), fromPurchase('p1', 1_000)], FEB, { ttlMillis: 4 * HOUR, taskId: 't1' }),
    );
    expect(opening).toEqual({
      type: 'BalanceCarriedForward',
      data: {
        period: '202603',
        previousStreamName: 'wallet-acc-1-api.202602',
        balanceMillicredits: 12_000,
        heldMillicredits: 3_000,
        lots: [
          {
            origin: { kind: 'purchase', purchaseId: 'p1', millicredits: 10_000, amountCents: 80, currency: 'USD', priceBookId: 'credits', priceBookVersion: 'v1' },
            revoked: false,
            remainingMillicredits: 10_000,
            heldMillicredits: 1_000,
          },
          {
            origin: { kind: 'grant', grantId: 'g1', millicredits: 2_000, source: { kind: 'plan', reference: 'plan-g1' }, expiresAt: MARCH + HOUR },
            revoked: false,
            remainingMillicredits: 2_000,
            heldMillicredits: 2_000,
          },
        ],
        holds: [{ reservationId: 'r1', millicredits: 3_000, allocations: [fromGrant('g1', 2_000), fromPurchase('p1', 1_000)], expiresAt: FEB + 4 * HOUR, taskId: 't1' }],
        endedHolds: [],
        refunds: [],
        at: MARCH,
      },
    });
    expect(walletView(openedBooks(opening.data))).toEqual({ balanceMillicredits: 12_000, heldMillicredits: 3_000, availableMillicredits: 9_000 });
  });

  it('given a hold opened in February, when it is charged in March, then the charge posts it from the lots it held and releases the rest', () => {
    const opening = closingOf(purchased('p1', 10_000, FEB), reserved('r1', 3_000, [fromPurchase('p1', 3_000)], FEB, { ttlMillis: 4 * HOUR }));
    given(opening)
      .when(charge('r1', 2_000, MARCH + MINUTE))
      .then(charged('r1', 2_000, [fromPurchase('p1', 2_000)], MARCH + MINUTE), released('r1', 1_000, [fromPurchase('p1', 1_000)], 'partial_charge', MARCH + MINUTE));
    given(opening).when(charge('r1', 2_000, MARCH + MINUTE)).thenView({ balanceMillicredits: 8_000, heldMillicredits: 0, availableMillicredits: 8_000 });
  });

  it('given a hold opened in February, when it is released in March, then all of it is available again', () => {
    const opening = closingOf(purchased('p1', 10_000, FEB), reserved('r1', 3_000, [fromPurchase('p1', 3_000)], FEB, { ttlMillis: 4 * HOUR }));
    given(opening).when(release('r1', 'cancelled', MARCH + MINUTE)).then(released('r1', 3_000, [fromPurchase('p1', 3_000)], 'cancelled', MARCH + MINUTE));
    given(opening).when(release('r1', 'cancelled', MARCH + MINUTE)).thenView({ balanceMillicredits: 10_000, heldMillicredits: 0, availableMillicredits: 10_000 });
  });

  it('given a grant that expires in March, then it is spent first in March and expires there, its held part when released', () => {
    const opening = closingOf(purchased('p1', 10_000, FEB), granted('g1', 2_000, MARCH + HOUR, FEB));
    // Earliest expiry first, across the boundary as within a period.
    given(opening).when(reserve('r1', 3_000, MARCH)).then(reserved('r1', 3_000, [fromGrant('g1', 2_000), fromPurchase('p1', 1_000)], MARCH));
    given(opening).when(expireGrant('g1', MARCH + HOUR)).then(expired(grantLotId('g1'), 2_000, MARCH + HOUR));
    given(opening).when(expireGrant('g1', MARCH + HOUR - 1)).thenThrows('not_expired_yet');
    const holding = [opening, reserved('r1', 1_500, [fromGrant('g1', 1_500)], MARCH, { ttlMillis: 4 * HOUR })];
    given(...holding).when(expireGrant('g1', MARCH + HOUR)).then(expired(grantLotId('g1'), 500, MARCH + HOUR));
    given(...holding, expired(grantLotId('g1'), 500, MARCH + HOUR))
      .when(release('r1', 'failed', MARCH + 2 * HOUR))
      .then(released('r1', 1_500, [fromGrant('g1', 1_500)], 'failed', MARCH + 2 * HOUR), expired(grantLotId('g1'), 1_500, MARCH + 2 * HOUR));
  });

  describe('a command repeated across the boundary has the effect of one', () => {
    const february = [
      purchased('p1', 10_000, FEB),
      reserved('r1', 3_000, [fromPurchase('p1', 3_000)], FEB, { ttlMillis: 4 * HOUR }),
      reserved('r2', 1_000, [fromPurchase('p1', 1_000)], FEB, { ttlMillis: 4 * HOUR }),
      charged('r2', 1_000, [fromPurchase('p1', 1_000)], FEB + MINUTE),
      refunded('f1', 'r2', 400, [fromPurchase('p1', 400)], FEB + 2 * MINUTE),
    ];
    const opening = closingOf(...february);

    it('a hold still open: reserved again, nothing new', () => {
      given(opening).when(reserve('r1', 3_000, MARCH + MINUTE, { ttlMillis: 4 * HOUR })).then();
      given(opening).when(reserve('r1', 2_000, MARCH + MINUTE)).thenThrows('id_reused', { id: 'r1' });
    });

    it('a hold charged in February whose TTL runs into March: charged again, nothing new; other outcomes are settled ones', () => {
      given(opening).when(charge('r2', 1_000, MARCH + MINUTE)).then();
      given(opening).when(charge('r2', 900, MARCH + MINUTE)).thenThrows('reservation_settled', { outcome: 'charged' });
      given(opening).when(release('r2', 'failed', MARCH + MINUTE)).thenThrows('reservation_settled', { outcome: 'charged' });
      given(opening).when(reserve('r2', 1_000, MARCH + MINUTE, { ttlMillis: 4 * HOUR })).then();
    });

    it('a refund: refunded again, nothing new; the rest of the charge is still refundable, never more', () => {
      given(opening).when(refund('f1', 'r2', 400, MARCH + MINUTE)).then();
      given(opening).when(refund('f2', 'r2', 600, MARCH + MINUTE)).then(refunded('f2', 'r2', 600, [fromPurchase('p1', 600)], MARCH + MINUTE));
      given(opening).when(refund('f2', 'r2', 601, MARCH + MINUTE)).thenThrows('refund_exceeds_charge');
    });

    it('a purchase spent to the last credit: bought again, nothing new; revoked, it is still known', () => {
      const spent = closingOf(purchased('p9', 1_000, FEB), reserved('r9', 1_000, [fromPurchase('p9', 1_000)], FEB), charged('r9', 1_000, [fromPurchase('p9', 1_000)], FEB));
      expect(spent.data.lots).toEqual([expect.objectContaining({ remainingMillicredits: 0 })]);
      given(spent).when(purchase('p9', 1_000, MARCH)).then();
      given(spent).when(purchase('p9', 2_000, MARCH)).thenThrows('id_reused', { id: 'p9' });
      given(spent).when(revoke('p9', MARCH)).then(revoked('p9', 0, MARCH));
    });

    it('a hold that ended with its TTL before the boundary stays in February’s books: March does not know it', () => {
      const short = closingOf(purchased('p1', 10_000, FEB), reserved('r3', 1_000, [fromPurchase('p1', 1_000)], FEB), charged('r3', 1_000, [fromPurchase('p1', 1_000)], FEB + MINUTE));
      expect(short.data.endedHolds).toEqual([]);
      given(short).when(charge('r3', 1_000, MARCH)).thenThrows('unknown_reservation');
    });
  });

  it('given books carried forward twice, then the second opening is what the first carried, less what ended before its boundary', () => {
    const opening = closingOf(purchased('p1', 10_000, FEB), reserved('r1', 3_000, [fromPurchase('p1', 3_000)], FEB, { ttlMillis: 4 * HOUR }));
    const april = carryForward(openedBooks(opening.data), { period: '202604', at: Date.UTC(2026, 3, 1), previousStreamName: 'wallet-acc-1-api.202603' });
    expect({ ...april.data, period: '202603', at: MARCH, previousStreamName: 'wallet-acc-1-api.202602' }).toEqual(opening.data);
    expect(checkWalletInvariants([opening, reserved('r2', 1_000, [fromPurchase('p1', 1_000)], MARCH)])).toEqual([]);
  });

  it('given an opening that is not first, or whose lots do not make its balance, then the invariant check says so', () => {
    const opening = closingOf(purchased('p1', 10_000, FEB));
    expect(checkWalletInvariants([purchased('p2', 5, FEB), opening]).map((f) => f.rule)).toContain('opening_comes_first');
    const inflated: BalanceCarriedForward = { ...opening, data: { ...opening.data, balanceMillicredits: 11_000 } };
    expect(checkWalletInvariants([inflated]).map((f) => f.rule)).toEqual(['conservation']);
  });
});
