import type { GenerationJob, GenerationOutcome } from '../generation-provider';
import { GenerationProviderError } from '../generation-errors';
import { GenerationSimulator, type GenerationSimulatorOptions } from './generation-simulator';
import { mulberry32 } from './random-source';
import { ManualScheduler } from './scheduler';

const job = (n: number, durationMillis = 10_000): GenerationJob => ({
  taskId: `task-${n}`,
  model: 'seedance-2.0',
  mode: 'standard',
  durationMillis,
  resolution: '1080p',
});

function simulated(options: GenerationSimulatorOptions = {}) {
  const scheduler = new ManualScheduler();
  const simulator = new GenerationSimulator({ seed: 42, scheduler, ...options });
  const outcomes: GenerationOutcome[] = [];
  simulator.onOutcome(async (outcome) => {
    outcomes.push(outcome);
  });
  return { scheduler, simulator, outcomes };
}

async function runJobs(options: GenerationSimulatorOptions, count: number): Promise<GenerationOutcome[]> {
  const { scheduler, simulator, outcomes } = simulated(options);
  for (let n = 0; n < count; n++) await simulator.submit(job(n));
  scheduler.advanceBy(60_000);
  await simulator.settled();
  await simulator.close();
  return outcomes;
}

describe('GenerationSimulator', () => {
  it('given a fixed latency, delivers a full-length success only once that time has passed', async () => {
    const { scheduler, simulator, outcomes } = simulated({ latencyMillis: 5_000 });

    const { providerJobId } = await simulator.submit(job(1));
    scheduler.advanceBy(4_999);
    await simulator.settled();
    expect(outcomes).toEqual([]);

    scheduler.advanceBy(1);
    await simulator.settled();
    expect(outcomes).toEqual([{ kind: 'succeeded', taskId: 'task-1', providerJobId, outputDurationMillis: 10_000 }]);
    expect(simulator.pendingJobs).toBe(0);
  });

  it('given a latency range, answers within it', async () => {
    const { scheduler, simulator, outcomes } = simulated({ latencyMillis: { min: 1_000, max: 3_000 } });
    for (let n = 0; n < 50; n++) await simulator.submit(job(n));

    scheduler.advanceBy(999);
    await simulator.settled();
    expect(outcomes).toHaveLength(0);
    scheduler.advanceBy(2_001);
    await simulator.settled();
    expect(outcomes).toHaveLength(50);
  });

  it('given a seed, replays the same outcomes', async () => {
    const options = { failureRate: 0.3, partialOutputRate: 0.3, latencyMillis: { min: 0, max: 1_000 } };
    expect(await runJobs(options, 200)).toEqual(await runJobs(options, 200));
    expect(await runJobs({ ...options, seed: 7 }, 200)).not.toEqual(await runJobs(options, 200));
  });

  it('given a failure rate of 20%, fails between 15% and 25% of 2,000 jobs, with a configured reason', async () => {
    const outcomes = await runJobs({ failureRate: 0.2, failureReasons: ['model_overloaded', 'content_policy'] }, 2_000);

    const failed = outcomes.filter((outcome) => outcome.kind === 'failed');
    expect(outcomes).toHaveLength(2_000);
    expect(failed.length).toBeGreaterThan(300);
    expect(failed.length).toBeLessThan(500);
    expect(new Set(failed.map((outcome) => outcome.kind === 'failed' && outcome.reason))).toEqual(
      new Set(['model_overloaded', 'content_policy']),
    );
  });

  it('given a partial-output rate, returns shorter outputs within the ratio range for about that share', async () => {
    const outcomes = await runJobs({ partialOutputRate: 0.5, partialOutputRatio: { min: 0.4, max: 0.6 } }, 1_000);

    const durations = outcomes.map((outcome) => (outcome.kind === 'succeeded' ? outcome.outputDurationMillis : -1));
    const partial = durations.filter((millis) => millis < 10_000);
    expect(durations.every((millis) => millis > 0 && millis <= 10_000)).toBe(true);
    expect(partial.length).toBeGreaterThan(400);
    expect(partial.length).toBeLessThan(600);
    expect(partial.every((millis) => millis >= 4_000 && millis <= 6_000)).toBe(true);
  });

  it('given a 1 ms job that comes back partial, keeps the output at 1 ms rather than 0', async () => {
    const { scheduler, simulator, outcomes } = simulated({ partialOutputRate: 1, partialOutputRatio: 0.5 });
    await simulator.submit(job(1, 1));
    await simulator.submit(job(2, 3));
    scheduler.runDue();
    await simulator.settled();
    expect(outcomes.map((outcome) => outcome.kind === 'succeeded' && outcome.outputDurationMillis)).toEqual([1, 1]);
  });

  it('given zero latency and real timers, answers thousands of jobs on the next turn', async () => {
    const simulator = new GenerationSimulator({ seed: 3, failureRate: 0.1 });
    const outcomes: GenerationOutcome[] = [];
    simulator.onOutcome(async (outcome) => {
      outcomes.push(outcome);
    });

    await Promise.all(Array.from({ length: 5_000 }, (_, n) => simulator.submit(job(n))));
    await new Promise<void>((resolve) => setImmediate(resolve));
    await simulator.settled();

    expect(outcomes).toHaveLength(5_000);
    expect(simulator.pendingJobs).toBe(0);
    await simulator.close();
  });

  it('given the same task submitted twice while in flight, keeps one job and one outcome', async () => {
    const { scheduler, simulator, outcomes } = simulated({ latencyMillis: 100 });
    const first = await simulator.submit(job(1));
    const again = await simulator.submit(job(1));
    scheduler.advanceBy(100);
    await simulator.settled();
    expect(again).toEqual(first);
    expect(outcomes).toHaveLength(1);
  });

  it('given a cancelled job, delivers no outcome for it', async () => {
    const { scheduler, simulator, outcomes } = simulated({ latencyMillis: 100 });
    const cancelled = await simulator.submit(job(1));
    await simulator.submit(job(2));
    await simulator.cancel(cancelled.providerJobId);
    await simulator.cancel('unknown-job');
    scheduler.advanceBy(100);
    await simulator.settled();
    expect(outcomes.map((outcome) => outcome.taskId)).toEqual(['task-2']);
  });

  it('given a listener that throws, reports the failure, still serves the other listeners, and delivers again until it is handled', async () => {
    const reported: string[] = [];
    const { scheduler, simulator, outcomes } = simulated({
      onDeliveryError: (error, outcome) => reported.push(`${outcome.taskId}: ${(error as Error).message}`),
    });
    let refusals = 2;
    simulator.onOutcome(async () => {
      if (refusals-- > 0) throw new Error('store unavailable');
    });
    await simulator.submit(job(1));
    scheduler.runDue();
    await simulator.settled();
    expect(reported).toEqual(['task-1: store unavailable']);
    scheduler.advanceBy(50);
    await simulator.settled();
    scheduler.advanceBy(100);
    await simulator.settled();
    expect(reported).toEqual(['task-1: store unavailable', 'task-1: store unavailable']);
    expect(outcomes.map((outcome) => outcome.taskId)).toEqual(['task-1', 'task-1', 'task-1']);
    expect(scheduler.pending).toBe(0);
  });

  it('given a closed simulator, drops pending jobs and refuses new ones', async () => {
    const { scheduler, simulator, outcomes } = simulated({ latencyMillis: 100 });
    await simulator.submit(job(1));
    await simulator.close();
    scheduler.advanceBy(100);
    expect(scheduler.pending).toBe(0);
    expect(outcomes).toEqual([]);
    await expect(simulator.submit(job(2))).rejects.toMatchObject({ code: 'closed' });
  });

  it('given a restarted process (a new simulator), then it knows none of the old one\'s jobs, even under a job id it reuses', async () => {
    const before = simulated({ latencyMillis: 5_000 });
    const { providerJobId } = await before.simulator.submit(job(1));
    await before.simulator.close();
    const after = simulated({ latencyMillis: 5_000 });
    const reused = await after.simulator.submit(job(2));

    expect(reused.providerJobId).toBe(providerJobId);
    await expect(after.simulator.status({ taskId: 'task-1', providerJobId })).resolves.toEqual({ kind: 'unknown' });
    await expect(after.simulator.status({ taskId: 'task-2', providerJobId })).resolves.toEqual({ kind: 'pending' });
    await after.simulator.close();
  });

  it('given a finished job, then its status is the outcome it delivered; a cancelled one is unknown', async () => {
    const { scheduler, simulator, outcomes } = simulated({ latencyMillis: 1_000, failureRate: 1 });
    const failed = await simulator.submit(job(1));
    const cancelled = await simulator.submit(job(2));
    await simulator.cancel(cancelled.providerJobId);
    scheduler.advanceBy(1_000);
    await simulator.settled();

    await expect(simulator.status({ taskId: 'task-1', providerJobId: failed.providerJobId })).resolves.toEqual(outcomes[0]);
    expect(outcomes[0]).toMatchObject({ kind: 'failed' });
    await expect(simulator.status({ taskId: 'task-2', providerJobId: cancelled.providerJobId })).resolves.toEqual({ kind: 'unknown' });
    await simulator.close();
    await expect(simulator.status({ taskId: 'task-1', providerJobId: failed.providerJobId })).rejects.toMatchObject({ code: 'closed' });
  });

  it('refuses a job without a positive whole duration', async () => {
    const { simulator } = simulated();
    await expect(simulator.submit(job(1, 0))).rejects.toBeInstanceOf(GenerationProviderError);
    await expect(simulator.submit(job(1, 1.5))).rejects.toMatchObject({ code: 'invalid_job' });
  });

  it('refuses options outside their ranges', () => {
    expect(() => new GenerationSimulator({ failureRate: 1.5 })).toThrow(/failureRate/);
    expect(() => new GenerationSimulator({ partialOutputRatio: 1 })).toThrow(/partialOutputRatio/);
    expect(() => new GenerationSimulator({ latencyMillis: -1 })).toThrow(/latencyMillis/);
    expect(() => new GenerationSimulator({ failureReasons: [] })).toThrow(/failureReasons/);
  });
});

describe('mulberry32', () => {
  it('is reproducible by seed and stays within [0, 1)', () => {
    const first = mulberry32(9);
    const second = mulberry32(9);
    const draws = Array.from({ length: 10_000 }, () => first());
    expect(draws.slice(0, 5)).toEqual(Array.from({ length: 5 }, () => second()));
    expect(draws.every((value) => value >= 0 && value < 1)).toBe(true);
    const mean = draws.reduce((sum, value) => sum + value, 0) / draws.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.02);
  });
});
