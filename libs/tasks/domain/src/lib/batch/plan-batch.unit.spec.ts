import { aQuote } from '../../testing/fixtures';
import { provider } from '../../testing/task-requests';
import { TaskWorld } from '../../testing/task-world';
import { isTask } from '../task/task-state';
import { planBatch } from './plan-batch';

const batch = {
  batchId: 'batch-1',
  accountId: 'acct-1',
  channel: 'app' as const,
  pool: 'app',
  // Three variations: the first at full price, the others with the batch discount.
  quotes: [aQuote({ quoteId: 'q0', millicredits: 15_000 }), aQuote({ quoteId: 'q1', millicredits: 12_000 }), aQuote({ quoteId: 'q2', millicredits: 12_000 })],
  queueIfBusy: true,
  priority: false,
};

describe('batches of variations', () => {
  it('one task per variation, each with the batch id, its index and its own price', () => {
    const requests = planBatch(batch);
    expect(requests.map((request) => [request.taskId, request.batchId, request.batchIndex, request.quote.millicredits])).toEqual([
      ['batch-1-0', 'batch-1', 0, 15_000],
      ['batch-1-1', 'batch-1', 1, 12_000],
      ['batch-1-2', 'batch-1', 2, 12_000],
    ]);
    expect(planBatch(batch)).toEqual(requests);
  });

  it('an empty batch is refused', () => {
    expect(() => planBatch({ ...batch, quotes: [] })).toThrow(/no items/);
  });

  it('a failed variation is refunded while the successful ones are charged', () => {
    const world = new TaskWorld({ 'acct-1/app': 100_000 });
    for (const request of planBatch(batch)) world.submit(request);
    world.settle();
    for (const taskId of ['batch-1-0', 'batch-1-1', 'batch-1-2']) world.sendToTask(provider.dispatch(taskId));
    world.sendToTask(provider.complete('batch-1-0', 5_000));
    world.sendToTask(provider.fail('batch-1-1'));
    world.sendToTask(provider.complete('batch-1-2', 5_000));
    world.settle();
    const outcome = ['batch-1-0', 'batch-1-1', 'batch-1-2'].map((taskId) => {
      const task = world.task(taskId);
      return isTask(task) ? [task.status, task.creditsCostMillicredits] : null;
    });
    expect(outcome).toEqual([
      ['charged', 15_000],
      ['released', null],
      ['charged', 12_000],
    ]);
    expect(world.wallet('acct-1', 'app').availableMillicredits).toBe(100_000 - 27_000);
  });
});
