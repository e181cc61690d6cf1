import fc from 'fast-check';
import type { WalletCommand, WalletEvent } from '@billing/contracts';
import { checkWalletInvariants, decide, evolve, initialState, replayWallet, WalletError, walletView, type WalletState } from '@billing/wallet-domain';
import { AuditedWallet } from './audited-wallet';

const T0 = Date.UTC(2026, 0, 1);

/** Random commands decided by the real decider: the histories a wallet really writes. */
const commandArb = fc.oneof(
  fc.record({ kind: fc.constant('purchase' as const), id: fc.integer({ min: 0, max: 5 }), amount: fc.integer({ min: 1, max: 50 }) }),
  fc.record({ kind: fc.constant('grant' as const), id: fc.integer({ min: 0, max: 5 }), amount: fc.integer({ min: 1, max: 50 }), ttl: fc.integer({ min: 1, max: 20 }) }),
  fc.record({ kind: fc.constant('reserve' as const), id: fc.integer({ min: 0, max: 9 }), amount: fc.integer({ min: 1, max: 60 }) }),
  fc.record({ kind: fc.constant('charge' as const), id: fc.integer({ min: 0, max: 9 }), amount: fc.integer({ min: 1, max: 60 }) }),
  fc.record({ kind: fc.constant('release' as const), id: fc.integer({ min: 0, max: 9 }) }),
  fc.record({ kind: fc.constant('expire' as const), id: fc.integer({ min: 0, max: 9 }) }),
  fc.record({ kind: fc.constant('expireGrant' as const), id: fc.integer({ min: 0, max: 5 }) }),
  fc.record({ kind: fc.constant('refund' as const), id: fc.integer({ min: 0, max: 9 }), amount: fc.integer({ min: 1, max: 20 }) }),
  fc.record({ kind: fc.constant('revoke' as const), id: fc.integer({ min: 0, max: 5 }) }),
  fc.record({ kind: fc.constant('dispute' as const), id: fc.integer({ min: 0, max: 5 }), grant: fc.boolean(), close: fc.constantFrom('open' as const, 'won' as const, 'lost' as const) }),
  fc.record({ kind: fc.constant('tick' as const), minutes: fc.integer({ min: 1, max: 15 }) }),
);
type Step = typeof commandArb extends fc.Arbitrary<infer T> ? T : never;

function history(steps: readonly Step[]): WalletEvent[] {
  let state: WalletState = initialState;
  let now = T0;
  let n = 0;
  const events: WalletEvent[] = [];
  const metadata = () => ({ commandId: `c${++n}`, now });
  for (const step of steps) {
    let command: WalletCommand | undefined;
    switch (step.kind) {
      case 'tick': now += step.minutes * 60_000; break;
      case 'purchase': command = { type: 'PurchaseCredits', data: { purchaseId: `p${step.id}`, millicredits: step.amount * 1_000, amountCents: step.amount * 7, currency: 'USD', priceBookId: 'credits', priceBookVersion: 'v1' }, metadata: metadata() }; break;
      case 'grant': command = { type: 'GrantCredits', data: { grantId: `g${step.id}`, millicredits: step.amount * 1_000, source: { kind: 'promotion', reference: 'x' }, expiresAt: now + step.ttl * 60_000 }, metadata: metadata() }; break;
      case 'reserve': command = { type: 'ReserveCredits', data: { reservationId: `r${step.id}`, millicredits: step.amount * 1_000, ttlMillis: 10 * 60_000 }, metadata: metadata() }; break;
      case 'charge': command = { type: 'ChargeReservation', data: { reservationId: `r${step.id}`, millicredits: step.amount * 1_000 }, metadata: metadata() }; break;
      case 'release': command = { type: 'ReleaseReservation', data: { reservationId: `r${step.id}`, reason: 'failed' }, metadata: metadata() }; break;
      case 'expire': command = { type: 'ExpireReservation', data: { reservationId: `r${step.id}` }, metadata: metadata() }; break;
      case 'expireGrant': command = { type: 'ExpireGrant', data: { grantId: `g${step.id}` }, metadata: metadata() }; break;
      case 'refund': command = { type: 'RefundCredits', data: { refundId: `f${n}`, reservationId: `r${step.id}`, millicredits: step.amount * 1_000, reason: 'x' }, metadata: metadata() }; break;
      case 'revoke': command = { type: 'RevokePurchasedCredits', data: { purchaseId: `p${step.id}`, reason: 'x' }, metadata: metadata() }; break;
      case 'dispute': {
        // A pack's payment, or the one that paid a plan period's grant.
        const paid = step.grant ? { purchaseId: 'order', grantId: `g${step.id}` } : { purchaseId: `p${step.id}` };
        const type = step.close === 'open' ? 'FreezePurchasedCredits' : step.close === 'won' ? 'UnfreezePurchasedCredits' : 'RevokePurchasedCredits';
        command = { type, data: { ...paid, reason: 'x' }, metadata: metadata() };
        break;
      }
    }
    if (command === undefined) continue;
    try {
      for (const event of decide(command, state)) {
        state = evolve(state, event);
        events.push(event);
      }
    } catch (error) {
      if (!(error instanceof WalletError)) throw error;
    }
  }
  return events;
}

const audit = (events: readonly WalletEvent[]) => {
  const wallet = new AuditedWallet('acc', 'api');
  const found = events.flatMap((event, index) => wallet.apply(event, index, index + 1, T0).map((v) => ({ index, invariant: v.invariant })));
  return { wallet, found };
};

describe('the audit fold against the wallet domain', () => {
  it('given histories the decider writes, then it finds nothing, as checkWalletInvariants, and ends at the balance evolve gives', () => {
    fc.assert(
      fc.property(fc.array(commandArb, { maxLength: 60 }), (steps) => {
        const events = history(steps);
        const { wallet, found } = audit(events);
        expect(checkWalletInvariants(events)).toEqual([]);
        expect(found).toEqual([]);
        const view = walletView(replayWallet(events));
        expect([wallet.balanceMillicredits, wallet.heldMillicredits, wallet.availableMillicredits]).toEqual([view.balanceMillicredits, view.heldMillicredits, view.availableMillicredits]);
      }),
      { numRuns: 300 },
    );
  });

  it('given a history with one event dropped, duplicated or its amount changed, then it finds something exactly when checkWalletInvariants does', () => {
    fc.assert(
      fc.property(fc.array(commandArb, { minLength: 5, maxLength: 40 }), fc.nat(), fc.constantFrom('drop', 'duplicate', 'amount'), (steps, pick, mutation) => {
        const events = history(steps);
        if (events.length === 0) return;
        const at = pick % events.length;
        const target = events[at] as WalletEvent;
        const mutated =
          mutation === 'drop' ? events.filter((_, i) => i !== at)
          : mutation === 'duplicate' ? [...events.slice(0, at + 1), target, ...events.slice(at + 1)]
          : events.map((e, i) => (i === at && 'millicredits' in e.data ? ({ ...e, data: { ...e.data, millicredits: e.data.millicredits + 1_000 } } as WalletEvent) : e));
        const domain = checkWalletInvariants(mutated);
        const { found } = audit(mutated);
        expect(found.length > 0).toBe(domain.length > 0);
        if (domain.length > 0) expect(Math.min(...found.map((f) => f.index))).toBe(Math.min(...domain.map((f) => f.index)));
      }),
      { numRuns: 500 },
    );
  });

  it('given a dispute won with nothing frozen and its release then inflated, then both find the release itself', () => {
    const steps: Step[] = [
      { kind: 'purchase', id: 4, amount: 1 },
      { kind: 'reserve', id: 0, amount: 1 },
      { kind: 'dispute', id: 4, grant: false, close: 'won' },
      { kind: 'charge', id: 0, amount: 1 },
    ];
    const events = history(steps);
    const at = events.findIndex((e) => e.type === 'CreditsUnfrozen');
    const mutated = events.map((e, i) => (i === at && e.type === 'CreditsUnfrozen' ? ({ ...e, data: { ...e.data, millicredits: e.data.millicredits + 1_000 } } as WalletEvent) : e));
    expect(Math.min(...checkWalletInvariants(mutated).map((f) => f.index))).toBe(at);
    expect(Math.min(...audit(mutated).found.map((f) => f.index))).toBe(at);
  });
});
