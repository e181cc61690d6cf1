import { carryForward, openedBooks } from './carry-forward';
import { replayWallet } from './wallet-decider';
import { given } from '../testing/given';
import {
  charge,
  charged,
  freeze,
  fromPurchase,
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
