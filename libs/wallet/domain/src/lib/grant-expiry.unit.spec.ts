import { grantLotId } from '@billing/contracts';
import { given } from '../testing/given';
import {
  HOUR,
  T0,
  charge,
  charged,
  expireGrant,
  expired,
  fromGrant,
  granted,
  purchased,
  release,
  released,
  reserved,
} from '../testing/wallet-messages';

const grantWithHold = [granted('g1', 5000, T0 + HOUR), reserved('r1', 2000, [fromGrant('g1', 2000)], T0 + HOUR - 1000)];

describe('expiring a grant', () => {
  it('at its expiry, a grant\'s unconsumed, unheld remainder expires', () => {
    given(granted('g1', 5000, T0 + HOUR), purchased('p1', 1000))
      .when(expireGrant('g1', T0 + HOUR))
      .then(expired(grantLotId('g1'), 5000, T0 + HOUR));
  });

  it('what was spent before expiry stays spent, and only the rest expires', () => {
    given(...grantWithHold, charged('r1', 2000, [fromGrant('g1', 2000)], T0 + HOUR - 500))
      .when(expireGrant('g1', T0 + HOUR))
      .then(expired(grantLotId('g1'), 3000, T0 + HOUR));
  });

  it('a held part is left to its hold: charged, it was spent in time', () => {
    const history = [...grantWithHold, expired(grantLotId('g1'), 3000, T0 + HOUR)];
    given(...history)
      .when(charge('r1', 2000, T0 + HOUR + 1))
      .then(charged('r1', 2000, [fromGrant('g1', 2000)], T0 + HOUR + 1));
  });

  it('an expired grant\'s held credits come back expired, so they never return to use', () => {
    given(...grantWithHold, expired(grantLotId('g1'), 3000, T0 + HOUR))
      .when(release('r1', 'failed', T0 + HOUR))
      .then(released('r1', 2000, [fromGrant('g1', 2000)], 'failed', T0 + HOUR), expired(grantLotId('g1'), 2000, T0 + HOUR));
  });

  it('a grant cannot expire before its expiry', () => {
    given(granted('g1', 5000, T0 + HOUR)).when(expireGrant('g1', T0 + HOUR - 1)).thenThrows('not_expired_yet', { id: 'g1', expiresAt: T0 + HOUR });
  });

  it('a grant without expiry never expires', () => {
    given(granted('g1', 5000, null)).when(expireGrant('g1', T0 + HOUR)).thenThrows('grant_never_expires', { grantId: 'g1' });
  });

  it('an unknown grant cannot expire, and a purchase is not a grant', () => {
    given().when(expireGrant('g1', T0)).thenThrows('unknown_grant', { grantId: 'g1' });
    given(purchased('g1', 1000)).when(expireGrant('g1', T0)).thenThrows('unknown_grant');
  });

  it('a repeated expiry yields no events', () => {
    given(granted('g1', 5000, T0 + HOUR), expired(grantLotId('g1'), 5000, T0 + HOUR))
      .when(expireGrant('g1', T0 + 2 * HOUR))
      .then();
  });

  it('a grant with only held credits left expires nothing now', () => {
    given(granted('g1', 2000, T0 + HOUR), reserved('r1', 2000, [fromGrant('g1', 2000)]))
      .when(expireGrant('g1', T0 + HOUR))
      .then();
  });
});
