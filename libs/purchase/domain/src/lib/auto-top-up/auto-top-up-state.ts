import { AUTO_TOP_UP_ORDER_PREFIX, type AutoTopUpEvent, type AutoTopUpSetting, type EpochMillis } from '@billing/contracts';
import { assertNever } from '@billing/util';

/** The top-up whose charge has not ended yet: at most one per pool. */
export interface TopUpInFlight {
  readonly orderId: string;
  readonly millicredits: number;
  readonly amountCents: number;
  readonly currency: string;
  readonly month: string;
}

export interface AutoTopUp {
  readonly status: 'enabled' | 'disabled';
  readonly setting: AutoTopUpSetting;
  readonly inFlight: TopUpInFlight | null;
  /** Declined charges in a row (a success clears it). */
  readonly failures: number;
  /** Why it was disabled (declined too often); null while enabled. */
  readonly disabledReason: string | null;
  /** The calendar month (UTC, `2026-12`) whose top-ups `spentCents` counts: in flight and succeeded. */
  readonly month: string;
  readonly spentCents: number;
  /** Top-ups ever started: the next one's order id follows it. */
  readonly started: number;
}

/** `none`: never configured, or removed (a removed pool keeps its count, so order ids never repeat). */
export type AutoTopUpState = { readonly status: 'none'; readonly started: number; readonly inFlight: TopUpInFlight | null } | AutoTopUp;

export const initialAutoTopUpState: AutoTopUpState = { status: 'none', started: 0, inFlight: null };

export const isAutoTopUp = (state: AutoTopUpState): state is AutoTopUp => state.status !== 'none';

/** `2026-12` for an instant in December 2026, UTC: the cap's period. */
export const capMonthOf = (at: EpochMillis): string => new Date(at).toISOString().slice(0, 7);

/** The order id of a pool's `n`th top-up. */
export const autoTopUpOrderId = (accountId: string, pool: string, n: number): string => `${AUTO_TOP_UP_ORDER_PREFIX}${accountId}_${pool}_${n}`;

/** What a pool's top-ups have cost in the month of `at`. */
export const spentInMonth = (state: AutoTopUp, at: EpochMillis): number => (state.month === capMonthOf(at) ? state.spentCents : 0);

export function evolveAutoTopUp(state: AutoTopUpState, event: AutoTopUpEvent): AutoTopUpState {
  switch (event.type) {
    case 'AutoTopUpConfigured': {
      const { at: _at, ...setting } = event.data;
      const kept = isAutoTopUp(state) ? { month: state.month, spentCents: state.spentCents } : { month: '', spentCents: 0 };
      return { status: 'enabled', setting, inFlight: state.inFlight, failures: 0, disabledReason: null, started: state.started, ...kept };
    }
    case 'AutoTopUpRemoved':
      return { status: 'none', started: state.started, inFlight: state.inFlight };
    case 'AutoTopUpStarted': {
      const { orderId, millicredits, amountCents, currency, at } = event.data;
      const month = capMonthOf(at);
      const inFlight = { orderId, millicredits, amountCents, currency, month };
      if (!isAutoTopUp(state)) return { ...state, inFlight, started: state.started + 1 };
      return { ...state, inFlight, started: state.started + 1, month, spentCents: spentInMonth(state, at) + amountCents };
    }
    case 'AutoTopUpSucceeded':
      return isAutoTopUp(state) ? { ...state, inFlight: null, failures: 0 } : { ...state, inFlight: null };
    case 'AutoTopUpFailed': {
      if (!isAutoTopUp(state)) return { ...state, inFlight: null };
      // A declined charge took no money: it no longer counts against the cap.
      const refunded = state.inFlight !== null && state.inFlight.month === state.month ? state.inFlight.amountCents : 0;
      const { failures, disabled, reason } = event.data;
      return {
        ...state,
        inFlight: null,
        failures,
        spentCents: state.spentCents - refunded,
        ...(disabled ? { status: 'disabled' as const, disabledReason: `the last ${failures} charges were declined (last: ${reason})` } : {}),
      };
    }
    default:
      return assertNever(event, 'auto top-up event');
  }
}
