import type { GenerationJob, GenerationJobRef, GenerationJobStatus, GenerationProvider, GenerationSimulator, OutcomeListener, SubmittedJob } from '@billing/generation-provider';

/** The real simulator, with submits held at a gate the test opens: the provider is slow to answer. */
export class GatedProvider implements GenerationProvider {
  private open: () => void = () => undefined;
  private readonly gate = new Promise<void>((resolve) => (this.open = resolve));
  submitted = 0;

  constructor(readonly inner: GenerationSimulator) {}

  async submit(job: GenerationJob): Promise<SubmittedJob> {
    this.submitted++;
    await this.gate;
    return this.inner.submit(job);
  }

  release(): void {
    this.open();
  }

  cancel(providerJobId: string): Promise<void> {
    return this.inner.cancel(providerJobId);
  }

  status(job: GenerationJobRef): Promise<GenerationJobStatus> {
    return this.inner.status(job);
  }

  onOutcome(listener: OutcomeListener): () => void {
    return this.inner.onOutcome(listener);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
