import type { Clock, Job, Logger } from '../service';
import { StopFlag } from './stop-flag';

/**
 * Runs each job every `everyMillis` with the clock's time. The next run is scheduled
 * only after the previous one ended, so a run never overlaps itself; a failing run is
 * logged and the job simply runs again at the next tick.
 */
export class JobRunner {
  private readonly stop$ = new StopFlag();
  private loops: Promise<void>[] = [];

  constructor(
    private readonly jobs: readonly Job[],
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.loops = this.jobs.map((job) => this.loop(job));
  }

  async stop(): Promise<void> {
    this.stop$.raise();
    await Promise.all(this.loops);
  }

  /** Runs a job once now (tests and operators), beside its schedule but never at the same time as itself. */
  runNow(name: string): Promise<void> {
    const job = this.jobs.find((j) => j.name === name);
    if (!job) return Promise.reject(new Error(`No job named ${name}`));
    return this.runOnce(job);
  }

  private readonly inFlight = new Map<string, Promise<void>>();

  private runOnce(job: Job): Promise<void> {
    const current = this.inFlight.get(job.name);
    if (current) return current;
    const run = (async () => {
      try {
        await job.run(this.clock.now());
      } catch (error) {
        this.logger.error('job failed, will run again next tick', { job: job.name, error });
      } finally {
        this.inFlight.delete(job.name);
      }
    })();
    this.inFlight.set(job.name, run);
    return run;
  }

  private async loop(job: Job): Promise<void> {
    while (!this.stop$.isRaised) {
      await this.stop$.pause(job.everyMillis);
      if (this.stop$.isRaised) return;
      await this.runOnce(job);
    }
  }
}
