import type { TaskEvent, WalletEvent } from '@billing/contracts';
import { T0, aQuote } from '../../testing/fixtures';
import { evolveTask, initialTaskState, type TaskState } from '../task/task-state';
import { reservationIdFor } from './reservation-id';
import type { TaskSagaCommand } from './saga-command';
import { targetStream } from './saga-command';
import { reactToTaskEvent, sagaTaskId, type TaskSagaContext, type TaskSagaEvent } from './task-saga';

const taskId = 'task-1';
const reservationId = reservationIdFor(taskId);
const at = T0;
const requested: TaskEvent = {
  type: 'TaskRequested',
  data: { taskId, accountId: 'acct-1', channel: 'app', pool: 'app', quote: aQuote(), queueIfBusy: true, priority: false, at },
};
const queued: TaskEvent = { type: 'TaskQueued', data: { taskId, priority: false, limit: 6, running: 6, at } };
const dequeued: TaskEvent = { type: 'TaskDequeued', data: { taskId, at } };
const reserved: TaskEvent = { type: 'TaskReserved', data: { taskId, reservationId, millicredits: 75_000, expiresAt: at + 60_000, at } };
const creditsReserved: WalletEvent = { type: 'CreditsReserved', data: { reservationId, millicredits: 75_000, allocations: [], expiresAt: at + 60_000, taskId, at } };
const noCredits = { reason: 'insufficient_credits', requestedMillicredits: 75_000, availableMillicredits: 10_000 } as const;
const reservationRejected: WalletEvent = { type: 'ReservationRejected', data: { reservationId, requestedMillicredits: 75_000, availableMillicredits: 10_000, at } };

/** given(the task's events).when(an event reaches the saga).then(the commands it decides, by target). */
function given(...history: readonly TaskEvent[]) {
  const task = history.reduce<TaskState>(evolveTask, initialTaskState);
  const context: TaskSagaContext = { now: at, task, reservationTtlMillis: 60_000, eventId: 'event-9' };
  return {
    when: (event: TaskSagaEvent) => ({
      commands: reactToTaskEvent(event, context),
      then: (...expected: object[]) => expect(reactToTaskEvent(event, context).map(summary)).toEqual(expected),
    }),
  };
}
const summary = (c: TaskSagaCommand) => (c.target === 'slots' ? { slots: c.accountId } : { stream: targetStream(c), type: c.command.type, data: c.command.data });
const SLOTS = { slots: 'acct-1' };

describe('the task saga', () => {
  it('a new task asks nothing of the saga: the request path decided its slot and reserved its credits', () => {
    given(requested).when(requested).then();
    given(requested, queued).when(queued).then();
    given(requested, reserved).when(reserved).then();
  });

  it('a task that leaves the queue reserves its quoted credits in its pool, named after the task', () => {
    given(requested, queued, dequeued)
      .when(dequeued)
      .then({ stream: 'wallet-acct-1-app', type: 'ReserveCredits', data: { reservationId: 'task:task-1', millicredits: 75_000, ttlMillis: 60_000, taskId } });
  });

  it('a task that left the queue and ended before the saga came to it reserves nothing', () => {
    const cancelled: TaskEvent = { type: 'TaskCancelled', data: { taskId, reservationId: null, at } };
    given(requested, queued, dequeued, cancelled).when(dequeued).then();
  });

  it('credits reserved that the task already records ask nothing more', () => {
    given(requested, reserved).when(creditsReserved).then();
  });

  it('credits reserved that the task does not record yet (its request path died, or the wallet was slow) are recorded on it', () => {
    given(requested)
      .when(creditsReserved)
      .then({ stream: 'task-task-1', type: 'RecordReservation', data: { taskId, reservationId, millicredits: 75_000, expiresAt: at + 60_000 } });
  });

  it('a refused reservation the task does not record yet rejects it for insufficient credits', () => {
    given(requested).when(reservationRejected).then({ stream: 'task-task-1', type: 'RejectTask', data: { taskId, rejection: noCredits } });
    given(requested, { type: 'TaskRejected', data: { taskId, rejection: noCredits, at } }).when(reservationRejected).then();
  });

  it('a rejected task gives its slot back: the queue may move', () => {
    const rejected: TaskEvent = { type: 'TaskRejected', data: { taskId, rejection: noCredits, at } };
    given(requested, rejected).when(rejected).then(SLOTS);
  });

  it('a task released because its hold lapsed at the provider gives its slot back', () => {
    const released: TaskEvent = { type: 'TaskReleased', data: { taskId, releasedMillicredits: 75_000, endReason: 'reservation_expired', at } };
    given(requested, reserved, released).when(released).then(SLOTS);
  });

  it('a success charges the decided amount and frees the slot', () => {
    const event: TaskEvent = { type: 'TaskSucceeded', data: { taskId, reservationId, outputDurationMillis: 4_000, chargeMillicredits: 60_000, at } };
    given(requested, reserved, event).when(event).then({ stream: 'wallet-acct-1-app', type: 'ChargeReservation', data: { reservationId, millicredits: 60_000 } }, SLOTS);
  });

  it('a success with nothing to charge records a cost of zero and gives the hold back', () => {
    const event: TaskEvent = { type: 'TaskSucceeded', data: { taskId, reservationId, outputDurationMillis: 0, chargeMillicredits: 0, at } };
    given(requested, reserved, event)
      .when(event)
      .then(
        { stream: 'task-task-1', type: 'RecordCharge', data: { taskId, millicredits: 0 } },
        { stream: 'wallet-acct-1-app', type: 'ReleaseReservation', data: { reservationId, reason: 'other' } },
        SLOTS,
      );
  });

  it.each([
    ['TaskFailed', 'failed'],
    ['TaskCancelled', 'cancelled'],
    ['TaskTimedOut', 'timed_out'],
  ] as const)('%s releases the hold with reason %s and frees the slot', (type, reason) => {
    const event = { type, data: { taskId, reservationId, error: 'boom', at } } as TaskEvent;
    given(requested, reserved).when(event).then({ stream: 'wallet-acct-1-app', type: 'ReleaseReservation', data: { reservationId, reason } }, SLOTS);
  });

  it('a task that ended before holding credits only gives back its slot (or its place in the queue)', () => {
    const event: TaskEvent = { type: 'TaskCancelled', data: { taskId, reservationId: null, at } };
    given(requested).when(event).then(SLOTS);
  });

  it('a declined late hold is released', () => {
    const event: TaskEvent = { type: 'LateReservationDeclined', data: { taskId, reservationId, at } };
    given(requested, { type: 'TaskCancelled', data: { taskId, reservationId: null, at } })
      .when(event)
      .then({ stream: 'wallet-acct-1-app', type: 'ReleaseReservation', data: { reservationId, reason: 'cancelled' } });
  });

  it('a posted charge is recorded as the credits cost', () => {
    const event: WalletEvent = { type: 'CreditsCharged', data: { reservationId, millicredits: 60_000, allocations: [], at } };
    given(requested).when(event).then({ stream: 'task-task-1', type: 'RecordCharge', data: { taskId, millicredits: 60_000 } });
  });

  it('a released or expired hold is recorded', () => {
    const released: WalletEvent = { type: 'CreditsReleased', data: { reservationId, millicredits: 75_000, allocations: [], reason: 'failed', at } };
    const expired: WalletEvent = { type: 'ReservationExpired', data: { reservationId, millicredits: 75_000, allocations: [], at } };
    given(requested).when(released).then({ stream: 'task-task-1', type: 'RecordRelease', data: { taskId, millicredits: 75_000, cause: 'released' } });
    given(requested).when(expired).then({ stream: 'task-task-1', type: 'RecordRelease', data: { taskId, millicredits: 75_000, cause: 'expired' } });
  });

  it('the rest of a partly charged hold settles nothing on its own', () => {
    const rest: WalletEvent = { type: 'CreditsReleased', data: { reservationId, millicredits: 15_000, allocations: [], reason: 'partial_charge', at } };
    given(requested).when(rest).then();
  });

  it('an event about a task this service never recorded decides nothing', () => {
    given().when(creditsReserved).then();
  });

  it('wallet events that no task made are not its business', () => {
    const purchase: WalletEvent = {
      type: 'CreditsPurchased',
      data: { purchaseId: 'order-1', millicredits: 1, amountCents: 1, currency: 'USD', priceBookId: 'credits', priceBookVersion: '1', at },
    };
    expect(sagaTaskId(purchase)).toBeNull();
    expect(sagaTaskId({ type: 'CreditsReleased', data: { reservationId: 'manual-1', millicredits: 1, allocations: [], reason: 'other', at } })).toBeNull();
  });

  it('a wallet answer decided on a state behind the task\'s stream decides only task commands, among them every one the fresh state calls for', () => {
    // Why the saga may react to a wallet answer on the state this instance knows: a task command decided on a stale state
    // conflicts on its expected revision and is decided again on a fresh read; no wallet command, and no no-op the fresh state would not make.
    const succeeded: TaskEvent = { type: 'TaskSucceeded', data: { taskId, reservationId, outputDurationMillis: 5_000, chargeMillicredits: 75_000, at } };
    const lifecycles: readonly (readonly TaskEvent[])[] = [
      [requested, reserved, { type: 'TaskDispatched', data: { taskId, providerJobId: 'job-1', at } }, succeeded, { type: 'TaskCharged', data: { taskId, creditsCostMillicredits: 75_000, at } }],
      [requested, queued, dequeued, reserved, { type: 'TaskCancelled', data: { taskId, reservationId, at } }, { type: 'TaskReleased', data: { taskId, releasedMillicredits: 75_000, endReason: 'cancelled', at } }],
      [requested, { type: 'TaskRejected', data: { taskId, rejection: noCredits, at } }],
      [requested, { type: 'TaskCancelled', data: { taskId, reservationId: null, at } }, { type: 'TaskReleased', data: { taskId, releasedMillicredits: 0, endReason: 'cancelled', at } }],
    ];
    const answers: readonly WalletEvent[] = [
      creditsReserved,
      reservationRejected,
      { type: 'CreditsCharged', data: { reservationId, millicredits: 75_000, allocations: [], at } },
      { type: 'CreditsReleased', data: { reservationId, millicredits: 75_000, allocations: [], reason: 'cancelled', at } },
      { type: 'CreditsReleased', data: { reservationId, millicredits: 15_000, allocations: [], reason: 'partial_charge', at } },
      { type: 'ReservationExpired', data: { reservationId, millicredits: 75_000, allocations: [], at } },
    ];
    for (const lifecycle of lifecycles) {
      for (let end = 1; end <= lifecycle.length; end++) {
        const fresh = lifecycle.slice(0, end);
        for (let staleEnd = 1; staleEnd <= end; staleEnd++) {
          for (const answer of answers) {
            const onStale = given(...lifecycle.slice(0, staleEnd)).when(answer).commands;
            expect(onStale.every((command) => command.target === 'task')).toBe(true);
            expect(onStale).toEqual(expect.arrayContaining([...given(...fresh).when(answer).commands]));
          }
        }
      }
    }
  });

  it('a redelivered event yields the same commands, named after the event', () => {
    const event: WalletEvent = { type: 'CreditsCharged', data: { reservationId, millicredits: 60_000, allocations: [], at } };
    const first = given(requested).when(event).commands;
    expect(given(requested).when(event).commands).toEqual(first);
    expect(first.map((c) => c.target !== 'slots' && c.command.metadata)).toEqual([
      { commandId: 'CreditsCharged:task-1:RecordCharge', now: at, correlationId: taskId, causationId: 'event-9' },
    ]);
  });

  it('without an event id, commands carry no causation id', () => {
    const [command] = reactToTaskEvent(dequeued, { now: at, task: [requested, queued, dequeued].reduce<TaskState>(evolveTask, initialTaskState), reservationTtlMillis: 60_000 });
    expect(command?.target !== 'slots' && command?.command.metadata).toEqual({ commandId: 'TaskDequeued:task-1:ReserveCredits', now: at, correlationId: taskId });
  });
});
