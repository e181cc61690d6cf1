import { checkWalletInvariants } from './wallet-invariants';
import {
  T0,
  TTL,
  charged,
  fromPurchase,
  purchased,
  refunded,
  released,
  reservationExpired,
  reserved,
} from '../testing/wallet-messages';

const rules = (events: Parameters<typeof checkWalletInvariants>[0], endedBy?: number) =>
  checkWalletInvariants(events, endedBy === undefined ? {} : { endedBy }).map(({ index, invariant, rule }) => ({ index, invariant, rule }));

describe('the wallet invariant checker (finance replays streams with it)', () => {
  it('finds nothing in a well-kept stream', () => {
    expect(
      rules([
        purchased('p1', 5000),
        reserved('r1', 3000, [fromPurchase('p1', 3000)]),
        charged('r1', 2000, [fromPurchase('p1', 2000)]),
        released('r1', 1000, [fromPurchase('p1', 1000)], 'partial_charge'),
        refunded('f1', 'r1', 2000, [fromPurchase('p1', 2000)]),
      ]),
    ).toEqual([]);
  });

  it('1: a hold beyond the balance drives available below zero', () => {
    expect(rules([purchased('p1', 1000), reserved('r1', 3000, [fromPurchase('p1', 3000)])])).toContainEqual({
      index: 1,
      invariant: 1,
      rule: 'available_never_negative',
    });
  });

  it('2: credits that come from nowhere break conservation', () => {
    expect(rules([purchased('p1', 1000), refunded('f1', 'r-unknown', 500, [fromPurchase('p-unknown', 500)])])).toContainEqual({
      index: 1,
      invariant: 2,
      rule: 'conservation',
    });
  });

  it('2: allocations that do not add up to the amount are found', () => {
    expect(rules([purchased('p1', 5000), reserved('r1', 3000, [fromPurchase('p1', 2000)])])).toContainEqual({
      index: 1,
      invariant: 2,
      rule: 'allocations_add_up',
    });
  });

  it('3: a hold settled twice is found at the second settlement', () => {
    expect(
      rules([
        purchased('p1', 5000),
        reserved('r1', 3000, [fromPurchase('p1', 3000)]),
        released('r1', 3000, [fromPurchase('p1', 3000)]),
        charged('r1', 3000, [fromPurchase('p1', 3000)]),
      ]),
    ).toContainEqual({ index: 3, invariant: 3, rule: 'hold_ends_once' });
  });

  it('3: a hold still open past its TTL is found at its reservation', () => {
    const stream = [purchased('p1', 5000), reserved('r1', 3000, [fromPurchase('p1', 3000)])];
    expect(rules(stream, T0 + TTL)).toEqual([{ index: 1, invariant: 3, rule: 'hold_ends_by_its_ttl' }]);
    expect(rules(stream, T0 + TTL - 1)).toEqual([]);
  });

  it('3: a hold expired before its TTL is found', () => {
    expect(
      rules([purchased('p1', 5000), reserved('r1', 3000, [fromPurchase('p1', 3000)]), reservationExpired('r1', 3000, [fromPurchase('p1', 3000)], T0 + 1)]),
    ).toContainEqual({ index: 2, invariant: 3, rule: 'hold_expires_after_ttl' });
  });

  it('4: a charge beyond its hold, or after its TTL, is found', () => {
    const found = rules([
      purchased('p1', 5000),
      reserved('r1', 1000, [fromPurchase('p1', 1000)]),
      charged('r1', 2000, [fromPurchase('p1', 2000)], T0 + TTL),
    ]);
    expect(found).toContainEqual({ index: 2, invariant: 4, rule: 'charge_within_hold' });
    expect(found).toContainEqual({ index: 2, invariant: 4, rule: 'no_charge_after_ttl' });
  });

  it('4: refunds beyond the charge are found', () => {
    expect(
      rules([
        purchased('p1', 5000),
        reserved('r1', 1000, [fromPurchase('p1', 1000)]),
        charged('r1', 1000, [fromPurchase('p1', 1000)]),
        refunded('f1', 'r1', 1000, [fromPurchase('p1', 1000)]),
        refunded('f2', 'r1', 1, [fromPurchase('p1', 1)]),
      ]),
    ).toContainEqual({ index: 4, invariant: 4, rule: 'refund_within_charge' });
  });
});
