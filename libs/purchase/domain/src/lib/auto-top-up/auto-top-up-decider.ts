import type { AutoTopUpCommand, AutoTopUpEvent, CheckAutoTopUp, ConfigureAutoTopUp, Decider, SettleAutoTopUp } from '@billing/contracts';
import { assertNever, isMillicredits } from '@billing/util';
import { PurchaseError } from '../purchase-errors';
import { type AutoTopUpState, autoTopUpOrderId, evolveAutoTopUp, initialAutoTopUpState, isAutoTopUp, spentInMonth } from './auto-top-up-state';

/**
 * A pool's auto top-up. Below its threshold, an enabled pool with no top-up in flight
 * starts one, unless its pack would take the month past the cap; the top-up is in flight
 * until its credits are in the wallet or its charge is declined. Its pack gives at least the
 * threshold, so the credits of a top-up always bring the pool back to it or above: the
 * next fall below is a new crossing, and each crossing gets one top-up. A declined one is
 * tried again at the next check below the threshold; declined charges in a row up to the
 * setting's limit disable it; saving the setting again enables it.
 */
export function decideAutoTopUp(command: AutoTopUpCommand, state: AutoTopUpState): readonly AutoTopUpEvent[] {
  const at = command.metadata.now;
  switch (command.type) {
    case 'ConfigureAutoTopUp':
      return configure(command, state);
    case 'RemoveAutoTopUp':
      return isAutoTopUp(state) ? [{ type: 'AutoTopUpRemoved', data: { accountId: command.data.accountId, pool: command.data.pool, at } }] : [];
    case 'CheckAutoTopUp':
      return check(command, state);
    case 'SettleAutoTopUp':
      return settle(command, state);
    default:
      return assertNever(command, 'auto top-up command');
  }
}

function configure(command: ConfigureAutoTopUp, state: AutoTopUpState): readonly AutoTopUpEvent[] {
  const setting = command.data;
  const whole = (value: number) => Number.isSafeInteger(value) && value > 0;
  if (!isMillicredits(setting.thresholdMillicredits) || setting.thresholdMillicredits <= 0) throw invalid('thresholdMillicredits must be whole millicredits above zero');
  if (!whole(setting.amountCents) || !isMillicredits(setting.packMillicredits) || setting.packMillicredits <= 0) throw invalid('the pack must cost whole cents and give credits');
  if (!whole(setting.maxFailures)) throw invalid('maxFailures must be a whole number above zero');
  if (setting.packMillicredits < setting.thresholdMillicredits) throw invalid('the pack must give at least the threshold, so that one top-up brings the pool back to it');
  if (!Number.isSafeInteger(setting.monthlyCapCents) || setting.monthlyCapCents < setting.amountCents) {
    throw invalid(`the monthly cap (${setting.monthlyCapCents} cents) must cover one pack (${setting.amountCents} cents)`);
  }
  const same = isAutoTopUp(state) && state.status === 'enabled' && (Object.keys(setting) as (keyof typeof setting)[]).every((key) => state.setting[key] === setting[key]);
  return same ? [] : [{ type: 'AutoTopUpConfigured', data: { ...setting, at: command.metadata.now } }];
}

function check(command: CheckAutoTopUp, state: AutoTopUpState): readonly AutoTopUpEvent[] {
  if (!isAutoTopUp(state) || state.status !== 'enabled' || state.inFlight !== null) return [];
  const { accountId, pool, availableMillicredits } = command.data;
  const { thresholdMillicredits, packId, packMillicredits, amountCents, currency, priceBookId, priceBookVersion, monthlyCapCents } = state.setting;
  const at = command.metadata.now;
  if (availableMillicredits >= thresholdMillicredits || spentInMonth(state, at) + amountCents > monthlyCapCents) return [];
  const orderId = autoTopUpOrderId(accountId, pool, state.started + 1);
  return [
    { type: 'AutoTopUpStarted', data: { accountId, pool, orderId, packId, millicredits: packMillicredits, amountCents, currency, priceBookId, priceBookVersion, availableMillicredits, thresholdMillicredits, at } },
  ];
}

/** Only the top-up in flight settles; a settlement seen again, or of another order, changes nothing. */
function settle(command: SettleAutoTopUp, state: AutoTopUpState): readonly AutoTopUpEvent[] {
  const { accountId, pool, orderId } = command.data;
  const { inFlight } = state;
  if (inFlight === null || inFlight.orderId !== orderId) return [];
  const at = command.metadata.now;
  if (command.data.outcome === 'succeeded') {
    const { millicredits, amountCents, currency } = inFlight;
    return [{ type: 'AutoTopUpSucceeded', data: { accountId, pool, orderId, millicredits, amountCents, currency, at } }];
  }
  const failures = (isAutoTopUp(state) ? state.failures : 0) + 1;
  const disabled = isAutoTopUp(state) && state.status === 'enabled' && failures >= state.setting.maxFailures;
  return [{ type: 'AutoTopUpFailed', data: { accountId, pool, orderId, reason: command.data.reason, failures, disabled, at } }];
}

const invalid = (message: string) => new PurchaseError('invalid_auto_top_up', message);

export const autoTopUpDecider: Decider<AutoTopUpCommand, AutoTopUpEvent, AutoTopUpState> = {
  decide: decideAutoTopUp,
  evolve: evolveAutoTopUp,
  initialState: initialAutoTopUpState,
};
