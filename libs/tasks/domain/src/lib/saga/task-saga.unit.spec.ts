import type { TaskEvent, WalletEvent } from '@billing/contracts';
import { T0, aQuote } from '../../testing/fixtures';
import { evolveTask, initialTaskState, type TaskState } from '../task/task-state';
import { reservationIdFor } from './reservation-id';
import { targetStream } from './saga-command';
import { reactToTaskEvent, sagaTaskId, type TaskSagaContext, type TaskSagaEvent } from './task-saga';

const taskId = 'task-1';
const reservationId = reservationIdFor(taskId);
const at = T0;
const requested: TaskEvent = {
  type: 'TaskRequested',
  data: { taskId, accountId: 'acct-1', channel: 'app', pool: 'app', quote: aQuote(), queueIfBusy: true, priority: false, at },
};
const reserved: TaskEvent = { type: 'TaskReserved', data: { taskId, reservationId, millicredits: 75_000, expiresAt: at + 60_000, at } };

function contextAfter(events: readonly TaskEvent[], eventId?: string): TaskSagaContext {
  const task = events.reduce<TaskState>(evolveTask, initialTaskState);
  return { now: at, task, reservationTtlMillis: 60_000, concurrencyLimit: 6, ...(eventId ? { eventId } : {}) };
}
const react = (event: TaskSagaEvent, history: readonly TaskEvent[] = [requested]) => reactToTaskEvent(event, contextAfter(history, 'event-9'));
const summary = (event: TaskSagaEvent, history?: readonly TaskEvent[]) =>
  react(event, history).map((c) => ({ stream: targetStream(c), type: c.command.type, data: c.command.data }));

describe('the task saga', () => {
  it('a requested task asks its account for a slot, with the plan limit', () => {
    expect(summary(requested)).toEqual([
      { stream: 'slots-acct-1', type: 'AcquireSlot', data: { taskId, limit: 6, queueIfBusy: true, priority: false } },
    ]);
  });

  it('a queued task is recorded as queued', () => {
    const queued: TaskSagaEvent = { type: 'TaskQueued', data: { taskId, priority: false, limit: 6, running: 6, at } };
    expect(summary(queued)).toEqual([{ stream: 'task-task-1', type: 'QueueTask', data: { taskId, limit: 6, running: 6 } }]);
  });

  it('a slot acquired reserves the quoted credits in the task pool, named after the task', () => {
    const acquired: TaskSagaEvent = { type: 'SlotAcquired', data: { taskId, limit: 6, running: 1, at } };
    expect(summary(acquired)).toEqual([
      { stream: 'wallet-acct-1-app', type: 'ReserveCredits', data: { reservationId: 'task:task-1', millicredits: 75_000, ttlMillis: 60_000, taskId } },
    ]);
  });

  it('a slot acquired for a task that already ended reserves nothing', () => {
    const cancelled: TaskEvent[] = [
      requested,
      { type: 'TaskCancelled', data: { taskId, reservationId: null, at } },
      { type: 'TaskReleased', data: { taskId, releasedMillicredits: 0, endReason: 'cancelled', at } },
    ];
    expect(summary({ type: 'SlotAcquired', data: { taskId, limit: 6, running: 1, at } }, cancelled)).toEqual([]);
  });

  it('a refused slot rejects the task for the concurrency limit', () => {
    expect(summary({ type: 'SlotRefused', data: { taskId, limit: 6, running: 6, at } })).toEqual([
      { stream: 'task-task-1', type: 'RejectTask', data: { taskId, rejection: { reason: 'concurrency_limit', limit: 6, running: 6 } } },
    ]);
  });

  it('credits reserved are recorded on the task', () => {
    const event: WalletEvent = { type: 'CreditsReserved', data: { reservationId, millicredits: 75_000, allocations: [], expiresAt: at + 60_000, taskId, at } };
    expect(summary(event)).toEqual([
      { stream: 'task-task-1', type: 'RecordReservation', data: { taskId, reservationId, millicredits: 75_000, expiresAt: at + 60_000 } },
    ]);
  });

  it('a refused reservation rejects the task for insufficient credits and frees its slot', () => {
    const event: WalletEvent = { type: 'ReservationRejected', data: { reservationId, requestedMillicredits: 75_000, availableMillicredits: 10_000, at } };
    expect(summary(event)).toEqual([
      {
        stream: 'task-task-1',
        type: 'RejectTask',
        data: { taskId, rejection: { reason: 'insufficient_credits', requestedMillicredits: 75_000, availableMillicredits: 10_000 } },
      },
      { stream: 'slots-acct-1', type: 'ReleaseSlot', data: { taskId } },
    ]);
  });

  it('a success charges the decided amount', () => {
    const event: TaskEvent = { type: 'TaskSucceeded', data: { taskId, reservationId, outputDurationMillis: 4_000, chargeMillicredits: 60_000, at } };
    expect(summary(event, [requested, reserved])).toEqual([
      { stream: 'wallet-acct-1-app', type: 'ChargeReservation', data: { reservationId, millicredits: 60_000 } },
    ]);
  });

  it('a success with nothing to charge records a cost of zero and gives the hold back', () => {
    const event: TaskEvent = { type: 'TaskSucceeded', data: { taskId, reservationId, outputDurationMillis: 0, chargeMillicredits: 0, at } };
    expect(summary(event, [requested, reserved])).toEqual([
      { stream: 'task-task-1', type: 'RecordCharge', data: { taskId, millicredits: 0 } },
      { stream: 'wallet-acct-1-app', type: 'ReleaseReservation', data: { reservationId, reason: 'other' } },
    ]);
  });

  it.each([
    ['TaskFailed', 'failed'],
    ['TaskCancelled', 'cancelled'],
    ['TaskTimedOut', 'timed_out'],
  ] as const)('%s releases the hold with reason %s', (type, reason) => {
    const event = { type, data: { taskId, reservationId, error: 'boom', at } } as TaskEvent;
    expect(summary(event, [requested, reserved])).toEqual([{ stream: 'wallet-acct-1-app', type: 'ReleaseReservation', data: { reservationId, reason } }]);
  });

  it('a task that ended before holding credits only gives back its slot', () => {
    const event: TaskEvent = { type: 'TaskCancelled', data: { taskId, reservationId: null, at } };
    expect(summary(event)).toEqual([{ stream: 'slots-acct-1', type: 'ReleaseSlot', data: { taskId } }]);
  });

  it('a declined late hold is released', () => {
    const event: TaskEvent = { type: 'LateReservationDeclined', data: { taskId, reservationId, at } };
    const history: TaskEvent[] = [requested, { type: 'TaskCancelled', data: { taskId, reservationId: null, at } }];
    expect(summary(event, history)).toEqual([{ stream: 'wallet-acct-1-app', type: 'ReleaseReservation', data: { reservationId, reason: 'cancelled' } }]);
  });

  it('a posted charge is recorded as the credits cost and frees the slot', () => {
    const event: WalletEvent = { type: 'CreditsCharged', data: { reservationId, millicredits: 60_000, allocations: [], at } };
    expect(summary(event)).toEqual([
      { stream: 'task-task-1', type: 'RecordCharge', data: { taskId, millicredits: 60_000 } },
      { stream: 'slots-acct-1', type: 'ReleaseSlot', data: { taskId } },
    ]);
  });

  it('a released or expired hold is recorded and frees the slot', () => {
    const released: WalletEvent = { type: 'CreditsReleased', data: { reservationId, millicredits: 75_000, allocations: [], reason: 'failed', at } };
    const expired: WalletEvent = { type: 'ReservationExpired', data: { reservationId, millicredits: 75_000, allocations: [], at } };
    expect(summary(released)).toEqual([
      { stream: 'task-task-1', type: 'RecordRelease', data: { taskId, millicredits: 75_000, cause: 'released' } },
      { stream: 'slots-acct-1', type: 'ReleaseSlot', data: { taskId } },
    ]);
    expect(summary(expired)[0]).toMatchObject({ type: 'RecordRelease', data: { cause: 'expired' } });
  });

  it('the rest of a partly charged hold settles nothing on its own', () => {
    const rest: WalletEvent = { type: 'CreditsReleased', data: { reservationId, millicredits: 15_000, allocations: [], reason: 'partial_charge', at } };
    expect(summary(rest)).toEqual([]);
  });

  it('wallet events that no task made are not its business', () => {
    const purchase: WalletEvent = {
      type: 'CreditsPurchased',
      data: { purchaseId: 'order-1', millicredits: 1, amountCents: 1, currency: 'USD', priceBookId: 'credits', priceBookVersion: '1', at },
    };
    expect(sagaTaskId(purchase)).toBeNull();
    expect(sagaTaskId({ type: 'CreditsReleased', data: { reservationId: 'manual-1', millicredits: 1, allocations: [], reason: 'other', at } })).toBeNull();
  });

  it('a redelivered event yields the same commands', () => {
    const event: WalletEvent = { type: 'CreditsCharged', data: { reservationId, millicredits: 60_000, allocations: [], at } };
    const first = react(event);
    const again = react(event);
    expect(again).toEqual(first);
    expect(first.map((c) => c.command.metadata)).toEqual([
      { commandId: 'CreditsCharged:task-1:RecordCharge', now: at, correlationId: taskId, causationId: 'event-9' },
      { commandId: 'CreditsCharged:task-1:ReleaseSlot', now: at, correlationId: taskId, causationId: 'event-9' },
    ]);
  });

  it('without an event id, commands carry no causation id', () => {
    const [command] = reactToTaskEvent(requested, contextAfter([requested]));
    expect(command?.command.metadata).toEqual({ commandId: 'TaskRequested:task-1:AcquireSlot', now: at, correlationId: taskId });
  });
});
