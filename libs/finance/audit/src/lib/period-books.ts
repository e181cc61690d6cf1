import { parseWalletStreamName, walletPeriodStart, type WalletStreamEvent } from '@billing/contracts';
import { carryForward, evolve, initialState, type WalletState } from '@billing/wallet-domain';

export interface PeriodFinding {
  readonly rule: string;
  readonly message: string;
}

const NOTHING: PeriodFinding[] = [];

/**
 * One wallet's books across its period streams, in the order they were written: each
 * period's stream opens (revision 0) with `BalanceCarriedForward`, naming the stream
 * before it and carrying exactly what that stream closed with, by the wallet's own rule
 * (`carryForward` over the wallet state folded from the events); periods follow each
 * other in time; a period takes no event once the next one has opened.
 */
export class PeriodBooks {
  private streamName: string | null = null;
  private periodStart = Number.NEGATIVE_INFINITY;
  private readonly closed = new Set<string>();
  private state: WalletState = initialState;

  /** The findings of one event of the wallet (empty when sound), folding it into the books. */
  check(streamName: string, revision: number, event: WalletStreamEvent): readonly PeriodFinding[] {
    if (streamName === this.streamName) {
      if (event.type === 'BalanceCarriedForward') return [{ rule: 'opening_comes_first', message: `an opening at revision ${revision}, inside its period` }];
      this.state = evolve(this.state, event);
      return NOTHING;
    }
    if (this.closed.has(streamName)) return [{ rule: 'closed_period_appended', message: `${streamName} took an event after a later period opened` }];
    return this.enter(streamName, revision, event);
  }

  private enter(streamName: string, revision: number, event: WalletStreamEvent): PeriodFinding[] {
    const findings: PeriodFinding[] = [];
    const previous = this.streamName;
    if (previous !== null) this.closed.add(previous);
    this.streamName = streamName;
    const period = parseWalletStreamName(streamName)?.period ?? null;
    const start = period === null ? Number.NEGATIVE_INFINITY : walletPeriodStart(period);
    if (previous !== null && start <= this.periodStart) findings.push({ rule: 'periods_in_order', message: `${streamName} follows ${previous}, which is not an earlier period` });
    this.periodStart = start;
    if (event.type !== 'BalanceCarriedForward' || revision !== 0) {
      if (period !== null) findings.push({ rule: 'period_opens_with_carry_forward', message: `${streamName} starts with ${event.type} at revision ${revision}` });
      if (event.type !== 'BalanceCarriedForward') this.state = evolve(this.state, event);
      return findings;
    }
    const expected = carryForward(this.state, { period: period ?? '', at: start, previousStreamName: previous });
    const differs = differences(expected.data, event.data);
    if (differs.length > 0) findings.push({ rule: 'opening_matches_closing', message: `the opening differs from ${previous ?? 'an empty wallet'} as it closed: ${differs.join(', ')}` });
    this.state = evolve(this.state, event);
    return findings;
  }
}

/** The top-level fields whose values differ (compared as canonical JSON: key order does not matter). */
function differences(expected: object, actual: object): string[] {
  const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
  const a = expected as Record<string, unknown>;
  const b = actual as Record<string, unknown>;
  return [...keys].filter((key) => canonical(a[key]) !== canonical(b[key]));
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
      : inner,
  ) ?? 'undefined';
}
