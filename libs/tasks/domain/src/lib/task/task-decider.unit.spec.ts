import type { QuoteSnapshot, SlotAdmission, TaskCommand, TaskEvent } from '@billing/contracts';
import { T0, aQuote, decideAfter, metadata, stateAfter } from '../../testing/fixtures';
import { taskDecider } from './task-decider';
import { TaskError } from './task-errors';
import { isTask } from './task-state';

const taskId = 'task-1';
const reservationId = 'task:task-1';
const at = T0;

const requested = (quote: QuoteSnapshot = aQuote()): TaskEvent => ({
  type: 'TaskRequested',
  data: { taskId, accountId: 'acct-1', channel: 'api', pool: 'api', quote, queueIfBusy: false, priority: false, at },
});
const reserved = (millicredits = 75_000): TaskEvent => ({ type: 'TaskReserved', data: { taskId, reservationId, millicredits, expiresAt: at + 600_000, at } });
const dispatched: TaskEvent = { type: 'TaskDispatched', data: { taskId, providerJobId: 'job-1', at } };
const started: TaskEvent = { type: 'TaskStarted', data: { taskId, at } };
const succeeded = (chargeMillicredits = 75_000): TaskEvent => ({
  type: 'TaskSucceeded',
  data: { taskId, reservationId, outputDurationMillis: 5_000, chargeMillicredits, at },
});
const running = (quote?: QuoteSnapshot): TaskEvent[] => [requested(quote), reserved(quote?.millicredits), dispatched, started];

function command<C extends TaskCommand>(type: C['type'], data: Omit<C['data'], 'taskId'>): TaskCommand {
  return { type, data: { taskId, ...data }, metadata: metadata(`${type}-1`) } as TaskCommand;
}
const complete = (outputDurationMillis: number) => command('CompleteTask', { outputDurationMillis });
const cancel = command('CancelTask', {});
const fail = command('FailTask', { error: 'provider error' });
const timeOut = command('TimeOutTask', {});
const then = (given: readonly TaskEvent[], when: TaskCommand) => decideAfter(taskDecider, given, when);
const errorCode = (given: readonly TaskEvent[], when: TaskCommand): string => {
  try {
    then(given, when);
  } catch (error) {
    if (error instanceof TaskError) return error.code;
    throw error;
  }
  throw new Error('expected a TaskError');
};

const request = (admission: SlotAdmission = { kind: 'slot' }, quote = aQuote()): TaskCommand => ({
  type: 'RequestTask',
  data: { taskId, accountId: 'acct-1', channel: 'api', pool: 'api', quote, queueIfBusy: false, priority: false, admission },
  metadata: metadata('request-1'),
});

describe('the task lifecycle', () => {
  it('a request given a slot is recorded with its quote, pool and channel', () => {
    expect(then([], request())).toEqual([requested()]);
    expect(then([requested()], request())).toEqual([]);
  });

  it('a request past the concurrency limit is recorded queued, or rejected with the limit and the running count', () => {
    expect(then([], request({ kind: 'queued', limit: 6, running: 6 }))).toEqual([requested(), { type: 'TaskQueued', data: { taskId, priority: false, limit: 6, running: 6, at } }]);
    expect(then([], request({ kind: 'refused', limit: 6, running: 6 }))).toEqual([
      requested(),
      { type: 'TaskRejected', data: { taskId, rejection: { reason: 'concurrency_limit', limit: 6, running: 6 }, at } },
    ]);
  });

  it('a request with a fractional amount is refused', () => {
    expect(errorCode([], request({ kind: 'slot' }, aQuote({ millicredits: 1.5 })))).toBe('invalid_request');
  });

  it('a request whose quote has a rounding increment that is not a whole, positive number is refused', () => {
    expect(errorCode([], request({ kind: 'slot' }, aQuote({ roundingIncrementMillicredits: 0.5 })))).toBe('invalid_request');
  });

  it('a command for a task never requested is an error', () => {
    expect(errorCode([], cancel)).toBe('task_not_found');
  });

  it('requested -> queued -> dequeued -> reserved -> dispatched -> running -> succeeded -> charged', () => {
    const queued = then([], request({ kind: 'queued', limit: 6, running: 6 }));
    const dequeue = command('DequeueTask', {});
    expect(then(queued, dequeue)).toEqual([{ type: 'TaskDequeued', data: { taskId, at } }]);
    const dequeued = [...queued, ...then(queued, dequeue)];
    expect(stateAfter(taskDecider, dequeued)).toMatchObject({ status: 'requested' });
    expect(then(dequeued, dequeue)).toEqual([]);
    const record = command('RecordReservation', { reservationId, millicredits: 75_000, expiresAt: at + 600_000 });
    expect(then(dequeued, record)).toEqual([reserved()]);
    expect(then([requested(), reserved()], command('DispatchTask', { providerJobId: 'job-1' }))).toEqual([dispatched]);
    expect(then([requested(), reserved(), dispatched], command('StartTask', {}))).toEqual([started]);
    expect(then(running(), complete(5_000))).toEqual([succeeded()]);
    expect(then([...running(), succeeded()], command('RecordCharge', { millicredits: 75_000 }))).toEqual([
      { type: 'TaskCharged', data: { taskId, creditsCostMillicredits: 75_000, at } },
    ]);
  });

  it('a repeated command yields no events', () => {
    const given = [...running(), succeeded()];
    expect(then(given, complete(5_000))).toEqual([]);
    expect(then([requested(), reserved(), dispatched], command('DispatchTask', { providerJobId: 'job-1' }))).toEqual([]);
    expect(then([requested(), reserved()], command('RecordReservation', { reservationId, millicredits: 75_000, expiresAt: 0 }))).toEqual([]);
    expect(then(running(), command('StartTask', {}))).toEqual([]);
  });

  it('a success reported without a start still counts (webhooks may skip it)', () => {
    expect(then([requested(), reserved(), dispatched], complete(5_000))).toEqual([succeeded()]);
  });

  it('a task that was not dispatched cannot succeed', () => {
    expect(errorCode([requested(), reserved()], complete(5_000))).toBe('invalid_transition');
  });

  it('credits cost is null until the charge is posted', () => {
    const state = stateAfter(taskDecider, [...running(), succeeded()]);
    expect(isTask(state) && state.creditsCostMillicredits).toBeNull();
  });
});

describe('what a successful task is charged', () => {
  it('a full-length output is charged the quoted amount', () => {
    expect(then(running(), complete(5_000))).toEqual([succeeded(75_000)]);
  });

  it('a longer output never charges more than the quote', () => {
    expect(then(running(), complete(9_000))).toEqual([{ ...succeeded(75_000), data: { ...succeeded().data, outputDurationMillis: 9_000 } }]);
  });

  it('a shorter output is charged pro rata when the quote says so, rounded down', () => {
    const quote = aQuote({ proRataShortOutput: true, millicredits: 10_000, durationMillis: 3_000 });
    const [event] = then(running(quote), complete(1_000));
    // 10000 x 1000 / 3000 = 3333.33... -> 3333 (floor, in the customer's favour)
    expect(event).toMatchObject({ type: 'TaskSucceeded', data: { chargeMillicredits: 3_333, outputDurationMillis: 1_000 } });
  });

  it('a shorter output is charged pro rata rounded down to the increment of the book it was quoted under', () => {
    // The points book rounds to 0.01 point: 75 x 2.371 / 5 = 35.565 -> 35.56, never 35.565.
    const quote = aQuote({ priceBookId: 'points', proRataShortOutput: true, roundingIncrementMillicredits: 10 });
    const [event] = then(running(quote), complete(2_371));
    expect(event).toMatchObject({ type: 'TaskSucceeded', data: { chargeMillicredits: 35_560, outputDurationMillis: 2_371 } });
  });

  it('a shorter output is charged in full when the quote does not allow pro rata', () => {
    const [event] = then(running(), complete(1_000));
    expect(event).toMatchObject({ data: { chargeMillicredits: 75_000 } });
  });

  it('a charge never exceeds the reservation', () => {
    const given = [requested(aQuote({ millicredits: 75_000 })), reserved(50_000), dispatched];
    expect(then(given, complete(5_000))).toMatchObject([{ data: { chargeMillicredits: 50_000 } }]);
    const charged = [...given, succeeded(50_000)];
    expect(errorCode(charged, command('RecordCharge', { millicredits: 50_001 }))).toBe('charge_exceeds_reservation');
  });
});

describe('tasks that end without success are never charged', () => {
  it.each([
    ['failed', fail, 'TaskFailed'],
    ['cancelled', cancel, 'TaskCancelled'],
    ['timed out', timeOut, 'TaskTimedOut'],
  ] as const)('a %s task is released, never charged', (_name, end, type) => {
    const [ended] = then(running(), end);
    expect(ended).toMatchObject({ type, data: { taskId, reservationId } });
    const given = [...running(), ...then(running(), end)];
    expect(errorCode(given, command('RecordCharge', { millicredits: 75_000 }))).toBe('invalid_transition');
    expect(then(given, complete(5_000))).toEqual([]);
    const released = then(given, command('RecordRelease', { millicredits: 75_000, cause: 'released' }));
    expect(released).toMatchObject([{ type: 'TaskReleased', data: { releasedMillicredits: 75_000 } }]);
    const final = stateAfter(taskDecider, [...given, ...released]);
    expect(isTask(final) && [final.status, final.creditsCostMillicredits]).toEqual(['released', null]);
  });

  it('success after a cancel is ignored: the first outcome wins', () => {
    const given = [...running(), ...then(running(), cancel)];
    expect(then(given, complete(5_000))).toEqual([]);
  });

  it('cancel after success is an error', () => {
    expect(errorCode([...running(), succeeded()], cancel)).toBe('already_succeeded');
  });

  it('a task cancelled before it holds credits is released at once with nothing to give back', () => {
    expect(then([requested()], cancel)).toEqual([
      { type: 'TaskCancelled', data: { taskId, reservationId: null, at } },
      { type: 'TaskReleased', data: { taskId, releasedMillicredits: 0, endReason: 'cancelled', at } },
    ]);
  });

  it('a hold that arrives after such a cancel is declined, so it goes back', () => {
    const given = [requested(), ...then([requested()], cancel)];
    const record = command('RecordReservation', { reservationId, millicredits: 75_000, expiresAt: 0 });
    expect(then(given, record)).toEqual([{ type: 'LateReservationDeclined', data: { taskId, reservationId, at } }]);
  });

  it('a hold that expires while the task runs ends the task as released', () => {
    const released = then(running(), command('RecordRelease', { millicredits: 75_000, cause: 'expired' }));
    expect(released).toMatchObject([{ type: 'TaskReleased', data: { endReason: 'reservation_expired' } }]);
    expect(then([...running(), ...released], complete(5_000))).toEqual([]);
  });
});

describe('rejections', () => {
  it('a waiting task is rejected with the reason and its details', () => {
    const rejection = { reason: 'concurrency_limit', limit: 6, running: 6 } as const;
    expect(then([requested()], command('RejectTask', { rejection }))).toEqual([{ type: 'TaskRejected', data: { taskId, rejection, at } }]);
    const state = stateAfter(taskDecider, [requested(), ...then([requested()], command('RejectTask', { rejection }))]);
    expect(isTask(state) && [state.status, state.endReason]).toEqual(['rejected', 'concurrency_limit']);
  });

  it('a reserved task can no longer be rejected', () => {
    const rejection = { reason: 'insufficient_credits', requestedMillicredits: 1, availableMillicredits: 0 } as const;
    expect(errorCode([requested(), reserved()], command('RejectTask', { rejection }))).toBe('invalid_transition');
  });
});

describe('adoption', () => {
  const charged: TaskEvent = { type: 'TaskCharged', data: { taskId, creditsCostMillicredits: 75_000, at } };

  it('only a succeeded, charged task can be adopted, once', () => {
    const given = [...running(), succeeded(), charged];
    expect(then(given, command('AdoptTask', {}))).toEqual([{ type: 'TaskAdopted', data: { taskId, at } }]);
    expect(then([...given, { type: 'TaskAdopted', data: { taskId, at } }], command('AdoptTask', {}))).toEqual([]);
    expect(errorCode([...running(), succeeded()], command('AdoptTask', {}))).toBe('not_charged');
  });
});
