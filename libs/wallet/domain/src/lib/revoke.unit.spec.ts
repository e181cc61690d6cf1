import { given } from '../testing/given';
import {
  charge,
  charged,
  fromPurchase,
  purchased,
  release,
  released,
  reserved,
  revoke,
  revoked,
} from '../testing/wallet-messages';

const partlyUsed = [
  purchased('p1', 10_000),
  purchased('p2', 5000),
  reserved('r1', 3000, [fromPurchase('p1', 3000)]),
  charged('r1', 3000, [fromPurchase('p1', 3000)]),
];

describe('revoking a refunded purchase', () => {
  it('a refunded purchase loses its unspent credits, and only those', () => {
    given(...partlyUsed).when(revoke('p1')).then(revoked('p1', 7000));
    given(...partlyUsed).when(revoke('p1')).thenView({ balanceMillicredits: 5000, heldMillicredits: 0, availableMillicredits: 5000 });
  });

  it('held credits stay held: revoked only what is unheld and unspent', () => {
    given(purchased('p1', 10_000), reserved('r1', 4000, [fromPurchase('p1', 4000)]))
      .when(revoke('p1'))
      .then(revoked('p1', 6000));
  });

  it('held credits of a revoked purchase, once charged, were spent', () => {
    given(purchased('p1', 10_000), reserved('r1', 4000, [fromPurchase('p1', 4000)]), revoked('p1', 6000))
      .when(charge('r1', 4000))
      .then(charged('r1', 4000, [fromPurchase('p1', 4000)]));
  });

  it('held credits of a revoked purchase, once released, are revoked too', () => {
    given(purchased('p1', 10_000), reserved('r1', 4000, [fromPurchase('p1', 4000)]), revoked('p1', 6000))
      .when(release('r1'))
      .then(released('r1', 4000, [fromPurchase('p1', 4000)]), revoked('p1', 4000, undefined, 'returned to a revoked purchase'));
  });

  it('a fully spent purchase is still marked revoked, with nothing to take', () => {
    given(purchased('p1', 1000), reserved('r1', 1000, [fromPurchase('p1', 1000)]), charged('r1', 1000, [fromPurchase('p1', 1000)]))
      .when(revoke('p1'))
      .then(revoked('p1', 0));
  });

  it('a repeated revocation yields no events', () => {
    given(...partlyUsed, revoked('p1', 7000)).when(revoke('p1')).then();
  });

  it('an unknown purchase cannot be revoked', () => {
    given().when(revoke('p1')).thenThrows('unknown_purchase', { purchaseId: 'p1' });
  });
});
