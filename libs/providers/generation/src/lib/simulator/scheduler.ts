export type CancelScheduled = () => void;

/** Runs work later. Injected so tests decide when simulated time passes. */
export interface Scheduler {
  /** Runs `task` after `delayMillis`; 0 means after the current turn of the event loop. */
  schedule(delayMillis: number, task: () => void): CancelScheduled;
}

/**
 * Real timers. Zero-delay work is batched: one `setImmediate` runs everything queued in
 * the same turn, so a benchmark submitting many jobs pays for one callback, not one timer each.
 */
export class TimerScheduler implements Scheduler {
  private batch: Array<() => void> = [];
  private batchScheduled = false;

  schedule(delayMillis: number, task: () => void): CancelScheduled {
    if (delayMillis <= 0) return this.scheduleSoon(task);
    const timer = setTimeout(task, delayMillis);
    return () => clearTimeout(timer);
  }

  private scheduleSoon(task: () => void): CancelScheduled {
    let cancelled = false;
    this.batch.push(() => {
      if (!cancelled) task();
    });
    if (!this.batchScheduled) {
      this.batchScheduled = true;
      setImmediate(() => this.runBatch());
    }
    return () => {
      cancelled = true;
    };
  }

  private runBatch(): void {
    const batch = this.batch;
    this.batch = [];
    this.batchScheduled = false;
    for (const task of batch) task();
  }
}

interface ManualTask {
  readonly dueAt: number;
  readonly order: number;
  readonly run: () => void;
}

/** Simulated time for tests: nothing runs until `advanceBy` or `runDue` is called. */
export class ManualScheduler implements Scheduler {
  private nowMillis = 0;
  private nextOrder = 0;
  private tasks: ManualTask[] = [];

  get now(): number {
    return this.nowMillis;
  }

  get pending(): number {
    return this.tasks.length;
  }

  schedule(delayMillis: number, run: () => void): CancelScheduled {
    const task: ManualTask = { dueAt: this.nowMillis + Math.max(0, delayMillis), order: this.nextOrder++, run };
    this.tasks.push(task);
    return () => {
      this.tasks = this.tasks.filter((other) => other !== task);
    };
  }

  /** Moves time forward, running what falls due in order of due time, then of scheduling. */
  advanceBy(millis: number): void {
    const until = this.nowMillis + millis;
    for (let task = this.nextDue(until); task !== undefined; task = this.nextDue(until)) {
      this.tasks = this.tasks.filter((other) => other !== task);
      this.nowMillis = task.dueAt;
      task.run();
    }
    this.nowMillis = until;
  }

  runDue(): void {
    this.advanceBy(0);
  }

  private nextDue(until: number): ManualTask | undefined {
    let next: ManualTask | undefined;
    for (const task of this.tasks) {
      if (task.dueAt > until) continue;
      if (next === undefined || task.dueAt < next.dueAt || (task.dueAt === next.dueAt && task.order < next.order)) next = task;
    }
    return next;
  }
}
