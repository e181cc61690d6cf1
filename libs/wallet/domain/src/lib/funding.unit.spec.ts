import { grantLotId } from '@billing/contracts';
import { given } from '../testing/given';
import { HOUR, T0, expired, grant, granted, purchase, purchased } from '../testing/wallet-messages';

describe('buying and granting credits', () => {
  it('a purchase adds its credits to the balance', () => {
    given()
      .when(purchase('p1', 300_000))
      .then(purchased('p1', 300_000));
    given().when(purchase('p1', 300_000)).thenView({ balanceMillicredits: 300_000, heldMillicredits: 0, availableMillicredits: 300_000 });
  });

  it('a grant adds its credits with its expiry and source', () => {
    given()
      .when(grant('g1', 1_000_000, T0 + HOUR))
      .then(granted('g1', 1_000_000, T0 + HOUR));
  });

  it('a repeated purchase or grant yields no events', () => {
    given(purchased('p1', 300_000)).when(purchase('p1', 300_000, T0 + HOUR)).then();
    given(granted('g1', 5000, null)).when(grant('g1', 5000, null)).then();
  });

  it('a purchase id reused with other content is an error', () => {
    given(purchased('p1', 300_000)).when(purchase('p1', 1_000_000)).thenThrows('id_reused', { idKind: 'purchase', id: 'p1' });
  });

  it('a grant id reused with another expiry is an error', () => {
    given(granted('g1', 5000, null)).when(grant('g1', 5000, T0 + HOUR)).thenThrows('id_reused', { idKind: 'grant', id: 'g1' });
  });

  it('purchase and grant ids live apart: the same id may name one of each', () => {
    given(purchased('x', 1000))
      .when(grant('x', 2000, null))
      .then(granted('x', 2000, null));
  });

  it('a grant delivered after its expiry is recorded and lapses at once', () => {
    given()
      .when(grant('g1', 5000, T0 - 1))
      .then(granted('g1', 5000, T0 - 1), expired(grantLotId('g1'), 5000, T0));
  });

  it.each([
    ['zero', 0],
    ['negative', -1000],
    ['fractional', 1.5],
    ['unsafe', Number.MAX_SAFE_INTEGER + 2],
    ['not a number', Number.NaN],
  ])('a %s amount is an error', (_name, millicredits) => {
    given().when(purchase('p1', millicredits)).thenThrows('invalid_amount', { field: 'millicredits' });
    given().when(grant('g1', millicredits, null)).thenThrows('invalid_amount', { field: 'millicredits' });
  });

  it('a negative price or an empty currency is an error', () => {
    const base = purchase('p1', 1000);
    given().when({ ...base, data: { ...base.data, amountCents: -1 } }).thenThrows('invalid_amount', { field: 'amountCents' });
    given().when({ ...base, data: { ...base.data, currency: '' } }).thenThrows('invalid_field', { field: 'currency' });
  });

  it('a grant with a fractional expiry is an error', () => {
    given().when(grant('g1', 1000, T0 + 0.5)).thenThrows('invalid_field', { field: 'expiresAt' });
  });
});
