import { carryForward, openedBooks } from './carry-forward';
import { replayWallet } from './wallet-decider';
import { given } from '../testing/given';
import {
  charge,
  charged,
  expired,
  freeze,
  fromGrant,
  fromPurchase,
  granted,
  HOUR,
  rejected,
  T0,
  purchased,
  release,
  released,
  reserve,
  reserved,
  revoke,
  revoked,
  unfreeze,
  unfrozen,
  frozen,
} from '../testing/wallet-messages';

const partlySpent = [
  purchased('p1', 10_000),
  purchased('p2', 5000),
  reserved('r1', 3000, [fromPurchase('p1', 3000)]),
  charged('r1', 3000, [fromPurchase('p1', 3000)]),
];

describe('a disputed purchase', () => {
  it('when a dispute opens, then the purchase’s unspent credits are held: the balance stays, available falls', () => {
    given(...partlySpent).when(freeze('p1')).then(frozen('p1', 7000));
    given(...partlySpent).when(freeze('p1')).thenView({ balanceMillicredits: 12_000, heldMillicredits: 7000, availableMillicredits: 5000 });
  });

  it('frozen credits fund no task: a reservation draws on other purchases only, or is rejected', () => {
    given(...partlySpent, frozen('p1', 7000)).when(reserve('r2', 5000)).then(reserved('r2', 5000, [fromPurchase('p2', 5000)]));
  });

  it('credits held by a running task stay with it; a payment is disputed once: a repeated freeze yields nothing, even after the release', () => {
    given(purchased('p1', 10_000), reserved('r1', 4000, [fromPurchase('p1', 4000)]))
      .when(freeze('p1'))
      .then(frozen('p1', 6000));
    given(purchased('p1', 10_000), frozen('p1', 10_000)).when(freeze('p1')).then();
    given(purchased('p1', 10_000), frozen('p1', 10_000), unfrozen('p1', 10_000)).when(freeze('p1')).then();
  });

  it('a purchase with nothing unheld is still marked disputed (0 millicredits), so what its holds return later is frozen', () => {
    const allHeld = [purchased('p1', 1000), reserved('r1', 1000, [fromPurchase('p1', 1000)])];
    given(...allHeld).when(freeze('p1')).then(frozen('p1', 0));
    given(...allHeld, frozen('p1', 0))
      .when(release('r1'))
      .then(released('r1', 1000, [fromPurchase('p1', 1000)]), frozen('p1', 1000, undefined, 'returned to a disputed purchase'));
  });

  it('when the dispute is won, then the frozen credits are spendable again, once', () => {
    given(...partlySpent, frozen('p1', 7000)).when(unfreeze('p1')).then(unfrozen('p1', 7000));
    given(...partlySpent, frozen('p1', 7000), unfrozen('p1', 7000)).when(unfreeze('p1')).then();
    given(...partlySpent, frozen('p1', 7000)).when(unfreeze('p1')).thenView({ balanceMillicredits: 12_000, heldMillicredits: 0, availableMillicredits: 12_000 });
  });

  it('when the dispute is lost, then the frozen credits are released and revoked with the rest: conservation holds at every event', () => {
    given(...partlySpent, frozen('p1', 7000))
      .when(revoke('p1'))
      .then(unfrozen('p1', 7000, undefined, 'payment refunded'), revoked('p1', 7000));
    given(...partlySpent, frozen('p1', 7000), unfrozen('p1', 7000, undefined, 'payment refunded'), revoked('p1', 7000))
      .when(revoke('p1'))
      .then();
  });

  it('a hold charged during the dispute was spent; released, its credits come back frozen', () => {
    const during = [purchased('p1', 10_000), reserved('r1', 4000, [fromPurchase('p1', 4000)]), frozen('p1', 6000)];
    given(...during).when(charge('r1', 4000)).then(charged('r1', 4000, [fromPurchase('p1', 4000)]));
    given(...during).when(release('r1')).then(released('r1', 4000, [fromPurchase('p1', 4000)]), frozen('p1', 4000, undefined, 'returned to a disputed purchase'));
  });

  it('a freeze is carried into the next period’s books', () => {
    const state = replayWallet([purchased('p1', 10_000), frozen('p1', 10_000)]);
    const opening = carryForward(state, { period: '202604', at: Date.UTC(2026, 3, 1), previousStreamName: 'wallet-a-app.202603' });
    expect(opening.data.heldMillicredits).toBe(10_000);
    expect(opening.data.lots[0]).toMatchObject({ heldMillicredits: 10_000, frozenMillicredits: 10_000, dispute: 'frozen' });
    const opened = openedBooks(opening.data);
    expect(opened.lots[0]).toMatchObject({ heldMillicredits: 10_000, frozenMillicredits: 10_000 });
    expect(opened.lotRecords.get('purchase:p1')?.dispute).toBe('frozen');
  });

  it('a release delivered before its freeze closes the dispute: the late freeze takes nothing', () => {
    given(...partlySpent).when(unfreeze('p1')).then(unfrozen('p1', 0));
    given(...partlySpent, unfrozen('p1', 0)).when(freeze('p1')).then();
    given(...partlySpent, unfrozen('p1', 0)).when(unfreeze('p1')).then();
  });

  it('an unknown purchase cannot be frozen', () => {
    given().when(freeze('p1')).thenThrows('unknown_purchase', { purchaseId: 'p1' });
  });
});

/** The same messages about a plan period's grant `g1`, paid by order `o1`. */
const ofGrant = <M extends { data: object }>(message: M): M => ({ ...message, data: { ...message.data, purchaseId: 'o1', grantId: 'g1' } });
const PERIOD_END = T0 + 30 * 24 * HOUR;

describe('a disputed plan payment (the grant of the period it paid)', () => {
  const partlySpentGrant = [
    purchased('p1', 5000),
    granted('g1', 10_000, PERIOD_END),
    reserved('r1', 3000, [fromGrant('g1', 3000)]),
    charged('r1', 3000, [fromGrant('g1', 3000)]),
    reserved('r2', 2000, [fromGrant('g1', 2000)]),
  ];

  it('when the dispute opens, then the grant’s unspent, unheld credits are frozen; tasks draw on other lots only', () => {
    given(...partlySpentGrant).when(ofGrant(freeze('o1'))).then(ofGrant(frozen('o1', 5000)));
    given(...partlySpentGrant).when(ofGrant(freeze('o1'))).thenView({ balanceMillicredits: 12_000, heldMillicredits: 7000, availableMillicredits: 5000 });
    given(...partlySpentGrant, ofGrant(frozen('o1', 5000))).when(reserve('r3', 5000)).then(reserved('r3', 5000, [fromPurchase('p1', 5000)]));
    given(...partlySpentGrant, ofGrant(frozen('o1', 5000))).when(ofGrant(freeze('o1'))).then();
  });

  it('a hold released during the dispute comes back frozen, naming the payment; won, all of it is spendable again, once', () => {
    const during = [...partlySpentGrant, ofGrant(frozen('o1', 5000))];
    given(...during).when(release('r2')).then(released('r2', 2000, [fromGrant('g1', 2000)]), ofGrant(frozen('o1', 2000, T0, 'returned to a disputed purchase')));
    const returned = [...during, released('r2', 2000, [fromGrant('g1', 2000)]), ofGrant(frozen('o1', 2000, T0, 'returned to a disputed purchase'))];
    given(...returned).when(ofGrant(unfreeze('o1'))).then(ofGrant(unfrozen('o1', 7000)));
    given(...returned, ofGrant(unfrozen('o1', 7000))).when(ofGrant(unfreeze('o1'))).then();
  });

  it('when the dispute is lost, then the frozen credits are revoked; what a running task returns later is revoked too; conservation holds', () => {
    const during = [...partlySpentGrant, ofGrant(frozen('o1', 5000))];
    given(...during)
      .when(ofGrant(revoke('o1')))
      .then(ofGrant(unfrozen('o1', 5000, T0, 'payment refunded')), ofGrant(revoked('o1', 5000)));
    const lost = [...during, ofGrant(unfrozen('o1', 5000, T0, 'payment refunded')), ofGrant(revoked('o1', 5000))];
    given(...lost).when(release('r2')).then(released('r2', 2000, [fromGrant('g1', 2000)]), ofGrant(revoked('o1', 2000, T0, 'returned to a revoked purchase')));
    given(...lost).when(ofGrant(revoke('o1'))).then();
    given(...lost).when(reserve('r3', 6000)).then(rejected('r3', 6000, 5000));
  });

  it('a dispute won after the period ended lets the released credits expire at once', () => {
    const during = [...partlySpentGrant, ofGrant(frozen('o1', 5000))];
    given(...during)
      .when(ofGrant(unfreeze('o1', PERIOD_END)))
      .then(ofGrant(unfrozen('o1', 5000, PERIOD_END)), expired('grant:g1', 5000, PERIOD_END));
    given(...partlySpentGrant).when(ofGrant(freeze('o1', PERIOD_END))).then(ofGrant(frozen('o1', 0, PERIOD_END)));
  });

  it('the payment that paid a frozen grant is carried into the next period’s books', () => {
    const state = replayWallet([granted('g1', 10_000, null), ofGrant(frozen('o1', 10_000))]);
    const opening = carryForward(state, { period: '202604', at: Date.UTC(2026, 3, 1), previousStreamName: 'wallet-a-app.202603' });
    expect(opening.data.lots[0]).toMatchObject({ frozenMillicredits: 10_000, dispute: 'frozen', paidBy: 'o1' });
    expect(openedBooks(opening.data).lotRecords.get('grant:g1')).toMatchObject({ dispute: 'frozen', paidBy: 'o1' });
  });

  it('an unknown grant cannot be frozen', () => {
    given().when(ofGrant(freeze('o1'))).thenThrows('unknown_grant', { grantId: 'g1' });
  });
});
