import type { GenerationJob, GenerationOutcome, GenerationProvider } from '../lib/generation-provider';

/** What the contract needs from an adapter under test; quirks belong here, not in forks of the suite. */
export interface GenerationProviderHarness {
  readonly provider: GenerationProvider;
  /** Lets every submitted job finish successfully (the provider then knows it finished); resolves once the listeners have handled the outcomes. */
  finishAll(): Promise<void>;
  dispose(): Promise<void>;
}

const job = (taskId: string): GenerationJob => ({ taskId, model: 'seedance-2.0', mode: 'standard', durationMillis: 6_000 });

/** The behaviour every generation provider adapter promises, run against each one. */
export function describeGenerationProviderContract(name: string, harnessFor: () => Promise<GenerationProviderHarness>): void {
  describe(`${name} honours the generation provider contract`, () => {
    let harness: GenerationProviderHarness;
    let outcomes: GenerationOutcome[];

    beforeEach(async () => {
      harness = await harnessFor();
      outcomes = [];
      harness.provider.onOutcome(async (outcome) => {
        outcomes.push(outcome);
      });
    });

    afterEach(async () => {
      await harness.dispose();
    });

    it('given a submitted job, when it finishes, then its listener hears the outcome under the returned job id', async () => {
      const { providerJobId } = await harness.provider.submit(job('task-1'));
      await harness.finishAll();
      expect(outcomes).toEqual([{ kind: 'succeeded', taskId: 'task-1', providerJobId, outputDurationMillis: 6_000 }]);
    });

    it('given a task submitted twice before it finishes, then it runs once under one job id', async () => {
      const first = await harness.provider.submit(job('task-2'));
      const second = await harness.provider.submit(job('task-2'));
      const other = await harness.provider.submit(job('task-3'));
      await harness.finishAll();
      expect(second).toEqual(first);
      expect(other.providerJobId).not.toBe(first.providerJobId);
      expect(outcomes.map((outcome) => outcome.taskId).sort()).toEqual(['task-2', 'task-3']);
    });

    it('given a removed listener, then it hears nothing more', async () => {
      const heard: GenerationOutcome[] = [];
      const remove = harness.provider.onOutcome(async (outcome) => {
        heard.push(outcome);
      });
      remove();
      await harness.provider.submit(job('task-4'));
      await harness.finishAll();
      expect(heard).toEqual([]);
      expect(outcomes).toHaveLength(1);
    });

    it('given a job still rendering, then its status is pending; once it finished, its outcome', async () => {
      const { providerJobId } = await harness.provider.submit(job('task-6'));
      await expect(harness.provider.status({ taskId: 'task-6', providerJobId })).resolves.toEqual({ kind: 'pending' });
      await harness.finishAll();
      await expect(harness.provider.status({ taskId: 'task-6', providerJobId })).resolves.toEqual({ kind: 'succeeded', taskId: 'task-6', providerJobId, outputDurationMillis: 6_000 });
    });

    it('given a job it never ran, then its status is unknown', async () => {
      await expect(harness.provider.status({ taskId: 'task-7', providerJobId: 'no-such-job' })).resolves.toEqual({ kind: 'unknown' });
    });

    it('given a job id it does not know, when cancelled, then nothing fails', async () => {
      await expect(harness.provider.cancel('no-such-job')).resolves.toBeUndefined();
    });

    it('given a closed provider, when a job is submitted, then it is refused as closed', async () => {
      await harness.provider.close();
      await expect(harness.provider.submit(job('task-5'))).rejects.toMatchObject({ code: 'closed' });
    });
  });
}
