import { GenerationProviderError } from '../generation-errors';
import type {
  GenerationJob,
  GenerationJobRef,
  GenerationJobStatus,
  GenerationOutcome,
  GenerationProvider,
  OutcomeListener,
  SubmittedJob,
} from '../generation-provider';
import { type DeliveryErrorHandler, OutcomeListeners } from '../outcome-listeners';
import { assertValidJob } from '../validate-job';
import { draw, mulberry32, type RandomSource, type Spread } from './random-source';
import { type CancelScheduled, type Scheduler, TimerScheduler } from './scheduler';

export interface GenerationSimulatorOptions {
  /** Time from submit to outcome, fixed or a range; 0 (the default) answers on the next turn. */
  readonly latencyMillis?: Spread;
  /** Share of jobs that fail, 0..1. */
  readonly failureRate?: number;
  /** Share of successful jobs whose output is shorter than requested, 0..1. */
  readonly partialOutputRate?: number;
  /** Length of a partial output as a share of the requested duration, within (0, 1). */
  readonly partialOutputRatio?: Spread;
  readonly failureReasons?: readonly string[];
  /** Defaults to `mulberry32(seed)`. */
  readonly random?: RandomSource;
  readonly seed?: number;
  /** Defaults to real timers with zero-delay batching. */
  readonly scheduler?: Scheduler;
  readonly onDeliveryError?: DeliveryErrorHandler;
}

interface PendingJob {
  readonly providerJobId: string;
  readonly taskId: string;
  readonly cancel: CancelScheduled;
}

const DEFAULT_PARTIAL_RATIO: Spread = { min: 0.25, max: 0.9 };
/** An outcome no listener could record is delivered again, as a provider retries a webhook: 50 ms, doubling, at most 2 s apart. */
const redeliveryDelayMillis = (attempt: number) => Math.min(2_000, 50 * 2 ** Math.min(attempt - 1, 6));
/** Outcomes of finished jobs kept for `status`, oldest forgotten first. */
const FINISHED_KEPT = 10_000;

/**
 * A generation provider in memory, for the embedded platform, tests and benchmarks.
 * Every job's fate is drawn at submit time from the random source, so a seed replays a run.
 * `cancel` drops a pending job: no outcome is delivered for it. An outcome a listener could not
 * record is delivered again until one does (or the simulator closes). Jobs live in memory only:
 * a new simulator (a restarted process) knows none of the old one's, and says so.
 */
export class GenerationSimulator implements GenerationProvider {
  private readonly listeners: OutcomeListeners;
  private readonly random: RandomSource;
  private readonly scheduler: Scheduler;
  private readonly pendingByTask = new Map<string, PendingJob>();
  private readonly pendingByJob = new Map<string, PendingJob>();
  private readonly finished = new Map<string, GenerationOutcome>();
  private readonly deliveries = new Set<Promise<void>>();
  private readonly redeliveries = new Set<CancelScheduled>();
  private nextJobNumber = 1;
  private closed = false;

  constructor(private readonly options: GenerationSimulatorOptions = {}) {
    assertSimulatorOptions(options);
    this.random = options.random ?? mulberry32(options.seed ?? 1);
    this.scheduler = options.scheduler ?? new TimerScheduler();
    this.listeners = new OutcomeListeners(options.onDeliveryError);
  }

  /** Jobs submitted whose outcome has not been delivered yet. */
  get pendingJobs(): number {
    return this.pendingByJob.size;
  }

  async submit(job: GenerationJob): Promise<SubmittedJob> {
    if (this.closed) throw new GenerationProviderError('closed', 'the generation simulator is closed');
    assertValidJob(job);
    const inFlight = this.pendingByTask.get(job.taskId);
    if (inFlight) return { providerJobId: inFlight.providerJobId };

    const providerJobId = `sim-job-${this.nextJobNumber++}`;
    const latencyMillis = Math.round(draw(this.options.latencyMillis ?? 0, this.random));
    const outcome = this.decideOutcome(job, providerJobId);
    const cancel = this.scheduler.schedule(latencyMillis, () => this.complete(providerJobId, outcome));
    const pending: PendingJob = { providerJobId, taskId: job.taskId, cancel };
    this.pendingByTask.set(job.taskId, pending);
    this.pendingByJob.set(providerJobId, pending);
    return { providerJobId };
  }

  async cancel(providerJobId: string): Promise<void> {
    const pending = this.pendingByJob.get(providerJobId);
    if (!pending) return;
    pending.cancel();
    this.forget(pending);
  }

  async status({ taskId, providerJobId }: GenerationJobRef): Promise<GenerationJobStatus> {
    if (this.closed) throw new GenerationProviderError('closed', 'the generation simulator is closed');
    // Job ids restart with each simulator: a job is this one's only if its task matches too.
    if (this.pendingByJob.get(providerJobId)?.taskId === taskId) return { kind: 'pending' };
    const outcome = this.finished.get(providerJobId);
    return outcome?.taskId === taskId ? outcome : { kind: 'unknown' };
  }

  onOutcome(listener: OutcomeListener): () => void {
    return this.listeners.add(listener);
  }

  /** Resolves once every outcome handed to listeners so far has been handled. */
  async settled(): Promise<void> {
    while (this.deliveries.size > 0) await Promise.all(this.deliveries);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const pending of this.pendingByJob.values()) pending.cancel();
    for (const cancel of this.redeliveries) cancel();
    this.redeliveries.clear();
    this.pendingByJob.clear();
    this.pendingByTask.clear();
    await this.settled();
  }

  private decideOutcome(job: GenerationJob, providerJobId: string): GenerationOutcome {
    // Three draws per job whatever the outcome, so one job's fate never shifts the next one's.
    const failureRoll = this.random();
    const partialRoll = this.random();
    const detailRoll = this.random();
    const { taskId, durationMillis } = job;
    if (failureRoll < (this.options.failureRate ?? 0)) {
      const reasons = this.options.failureReasons ?? ['generation_failed'];
      const reason = reasons[Math.floor(detailRoll * reasons.length)] ?? 'generation_failed';
      return { kind: 'failed', taskId, providerJobId, reason };
    }
    const partial = partialRoll < (this.options.partialOutputRate ?? 0);
    const outputDurationMillis = partial ? shorterThan(durationMillis, this.partialRatio(detailRoll)) : durationMillis;
    return { kind: 'succeeded', taskId, providerJobId, outputDurationMillis };
  }

  private partialRatio(roll: number): number {
    const ratio = this.options.partialOutputRatio ?? DEFAULT_PARTIAL_RATIO;
    return typeof ratio === 'number' ? ratio : ratio.min + (ratio.max - ratio.min) * roll;
  }

  private complete(providerJobId: string, outcome: GenerationOutcome): void {
    const pending = this.pendingByJob.get(providerJobId);
    if (!pending) return;
    this.forget(pending);
    this.remember(outcome);
    this.deliver(outcome, 1);
  }

  private deliver(outcome: GenerationOutcome, attempt: number): void {
    const delivery = this.listeners
      .deliver(outcome)
      .catch(() => {
        if (this.closed) return;
        const cancel = this.scheduler.schedule(redeliveryDelayMillis(attempt), () => {
          this.redeliveries.delete(cancel);
          this.deliver(outcome, attempt + 1);
        });
        this.redeliveries.add(cancel);
      })
      .finally(() => this.deliveries.delete(delivery));
    this.deliveries.add(delivery);
  }

  private remember(outcome: GenerationOutcome): void {
    this.finished.set(outcome.providerJobId, outcome);
    if (this.finished.size > FINISHED_KEPT) {
      const [oldest] = this.finished.keys();
      if (oldest !== undefined) this.finished.delete(oldest);
    }
  }

  private forget(pending: PendingJob): void {
    this.pendingByJob.delete(pending.providerJobId);
    if (this.pendingByTask.get(pending.taskId) === pending) this.pendingByTask.delete(pending.taskId);
  }
}

/** A partial output is at least 1 ms and always strictly shorter than requested. */
function shorterThan(durationMillis: number, ratio: number): number {
  if (durationMillis <= 1) return durationMillis;
  return Math.min(durationMillis - 1, Math.max(1, Math.floor(durationMillis * ratio)));
}

function assertSimulatorOptions(options: GenerationSimulatorOptions): void {
  const share = (name: string, value: number | undefined) => {
    if (value !== undefined && !(value >= 0 && value <= 1)) throw new RangeError(`${name} must be within 0..1, got ${value}`);
  };
  share('failureRate', options.failureRate);
  share('partialOutputRate', options.partialOutputRate);
  const ratio = options.partialOutputRatio;
  const [low, high] = ratio === undefined ? [0.5, 0.5] : typeof ratio === 'number' ? [ratio, ratio] : [ratio.min, ratio.max];
  if (!(low > 0 && high < 1 && low <= high)) throw new RangeError('partialOutputRatio must lie strictly between 0 and 1');
  const latency = options.latencyMillis ?? 0;
  const [fastest, slowest] = typeof latency === 'number' ? [latency, latency] : [latency.min, latency.max];
  if (!(fastest >= 0 && fastest <= slowest)) throw new RangeError('latencyMillis must be >= 0 (and min <= max)');
  if (options.failureReasons !== undefined && options.failureReasons.length === 0) {
    throw new RangeError('failureReasons must name at least one reason');
  }
}
