import type { CommandMetadata, Decider, QuoteSnapshot } from '@billing/contracts';

export const T0 = Date.UTC(2025, 0, 15, 12, 0, 0);

/** A 5 s Seedance 2.0 quote without video reference: 15 credits per second. */
export function aQuote(overrides: Partial<QuoteSnapshot> = {}): QuoteSnapshot {
  return {
    quoteId: 'quote-1',
    priceBookId: 'credits',
    priceBookVersion: '2025-01-01',
    model: 'seedance-2.0',
    mode: 'standard',
    durationMillis: 5_000,
    millicredits: 75_000,
    breakdown: [{ name: 'rate', value: '15', description: 'credits per second' }],
    proRataShortOutput: false,
    quotedAt: T0,
    expiresAt: T0 + 15 * 60_000,
    ...overrides,
  };
}

export function metadata(commandId: string, now = T0): CommandMetadata {
  return { commandId, now };
}

/** Given these events, when this command: the events decided (or the error thrown). */
export function decideAfter<C, E, S>(decider: Decider<C, E, S>, given: readonly E[], when: C): readonly E[] {
  return decider.decide(when, given.reduce(decider.evolve, decider.initialState));
}

export function stateAfter<C, E, S>(decider: Decider<C, E, S>, events: readonly E[]): S {
  return events.reduce(decider.evolve, decider.initialState);
}
