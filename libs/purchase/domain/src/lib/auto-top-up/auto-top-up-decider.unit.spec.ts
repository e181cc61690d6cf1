import type { AutoTopUpCommand, AutoTopUpSetting } from '@billing/contracts';
import { autoTopUpDecider } from './auto-top-up-decider';
import { type AutoTopUpState, initialAutoTopUpState } from './auto-top-up-state';

const DEC_1 = Date.UTC(2026, 11, 1);
const JAN_1 = Date.UTC(2027, 0, 1);
const setting: AutoTopUpSetting = {
  accountId: 'acme',
  pool: 'api',
  thresholdMillicredits: 100_000,
  packId: 'api-1000',
  packMillicredits: 1_000_000,
  amountCents: 7_200,
  currency: 'USD',
  priceBookId: 'credits',
  priceBookVersion: '2026-01',
  monthlyCapCents: 14_400,
  maxFailures: 2,
};
const meta = (now: number) => ({ commandId: `c-${now}`, now });
const configure = (now = DEC_1, changes: Partial<AutoTopUpSetting> = {}): AutoTopUpCommand => ({ type: 'ConfigureAutoTopUp', data: { ...setting, ...changes }, metadata: meta(now) });
const check = (availableMillicredits: number, now = DEC_1): AutoTopUpCommand => ({ type: 'CheckAutoTopUp', data: { accountId: 'acme', pool: 'api', availableMillicredits }, metadata: meta(now) });
const succeeded = (orderId: string, now = DEC_1): AutoTopUpCommand => ({ type: 'SettleAutoTopUp', data: { accountId: 'acme', pool: 'api', orderId, outcome: 'succeeded' }, metadata: meta(now) });
const declined = (orderId: string, now = DEC_1): AutoTopUpCommand => ({
  type: 'SettleAutoTopUp',
  data: { accountId: 'acme', pool: 'api', orderId, outcome: 'failed', reason: 'card_declined' },
  metadata: meta(now),
});

/** Runs the commands in turn; answers the state after them and the event types each produced. */
function run(commands: readonly AutoTopUpCommand[], state: AutoTopUpState = initialAutoTopUpState): { state: AutoTopUpState; produced: string[][] } {
  const produced: string[][] = [];
  let current = state;
  for (const command of commands) {
    const events = autoTopUpDecider.decide(command, current);
    produced.push(events.map((event) => (event.type === 'AutoTopUpStarted' ? `Started ${event.data.orderId}` : event.type)));
    current = events.reduce(autoTopUpDecider.evolve, current);
  }
  return { state: current, produced };
}

const first = 'auto-top-up_acme_api_1';
const second = 'auto-top-up_acme_api_2';

describe('auto top-up', () => {
  it('given a pool above its threshold, then nothing starts; below it, one top-up starts and no second while it is in flight', () => {
    const { produced } = run([configure(), check(100_000), check(99_999), check(50_000), check(0)]);
    expect(produced).toEqual([['AutoTopUpConfigured'], [], [`Started ${first}`], [], []]);
  });

  it('given a top-up whose credits arrived, then the next fall below the threshold starts the next one; a settlement seen twice changes nothing', () => {
    const { produced } = run([configure(), check(10_000), succeeded(first), succeeded(first), check(1_010_000), check(90_000), check(80_000)]);
    expect(produced).toEqual([['AutoTopUpConfigured'], [`Started ${first}`], ['AutoTopUpSucceeded'], [], [], [`Started ${second}`], []]);
  });

  it('given the monthly cap spent, then no top-up starts until the next month', () => {
    const { produced, state } = run([configure(), check(0), succeeded(first), check(0), succeeded(second), check(0), check(0, JAN_1)]);
    expect(produced.slice(3)).toEqual([[`Started ${second}`], ['AutoTopUpSucceeded'], [], ['Started auto-top-up_acme_api_3']]);
    expect(state).toMatchObject({ month: '2027-01', spentCents: 7_200 });
  });

  it('given declined charges, then each counts against the limit and frees the cap; at the limit auto top-up is disabled; saving it again enables it', () => {
    const { produced, state } = run([configure(), check(0), declined(first), check(0), declined(second), check(0)]);
    expect(produced).toEqual([['AutoTopUpConfigured'], [`Started ${first}`], ['AutoTopUpFailed'], [`Started ${second}`], ['AutoTopUpFailed'], []]);
    expect(state).toMatchObject({ status: 'disabled', failures: 2, spentCents: 0, disabledReason: expect.stringContaining('card_declined') });
    const again = run([configure(), check(0)], state);
    expect(again.produced).toEqual([['AutoTopUpConfigured'], ['Started auto-top-up_acme_api_3']]);
  });

  it('given a success between failures, then the count starts again', () => {
    const { state } = run([configure(), check(0), declined(first), check(0), succeeded(second)]);
    expect(state).toMatchObject({ status: 'enabled', failures: 0 });
  });

  it('given the same setting saved again, then nothing is recorded; a removed pool never starts one, and a later one never reuses an order id', () => {
    const { produced } = run([configure(), configure(), check(0), { type: 'RemoveAutoTopUp', data: { accountId: 'acme', pool: 'api' }, metadata: meta(DEC_1) }, succeeded(first), check(0), configure(), check(0)]);
    expect(produced).toEqual([['AutoTopUpConfigured'], [], [`Started ${first}`], ['AutoTopUpRemoved'], ['AutoTopUpSucceeded'], [], ['AutoTopUpConfigured'], [`Started ${second}`]]);
  });

  it('refuses a setting whose cap does not cover one pack, whose pack gives less than the threshold, or without a limit of tries', () => {
    expect(() => run([configure(DEC_1, { thresholdMillicredits: 1_000_001 })])).toThrow(/at least the threshold/);
    expect(() => run([configure(DEC_1, { monthlyCapCents: 7_199 })])).toThrow(/monthly cap/);
    expect(() => run([configure(DEC_1, { maxFailures: 0 })])).toThrow(/maxFailures/);
    expect(() => run([configure(DEC_1, { thresholdMillicredits: 0 })])).toThrow(/thresholdMillicredits/);
  });
});
