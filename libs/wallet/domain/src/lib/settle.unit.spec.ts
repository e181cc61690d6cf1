import { grantLotId, purchaseLotId } from '@billing/contracts';
import { given } from '../testing/given';
import {
  HOUR,
  T0,
  TTL,
  charge,
  charged,
  expireReservation,
  expired,
  fromGrant,
  fromPurchase,
  granted,
  purchased,
  rejected,
  release,
  released,
  reservationExpired,
  reserve,
  reserved,
} from '../testing/wallet-messages';

const held = [purchased('p1', 10_000), reserved('r1', 4000, [fromPurchase('p1', 4000)])];
const heldAcrossLots = [
  granted('g1', 1000, T0 + HOUR),
  purchased('p1', 10_000),
  reserved('r1', 4000, [fromGrant('g1', 1000), fromPurchase('p1', 3000)]),
];

describe('charging a hold', () => {
  it('charging all of a hold spends it', () => {
    given(...held).when(charge('r1', 4000)).then(charged('r1', 4000, [fromPurchase('p1', 4000)]));
    given(...held).when(charge('r1', 4000)).thenView({ balanceMillicredits: 6000, heldMillicredits: 0, availableMillicredits: 6000 });
  });

  it('charging part releases the rest in the same step', () => {
    given(...held)
      .when(charge('r1', 2500))
      .then(charged('r1', 2500, [fromPurchase('p1', 2500)]), released('r1', 1500, [fromPurchase('p1', 1500)], 'partial_charge'));
    given(...held).when(charge('r1', 2500)).thenView({ balanceMillicredits: 7500, heldMillicredits: 0, availableMillicredits: 7500 });
  });

  it('a charge consumes the allocations in allocation order', () => {
    given(...heldAcrossLots)
      .when(charge('r1', 2000))
      .then(
        charged('r1', 2000, [fromGrant('g1', 1000), fromPurchase('p1', 1000)]),
        released('r1', 2000, [fromPurchase('p1', 2000)], 'partial_charge'),
      );
  });

  it('a charge never exceeds its reservation', () => {
    given(...held).when(charge('r1', 4001)).thenThrows('charge_exceeds_hold', { heldMillicredits: 4000, requestedMillicredits: 4001 });
  });

  it('a timed-out hold is never charged, even before ExpireReservation runs', () => {
    given(...held).when(charge('r1', 4000, T0 + TTL)).thenThrows('hold_lapsed', { expiresAt: T0 + TTL, now: T0 + TTL });
  });

  it('a repeated charge yields no events', () => {
    given(...held, charged('r1', 4000, [fromPurchase('p1', 4000)])).when(charge('r1', 4000)).then();
    given(...held, charged('r1', 1000, [fromPurchase('p1', 1000)]), released('r1', 3000, [fromPurchase('p1', 3000)], 'partial_charge'))
      .when(charge('r1', 1000, T0 + 2 * TTL))
      .then();
  });

  it('charging a settled hold another amount is an error', () => {
    given(...held, charged('r1', 4000, [fromPurchase('p1', 4000)]))
      .when(charge('r1', 3000))
      .thenThrows('reservation_settled', { outcome: 'charged' });
  });

  it('a released hold is never charged', () => {
    given(...held, released('r1', 4000, [fromPurchase('p1', 4000)]))
      .when(charge('r1', 4000))
      .thenThrows('reservation_settled', { outcome: 'released' });
  });

  it('an expired hold is never charged', () => {
    given(...held, reservationExpired('r1', 4000, [fromPurchase('p1', 4000)], T0 + TTL))
      .when(charge('r1', 4000))
      .thenThrows('reservation_settled', { outcome: 'expired' });
  });

  it('a refused reservation cannot be charged', () => {
    given(rejected('r1', 1000, 0)).when(charge('r1', 1000)).thenThrows('reservation_rejected', { reservationId: 'r1' });
  });

  it('an unknown reservation cannot be charged', () => {
    given().when(charge('nope', 1000)).thenThrows('unknown_reservation', { reservationId: 'nope' });
  });

  it.each([0, -5, 2.5])('a charge of %p is an error', (millicredits) => {
    given(...held).when(charge('r1', millicredits)).thenThrows('invalid_amount', { field: 'millicredits' });
  });
});

describe('releasing a hold', () => {
  it('a failed, cancelled or timed-out task gets its hold back', () => {
    given(...heldAcrossLots)
      .when(release('r1', 'cancelled'))
      .then(released('r1', 4000, [fromGrant('g1', 1000), fromPurchase('p1', 3000)], 'cancelled'));
    given(...heldAcrossLots).when(release('r1')).thenView({ balanceMillicredits: 11_000, heldMillicredits: 0, availableMillicredits: 11_000 });
  });

  it('a repeated release yields no events, whatever reason it gives', () => {
    given(...held, released('r1', 4000, [fromPurchase('p1', 4000)]))
      .when(release('r1', 'timed_out'))
      .then();
  });

  it('a charged hold is never released', () => {
    given(...held, charged('r1', 4000, [fromPurchase('p1', 4000)]))
      .when(release('r1'))
      .thenThrows('reservation_settled', { outcome: 'charged' });
  });

  it('an expired hold is not released again', () => {
    given(...held, reservationExpired('r1', 4000, [fromPurchase('p1', 4000)], T0 + TTL))
      .when(release('r1'))
      .thenThrows('reservation_settled', { outcome: 'expired' });
  });

  it('an unknown or refused reservation cannot be released', () => {
    given().when(release('nope')).thenThrows('unknown_reservation');
    given(rejected('r1', 1000, 0)).when(release('r1')).thenThrows('reservation_rejected');
  });

  it('an expired grant\'s held credits come back expired', () => {
    given(...heldAcrossLots)
      .when(release('r1', 'failed', T0 + HOUR))
      .then(
        released('r1', 4000, [fromGrant('g1', 1000), fromPurchase('p1', 3000)], 'failed', T0 + HOUR),
        expired(grantLotId('g1'), 1000, T0 + HOUR),
      );
    given(...heldAcrossLots)
      .when(release('r1', 'failed', T0 + HOUR))
      .thenView({ balanceMillicredits: 10_000, heldMillicredits: 0, availableMillicredits: 10_000 });
  });

  it('the part a partial charge releases from an expired grant expires too', () => {
    const lateHold = [
      granted('g1', 1000, T0 + HOUR),
      purchased('p1', 10_000),
      reserved('r1', 1000, [fromGrant('g1', 1000)], T0 + HOUR - 1, { ttlMillis: TTL }),
    ];
    given(...lateHold)
      .when(charge('r1', 400, T0 + HOUR))
      .then(
        charged('r1', 400, [fromGrant('g1', 400)], T0 + HOUR),
        released('r1', 600, [fromGrant('g1', 600)], 'partial_charge', T0 + HOUR),
        expired(grantLotId('g1'), 600, T0 + HOUR),
      );
  });
});

describe('expiring a hold', () => {
  it('a hold is expired at its TTL, and its credits come back', () => {
    given(...held)
      .when(expireReservation('r1', T0 + TTL))
      .then(reservationExpired('r1', 4000, [fromPurchase('p1', 4000)], T0 + TTL));
  });

  it('a hold cannot expire before its TTL', () => {
    given(...held).when(expireReservation('r1', T0 + TTL - 1)).thenThrows('not_expired_yet', { id: 'r1', expiresAt: T0 + TTL });
  });

  it('a repeated expiry yields no events', () => {
    given(...held, reservationExpired('r1', 4000, [fromPurchase('p1', 4000)], T0 + TTL))
      .when(expireReservation('r1', T0 + 2 * TTL))
      .then();
  });

  it('a settled hold does not expire', () => {
    given(...held, charged('r1', 4000, [fromPurchase('p1', 4000)]))
      .when(expireReservation('r1', T0 + TTL))
      .thenThrows('reservation_settled', { outcome: 'charged' });
    given(...held, released('r1', 4000, [fromPurchase('p1', 4000)]))
      .when(expireReservation('r1', T0 + TTL))
      .thenThrows('reservation_settled', { outcome: 'released' });
  });

  it('an unknown or refused reservation cannot expire', () => {
    given().when(expireReservation('nope', T0)).thenThrows('unknown_reservation');
    given(rejected('r1', 1000, 0)).when(expireReservation('r1', T0 + TTL)).thenThrows('reservation_rejected');
  });

  it('a lapsed hold on an expired grant returns its credits expired', () => {
    given(granted('g1', 1000, T0 + TTL), reserved('r1', 1000, [fromGrant('g1', 1000)]))
      .when(expireReservation('r1', T0 + TTL))
      .then(reservationExpired('r1', 1000, [fromGrant('g1', 1000)], T0 + TTL), expired(grantLotId('g1'), 1000, T0 + TTL));
  });

  it('the freed credits can be held again', () => {
    given(...held, reservationExpired('r1', 4000, [fromPurchase('p1', 4000)], T0 + TTL))
      .when(reserve('r2', 10_000, T0 + TTL))
      .then(reserved('r2', 10_000, [{ lotId: purchaseLotId('p1'), millicredits: 10_000 }], T0 + TTL));
  });
});
