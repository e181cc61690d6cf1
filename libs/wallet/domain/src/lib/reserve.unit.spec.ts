import { decide } from './decide';
import { evolve } from './evolve';
import { walletView } from './wallet-state';
import { replayWallet } from './wallet-decider';
import { given } from '../testing/given';
import {
  HOUR,
  MINUTE,
  T0,
  fromGrant,
  fromPurchase,
  granted,
  purchased,
  rejected,
  reserve,
  reserved,
  revoked,
} from '../testing/wallet-messages';

describe('reserving credits (a hold)', () => {
  it('a reservation that fits holds the credits until charged, released or expired', () => {
    given(purchased('p1', 10_000))
      .when(reserve('r1', 4000))
      .then(reserved('r1', 4000, [fromPurchase('p1', 4000)]));
    given(purchased('p1', 10_000))
      .when(reserve('r1', 4000))
      .thenView({ balanceMillicredits: 10_000, heldMillicredits: 4000, availableMillicredits: 6000 });
  });

  it('the hold expires its TTL after the command time and carries the task', () => {
    given(purchased('p1', 10_000))
      .when(reserve('r1', 1000, T0, { ttlMillis: 5 * MINUTE, taskId: 'task-1' }))
      .then(reserved('r1', 1000, [fromPurchase('p1', 1000)], T0, { ttlMillis: 5 * MINUTE, taskId: 'task-1' }));
  });

  it('a reservation that does not fit is refused with available and required', () => {
    given(purchased('p1', 3000), reserved('r0', 1000, [fromPurchase('p1', 1000)]))
      .when(reserve('r1', 2001))
      .then(rejected('r1', 2001, 2000));
  });

  it('a refused reservation leaves the balance untouched and never negative', () => {
    given(purchased('p1', 3000))
      .when(reserve('r1', 5000))
      .thenView({ balanceMillicredits: 3000, heldMillicredits: 0, availableMillicredits: 3000 });
  });

  it('an empty wallet refuses with zero available', () => {
    given().when(reserve('r1', 1)).then(rejected('r1', 1, 0));
  });

  it('a reservation may take exactly everything available', () => {
    given(purchased('p1', 3000))
      .when(reserve('r1', 3000))
      .then(reserved('r1', 3000, [fromPurchase('p1', 3000)]));
  });

  it('grants are consumed earliest-expiry first, before credits that never expire', () => {
    given(
      purchased('p1', 5000),
      granted('late', 2000, T0 + 2 * HOUR),
      granted('never', 2000, null),
      granted('soon', 1000, T0 + HOUR),
    )
      .when(reserve('r1', 9500))
      .then(
        reserved('r1', 9500, [
          fromGrant('soon', 1000),
          fromGrant('late', 2000),
          fromPurchase('p1', 5000),
          fromGrant('never', 1500),
        ]),
      );
  });

  it('lots that expire together are taken first in, first out', () => {
    given(granted('second', 1000, T0 + HOUR), granted('first', 1000, T0 + HOUR))
      .when(reserve('r1', 1500))
      .then(reserved('r1', 1500, [fromGrant('second', 1000), fromGrant('first', 500)]));
  });

  it('a held part of a lot is not allocated twice', () => {
    given(granted('g1', 1000, T0 + HOUR), purchased('p1', 5000), reserved('r0', 600, [fromGrant('g1', 600)]))
      .when(reserve('r1', 1000))
      .then(reserved('r1', 1000, [fromGrant('g1', 400), fromPurchase('p1', 600)]));
  });

  it('a grant past its expiry funds no hold, even before ExpireGrant runs', () => {
    given(granted('g1', 5000, T0 + HOUR), purchased('p1', 1000))
      .when(reserve('r1', 2000, T0 + HOUR))
      .then(rejected('r1', 2000, 1000, T0 + HOUR));
  });

  it('credits of a revoked purchase fund no hold', () => {
    given(purchased('p1', 5000), revoked('p1', 5000)).when(reserve('r1', 1)).then(rejected('r1', 1, 0));
  });

  it('a repeated reservation yields no events, even delivered later', () => {
    given(purchased('p1', 5000), reserved('r1', 1000, [fromPurchase('p1', 1000)]))
      .when(reserve('r1', 1000, T0 + MINUTE))
      .then();
  });

  it('a repeated refused reservation stays refused without new events, even after a top-up', () => {
    given(rejected('r1', 1000, 0), purchased('p1', 5000)).when(reserve('r1', 1000)).then();
  });

  it('a reservation id reused with another amount or task is an error', () => {
    const history = [purchased('p1', 5000), reserved('r1', 1000, [fromPurchase('p1', 1000)])];
    given(...history).when(reserve('r1', 2000)).thenThrows('id_reused', { idKind: 'reservation', id: 'r1' });
    given(...history).when(reserve('r1', 1000, T0, { taskId: 'other' })).thenThrows('id_reused');
  });

  it.each([
    ['zero amount', reserve('r1', 0), 'millicredits'],
    ['fractional amount', reserve('r1', 0.5), 'millicredits'],
    ['unsafe amount', reserve('r1', 2 ** 60), 'millicredits'],
    ['zero TTL', reserve('r1', 1000, T0, { ttlMillis: 0 }), 'ttlMillis'],
    ['negative TTL', reserve('r1', 1000, T0, { ttlMillis: -MINUTE }), 'ttlMillis'],
    ['TTL past the end of time', reserve('r1', 1000, T0, { ttlMillis: Number.MAX_SAFE_INTEGER - 1 }), 'ttlMillis'],
  ])('a %s is an error', (_name, command, field) => {
    given(purchased('p1', 5000)).when(command).thenThrows('invalid_amount', { field });
  });

  it('an empty reservation id is an error', () => {
    given().when(reserve('', 1000)).thenThrows('invalid_field', { field: 'reservationId' });
  });

  it('no cross-pool: a wallet is one pool, and a hold on one never touches another', () => {
    const app = replayWallet([purchased('p-app', 1000)]);
    const api = replayWallet([purchased('p-api', 50_000)]);
    expect(decide(reserve('r1', 5000), app)).toEqual([rejected('r1', 5000, 1000)]);
    const apiAfter = decide(reserve('r1', 5000), api).reduce(evolve, api);
    expect(walletView(apiAfter).heldMillicredits).toBe(5000);
    expect(walletView(app)).toEqual({ balanceMillicredits: 1000, heldMillicredits: 0, availableMillicredits: 1000 });
    expect(decide(reserve('r1', 5000), app)).toEqual([rejected('r1', 5000, 1000)]);
  });
});
