import { grantLotId } from '@billing/contracts';
import { given } from '../testing/given';
import {
  HOUR,
  T0,
  charged,
  expired,
  fromGrant,
  fromPurchase,
  granted,
  purchased,
  refund,
  refunded,
  rejected,
  released,
  reserved,
  reserve,
  revoked,
} from '../testing/wallet-messages';

const settled = [
  granted('g1', 1000, T0 + HOUR),
  purchased('p1', 10_000),
  reserved('r1', 4000, [fromGrant('g1', 1000), fromPurchase('p1', 3000)]),
  charged('r1', 4000, [fromGrant('g1', 1000), fromPurchase('p1', 3000)]),
];

describe('refunding a charge', () => {
  it('a refund gives credits back to the lots they came from, last consumed first', () => {
    given(...settled)
      .when(refund('f1', 'r1', 3500))
      .then(refunded('f1', 'r1', 3500, [fromPurchase('p1', 3000), fromGrant('g1', 500)]));
    given(...settled)
      .when(refund('f1', 'r1', 3500))
      .thenView({ balanceMillicredits: 10_500, heldMillicredits: 0, availableMillicredits: 10_500 });
  });

  it('successive refunds continue where the last one stopped', () => {
    given(...settled, refunded('f1', 'r1', 2000, [fromPurchase('p1', 2000)]))
      .when(refund('f2', 'r1', 2000))
      .then(refunded('f2', 'r1', 2000, [fromPurchase('p1', 1000), fromGrant('g1', 1000)]));
  });

  it('refunded credits can be held again', () => {
    given(purchased('p1', 1000), reserved('r1', 1000, [fromPurchase('p1', 1000)]), charged('r1', 1000, [fromPurchase('p1', 1000)]), refunded('f1', 'r1', 1000, [fromPurchase('p1', 1000)]))
      .when(reserve('r2', 1000))
      .then(reserved('r2', 1000, [fromPurchase('p1', 1000)]));
  });

  it('total refunds never exceed what the reservation was charged', () => {
    given(...settled, refunded('f1', 'r1', 3000, [fromPurchase('p1', 3000)]))
      .when(refund('f2', 'r1', 1001))
      .thenThrows('refund_exceeds_charge', { chargedMillicredits: 4000, refundedMillicredits: 3000, requestedMillicredits: 1001 });
  });

  it('a repeated refund yields no events', () => {
    given(...settled, refunded('f1', 'r1', 3000, [fromPurchase('p1', 3000)]))
      .when(refund('f1', 'r1', 3000))
      .then();
  });

  it('a refund id reused for another amount is an error', () => {
    given(...settled, refunded('f1', 'r1', 3000, [fromPurchase('p1', 3000)]))
      .when(refund('f1', 'r1', 1000))
      .thenThrows('id_reused', { idKind: 'refund', id: 'f1' });
  });

  it('only a charged reservation can be refunded', () => {
    const open = [purchased('p1', 5000), reserved('r1', 1000, [fromPurchase('p1', 1000)])];
    given(...open).when(refund('f1', 'r1', 1000)).thenThrows('reservation_not_charged', { status: 'open' });
    given(...open, released('r1', 1000, [fromPurchase('p1', 1000)])).when(refund('f1', 'r1', 1000)).thenThrows('reservation_not_charged', { status: 'released' });
    given(rejected('r1', 1000, 0)).when(refund('f1', 'r1', 1000)).thenThrows('reservation_not_charged', { status: 'rejected' });
    given().when(refund('f1', 'r1', 1000)).thenThrows('unknown_reservation');
  });

  it('a refund to an expired grant comes back expired', () => {
    given(...settled)
      .when(refund('f1', 'r1', 4000, T0 + HOUR))
      .then(
        refunded('f1', 'r1', 4000, [fromPurchase('p1', 3000), fromGrant('g1', 1000)], T0 + HOUR),
        expired(grantLotId('g1'), 1000, T0 + HOUR),
      );
  });

  it('a refund to a revoked purchase is revoked at once', () => {
    given(...settled, revoked('p1', 7000))
      .when(refund('f1', 'r1', 1000))
      .then(refunded('f1', 'r1', 1000, [fromPurchase('p1', 1000)]), revoked('p1', 1000, T0, 'returned to a revoked purchase'));
  });

  it.each([0, -1, 0.5])('a refund of %p is an error', (millicredits) => {
    given(...settled).when(refund('f1', 'r1', millicredits)).thenThrows('invalid_amount');
  });
});
