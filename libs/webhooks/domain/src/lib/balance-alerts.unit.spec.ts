import { type BalanceAlert, balanceAlertMessage, balanceAlertsAfter, newBalanceAlert } from './balance-alerts';

/** Sees each available balance in turn, as the service does after each batch; answers the kinds and crossings fired at each. */
function run(alerts: readonly BalanceAlert[], availables: readonly number[]): string[][] {
  let current = alerts;
  return availables.map((available) => {
    const { alerts: next, firings } = balanceAlertsAfter(current, available);
    current = next;
    return firings.map((firing) => `${firing.alert.kind}@${firing.alert.thresholdMillicredits}#${firing.crossing}`);
  });
}

describe('low-balance alerts', () => {
  const funded = 500_000;
  const alerts = [newBalanceAlert('low', 100_000, funded), newBalanceAlert('low', 50_000, funded), newBalanceAlert('depleted', 0, funded)];

  it('given a pool funded above its thresholds, when it spends across one, then it fires once; spending more below it fires nothing more', () => {
    expect(run(alerts, [120_000, 90_000, 60_000])).toEqual([[], ['low@100000#1'], []]);
  });

  it('given a fired alert, when the pool is refilled above it and crosses again, then it fires again with the next crossing', () => {
    expect(run(alerts, [90_000, 400_000, 99_999])).toEqual([['low@100000#1'], [], ['low@100000#2']]);
  });

  it('given one fall through every threshold to zero, then each fires once, depleted included; at exactly a threshold it has not been crossed', () => {
    expect(run(alerts, [100_000, 0, 0])).toEqual([[], ['low@100000#1', 'low@50000#1', 'depleted@0#1'], []]);
  });

  it('given an alert set while the pool is already below it, then it waits for a rise before it can fire', () => {
    expect(run([newBalanceAlert('low', 100_000, 10_000)], [5_000, 150_000, 20_000])).toEqual([[], [], ['low@100000#1']]);
  });

  it('given the same crossing, then its message id is the same; another crossing or pool makes another', () => {
    const [firing] = balanceAlertsAfter([newBalanceAlert('low', 100_000, funded)], 90_000).firings;
    if (!firing) throw new Error('expected a firing');
    const message = balanceAlertMessage('acme', 'api', firing, 90_000, 1_000);
    expect(message).toMatchObject({ type: 'balance.low', accountId: 'acme', data: { account_id: 'acme', pool: 'api', threshold: 100, available: 90, crossing: 1 } });
    expect(balanceAlertMessage('acme', 'api', firing, 80_000, 2_000).messageId).toBe(message.messageId);
    expect(balanceAlertMessage('acme', 'app', firing, 90_000, 1_000).messageId).not.toBe(message.messageId);
    expect(balanceAlertMessage('acme', 'api', { ...firing, crossing: 2 }, 90_000, 1_000).messageId).not.toBe(message.messageId);
  });
});
