import fc from 'fast-check';
import { chargeForOutput } from '@billing/pricing-domain';
import { aQuote } from '../../testing/fixtures';
import { provider, type RequestOptions } from '../../testing/task-requests';
import { TaskWorld } from '../../testing/task-world';
import { replaySlots } from '../../testing/slots-replay';
import { isTask, type Task } from '../task/task-state';

const QUOTED = 75_000;

function taskOf(world: TaskWorld, taskId: string): Task {
  const state = world.task(taskId);
  if (!isTask(state)) throw new Error(`no task ${taskId}`);
  return state;
}

/** Request, reserve and dispatch a task, delivering every event in order. */
function startTask(world: TaskWorld, taskId: string, options: RequestOptions = {}): void {
  world.request(taskId, options);
  world.settle();
  if (taskOf(world, taskId).status === 'reserved') {
    world.sendToTask(provider.dispatch(taskId));
    world.sendToTask(provider.start(taskId));
    world.settle();
  }
}

describe('the task saga, end to end over tasks, slots and a wallet', () => {
  it('a request is answered with its reservation at once: the credits are held before any event reaches the saga', () => {
    const world = new TaskWorld({ 'acct-1/api': 100_000, 'acct-2/api': 10_000 });
    world.request('t1');
    world.request('t2', { accountId: 'acct-2' });
    expect(taskOf(world, 't1')).toMatchObject({ status: 'reserved', creditsReservedMillicredits: QUOTED });
    expect(taskOf(world, 't2')).toMatchObject({ status: 'rejected', rejection: { reason: 'insufficient_credits', availableMillicredits: 10_000 } });
    world.settle();
    expect(world.wallet('acct-1', 'api').openHoldCount()).toBe(1);
    expect(world.taskEvents.map((event) => event.type)).toEqual(['TaskRequested', 'TaskReserved', 'TaskRequested', 'TaskRejected']);
  });

  it('a request whose process died after the wallet held its credits is reserved by the saga from the wallet event: held once, nothing lost', () => {
    const world = new TaskWorld({ 'acct-1/api': 100_000 });
    world.request('t1', {}, true);
    expect(taskOf(world, 't1').status).toBe('requested');
    world.settle();
    expect(taskOf(world, 't1')).toMatchObject({ status: 'reserved', reservationId: 'task:t1' });
    expect(world.wallet('acct-1', 'api')).toMatchObject({ availableMillicredits: 100_000 - QUOTED });
    expect(world.wallet('acct-1', 'api').openHoldCount()).toBe(1);
  });

  it('a successful task is charged its quote and frees its slot', () => {
    const world = new TaskWorld({ 'acct-1/api': 100_000 });
    startTask(world, 't1');
    world.sendToTask(provider.complete('t1', 5_000));
    world.settle();
    expect(taskOf(world, 't1')).toMatchObject({ status: 'charged', creditsCostMillicredits: QUOTED, endReason: 'succeeded' });
    expect(world.wallet('acct-1', 'api').availableMillicredits).toBe(100_000 - QUOTED);
    expect(world.slotsOf('acct-1').running).toEqual([]);
  });

  it.each([
    ['a failed task is never charged', provider.fail, 'failed'],
    ['a cancelled task is never charged', provider.cancel, 'cancelled'],
    ['a timed-out task is never charged', provider.timeOut, 'timed_out'],
  ] as const)('%s: its hold goes back', (_rule, end, endReason) => {
    const world = new TaskWorld({ 'acct-1/api': 100_000 });
    startTask(world, 't1');
    world.sendToTask(end('t1'));
    world.settle();
    expect(taskOf(world, 't1')).toMatchObject({ status: 'released', creditsCostMillicredits: null, endReason });
    expect(world.wallet('acct-1', 'api')).toMatchObject({ availableMillicredits: 100_000, chargedMillicredits: 0 });
    expect(world.slotsOf('acct-1').running).toEqual([]);
  });

  it('a shorter output is charged pro rata and the rest of the hold goes back', () => {
    const world = new TaskWorld({ 'acct-1/api': 100_000 });
    startTask(world, 't1', { quote: aQuote({ proRataShortOutput: true }) });
    world.sendToTask(provider.complete('t1', 2_000));
    world.settle();
    expect(taskOf(world, 't1')).toMatchObject({ status: 'charged', creditsCostMillicredits: 30_000 });
    expect(world.wallet('acct-1', 'api').availableMillicredits).toBe(70_000);
  });

  it('a task the pool cannot pay for is rejected and its slot freed; the other pool is never touched', () => {
    const world = new TaskWorld({ 'acct-1/api': 10_000, 'acct-1/app': 1_000_000 });
    startTask(world, 't1');
    expect(taskOf(world, 't1')).toMatchObject({
      status: 'rejected',
      rejection: { reason: 'insufficient_credits', requestedMillicredits: QUOTED, availableMillicredits: 10_000 },
    });
    expect(world.wallet('acct-1', 'app').availableMillicredits).toBe(1_000_000);
    expect(world.slotsOf('acct-1').running).toEqual([]);
  });

  it('past the limit a request is rejected with the limit and running count', () => {
    const world = new TaskWorld({ 'acct-1/api': 10_000_000 });
    for (const id of ['t1', 't2', 't3', 't4', 't5', 't6', 't7']) startTask(world, id);
    expect(taskOf(world, 't7')).toMatchObject({ status: 'rejected', rejection: { reason: 'concurrency_limit', limit: 6, running: 6 } });
    expect(world.wallet('acct-1', 'api').availableMillicredits).toBe(10_000_000 - 6 * QUOTED);
  });

  it('past the limit a queued request starts when a slot frees', () => {
    const world = new TaskWorld({ 'acct-1/api': 10_000_000 });
    for (const id of ['t1', 't2', 't3', 't4', 't5', 't6']) startTask(world, id);
    startTask(world, 't7', { queueIfBusy: true });
    expect(taskOf(world, 't7').status).toBe('queued');
    world.sendToTask(provider.complete('t1', 5_000));
    world.settle();
    expect(taskOf(world, 't7').status).toBe('reserved');
    expect(world.slotsOf('acct-1').running).toContain('t7');
    expect(world.taskEvents.filter((event) => event.data.taskId === 't7').map((event) => event.type)).toEqual(['TaskRequested', 'TaskQueued', 'TaskDequeued', 'TaskReserved']);
  });

  it('a task that leaves the queue and finds the pool empty is rejected, and the next one takes its slot', () => {
    const world = new TaskWorld({ 'acct-1/api': 2 * QUOTED }, 1);
    startTask(world, 't1');
    startTask(world, 't2', { queueIfBusy: true, quote: aQuote({ millicredits: 3 * QUOTED }) });
    startTask(world, 't3', { queueIfBusy: true });
    world.sendToTask(provider.complete('t1', 5_000));
    world.settle();
    expect(taskOf(world, 't2')).toMatchObject({ status: 'rejected', rejection: { reason: 'insufficient_credits' } });
    expect(taskOf(world, 't3').status).toBe('reserved');
  });

  it('a task cancelled while queued leaves the queue and holds nothing', () => {
    const world = new TaskWorld({ 'acct-1/api': 10_000_000 }, 1);
    startTask(world, 't1');
    startTask(world, 't2', { queueIfBusy: true });
    world.sendToTask(provider.cancel('t2'));
    world.settle();
    expect(taskOf(world, 't2')).toMatchObject({ status: 'released', endReason: 'cancelled', creditsReservedMillicredits: 0 });
    expect(world.slotsOf('acct-1').queue).toEqual([]);
  });

  it('redelivering every event changes nothing', () => {
    const world = new TaskWorld({ 'acct-1/api': 100_000 });
    startTask(world, 't1');
    world.sendToTask(provider.complete('t1', 5_000));
    world.settle();
    for (let index = 0; index < world.delivered.length; index++) world.deliver(index, true);
    expect(world.pending).toEqual([]);
    expect(world.wallet('acct-1', 'api')).toMatchObject({ availableMillicredits: 100_000 - QUOTED, chargedMillicredits: QUOTED });
  });
});

type Outcome = { kind: 'succeed'; outputDurationMillis: number } | { kind: 'fail' } | { kind: 'cancel'; early: boolean } | { kind: 'timeout' } | { kind: 'expire' };

describe('the task saga under random outcomes, orders and redeliveries', () => {
  const outcome: fc.Arbitrary<Outcome> = fc.oneof(
    fc.record({ kind: fc.constant('succeed' as const), outputDurationMillis: fc.integer({ min: 0, max: 10_000 }) }),
    fc.constant({ kind: 'fail' as const }),
    fc.record({ kind: fc.constant('cancel' as const), early: fc.boolean() }),
    fc.constant({ kind: 'timeout' as const }),
    fc.constant({ kind: 'expire' as const }),
  );
  const plan = fc.record({
    limit: fc.integer({ min: 1, max: 3 }),
    balance: fc.integer({ min: 0, max: 400_000 }),
    tasks: fc.array(fc.record({ outcome, queueIfBusy: fc.boolean(), priority: fc.boolean(), proRata: fc.boolean(), increment: fc.constantFrom(1, 10, 1_000) }), { minLength: 1, maxLength: 6 }),
    choices: fc.array(fc.nat({ max: 1_000 }), { minLength: 300, maxLength: 600 }),
  });

  it('every task ends terminal, is charged only on success, and gives back every other credit', () => {
    fc.assert(
      fc.property(plan, ({ limit, balance, tasks, choices }) => {
        const world = new TaskWorld({ 'acct-1/api': balance }, limit);
        const ids = tasks.map((_, index) => `t${index}`);
        let requested = 0;
        const requestNext = (lostAnswer: boolean) => () => {
          const task = tasks[requested];
          if (!task) return;
          const quote = aQuote({ proRataShortOutput: task.proRata, roundingIncrementMillicredits: task.increment });
          world.request(`t${requested++}`, { queueIfBusy: task.queueIfBusy, priority: task.priority, quote }, lostAnswer);
        };
        let choice = 0;
        let redeliveries = 0;
        const next = (bound: number): number => (choices[choice++] ?? 0) % bound;

        for (let step = 0; step < 5_000; step++) {
          const moves: Array<() => void> = world.pending.map((_, index) => () => world.deliver(index));
          // Requests arrive among the rest; now and then the process dies before the task records the wallet's answer.
          if (requested < tasks.length) moves.push(requestNext(false), requestNext(true));
          tasks.forEach((task, index) => {
            const move = providerMove(world, `t${index}`, task.outcome);
            if (move) moves.push(move);
          });
          if (moves.length === 0) break;
          // Now and then an event already handled arrives again.
          if (redeliveries < 20 && world.delivered.length > 0) {
            moves.push(() => {
              redeliveries++;
              world.deliver(next(world.delivered.length), true);
            });
          }
          moves[next(moves.length)]?.();
        }
        world.settle();

        const wallet = world.wallet('acct-1', 'api');
        let charged = 0;
        ids.forEach((id, index) => {
          const task = taskOf(world, id);
          expect(['charged', 'released', 'rejected']).toContain(task.status);
          if (task.status === 'charged') {
            const planned = tasks[index]?.outcome;
            expect(planned?.kind).toBe('succeed');
            expect(task.creditsCostMillicredits).toBeLessThanOrEqual(task.creditsReservedMillicredits);
            expect((task.creditsCostMillicredits ?? 0) % (tasks[index]?.increment ?? 1)).toBe(0);
            if (planned?.kind === 'succeed') {
              expect(task.creditsCostMillicredits).toBe(chargeForOutput(task.quote, planned.outputDurationMillis, task.creditsReservedMillicredits));
            }
            charged += task.creditsCostMillicredits ?? 0;
          } else {
            expect(task.creditsCostMillicredits).toBeNull();
          }
        });
        expect(wallet.openHoldCount()).toBe(0);
        expect(wallet.chargedMillicredits).toBe(charged);
        expect(wallet.availableMillicredits).toBe(balance - charged);
        expect(world.slotsOf('acct-1')).toMatchObject({ running: [], queue: [] });
        expect(replaySlots(world.taskEvents).get('acct-1')?.peak ?? 0).toBeLessThanOrEqual(limit);
      }),
      { numRuns: 150 },
    );
  });
});

/** The provider's or client's next step for a task, if it has one now. */
function providerMove(world: TaskWorld, taskId: string, outcome: Outcome): (() => void) | undefined {
  const state = world.task(taskId);
  if (!isTask(state)) return undefined;
  const send = (command: Parameters<TaskWorld['sendToTask']>[0]) => () => world.sendToTask(command);
  if (outcome.kind === 'cancel' && outcome.early && (state.status === 'requested' || state.status === 'queued')) return send(provider.cancel(taskId));
  if (state.status === 'reserved') return outcome.kind === 'timeout' ? send(provider.timeOut(taskId)) : send(provider.dispatch(taskId));
  if (state.status !== 'dispatched' && state.status !== 'running') return undefined;
  switch (outcome.kind) {
    case 'succeed':
      return send(provider.complete(taskId, outcome.outputDurationMillis));
    case 'fail':
      return send(provider.fail(taskId));
    case 'cancel':
      return send(provider.cancel(taskId));
    case 'timeout':
      return send(provider.timeOut(taskId));
    case 'expire':
      return () =>
        world.send({
          target: 'wallet',
          accountId: state.accountId,
          pool: state.pool,
          command: { type: 'ExpireReservation', data: { reservationId: state.reservationId ?? '' }, metadata: { commandId: `expire:${taskId}`, now: world.now } },
        });
  }
}
