import type { TaskEvent } from '@billing/contracts';

/** A task whose timed run started at `activeSince` (a wall-clock instant from its events). */
export interface TimedTask {
  readonly taskId: string;
  readonly activeSince: number;
}

interface Sighting {
  readonly activeSince: number;
  /** The monotonic clock when this process first saw the run. */
  readonly seenAt: number;
  /** How long the run had been under way by the wall clock then. */
  readonly before: number;
}

/** Events that start a timed run (requested, or back from the queue); the end events forget it. */
const STARTS: ReadonlySet<TaskEvent['type']> = new Set(['TaskRequested', 'TaskDequeued']);
const ENDS: ReadonlySet<TaskEvent['type']> = new Set(['TaskCharged', 'TaskReleased', 'TaskRejected']);

/**
 * How long each task has been under way, measured in this process on the monotonic clock
 * from when it first saw the task's run, plus what the wall clock said it had been under way
 * at that moment (0 for a run this process started). So a jump of the wall clock after that
 * moment neither hurries nor delays a time-out; only the instants recorded before this
 * process saw the run (a task left by the last run, or started by another instance) count.
 */
export class TimeUnderWay {
  private readonly sightings = new Map<string, Sighting>();

  constructor(private readonly monotonic: () => number) {}

  /** What this process appended: a run starts (at the event's instant, now) or ends. */
  follow(events: readonly TaskEvent[]): void {
    for (const event of events) {
      if (STARTS.has(event.type) && 'at' in event.data) this.sightings.set(event.data.taskId, { activeSince: event.data.at, seenAt: this.monotonic(), before: 0 });
      else if (ENDS.has(event.type)) this.sightings.delete(event.data.taskId);
    }
  }

  /** Tasks found under way (at start): their time so far is what the wall clock says now. */
  seen(tasks: readonly TimedTask[], wallNow: number): void {
    for (const task of tasks) this.elapsed(task, wallNow);
  }

  /** How long the task's run has been under way. */
  elapsed({ taskId, activeSince }: TimedTask, wallNow: number): number {
    let sighting = this.sightings.get(taskId);
    if (sighting?.activeSince !== activeSince) {
      sighting = { activeSince, seenAt: this.monotonic(), before: Math.max(0, wallNow - activeSince) };
      this.sightings.set(taskId, sighting);
    }
    return sighting.before + (this.monotonic() - sighting.seenAt);
  }
}
