import { ManualScheduler, TimerScheduler } from './scheduler';

describe('ManualScheduler', () => {
  it('runs due tasks in due order, then in scheduling order, and moves its clock', () => {
    const scheduler = new ManualScheduler();
    const ran: string[] = [];
    scheduler.schedule(20, () => ran.push(`b@${scheduler.now}`));
    scheduler.schedule(10, () => ran.push(`a@${scheduler.now}`));
    scheduler.schedule(20, () => ran.push(`c@${scheduler.now}`));
    const cancel = scheduler.schedule(15, () => ran.push('cancelled'));
    cancel();

    scheduler.advanceBy(25);

    expect(ran).toEqual(['a@10', 'b@20', 'c@20']);
    expect(scheduler.now).toBe(25);
    expect(scheduler.pending).toBe(0);
  });

  it('runs tasks scheduled by a running task when they fall due in the same advance', () => {
    const scheduler = new ManualScheduler();
    const ran: number[] = [];
    scheduler.schedule(5, () => scheduler.schedule(5, () => ran.push(scheduler.now)));
    scheduler.advanceBy(10);
    expect(ran).toEqual([10]);
  });
});

describe('TimerScheduler', () => {
  it('batches zero-delay tasks into one turn and honours cancellation', async () => {
    const scheduler = new TimerScheduler();
    const ran: number[] = [];
    for (let n = 0; n < 3; n++) scheduler.schedule(0, () => ran.push(n));
    scheduler.schedule(0, () => ran.push(99))();
    expect(ran).toEqual([]);
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(ran).toEqual([0, 1, 2]);
  });

  it('runs delayed tasks after their delay', async () => {
    const scheduler = new TimerScheduler();
    const ran: string[] = [];
    scheduler.schedule(5, () => ran.push('later'));
    scheduler.schedule(30_000, () => ran.push('never'))();
    await new Promise<void>((resolve) => setTimeout(resolve, 20));
    expect(ran).toEqual(['later']);
  });
});
