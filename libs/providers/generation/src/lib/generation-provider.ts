/** What the task service asks a generation provider to render. Durations are whole milliseconds. */
export interface GenerationJob {
  readonly taskId: string;
  readonly model: string;
  readonly mode: string;
  readonly durationMillis: number;
  readonly resolution?: string;
}

export interface SubmittedJob {
  readonly providerJobId: string;
}

/** A rendered output may be shorter than requested; the task service charges for what came back. */
export interface GenerationSucceeded {
  readonly kind: 'succeeded';
  readonly taskId: string;
  readonly providerJobId: string;
  readonly outputDurationMillis: number;
}

export interface GenerationFailed {
  readonly kind: 'failed';
  readonly taskId: string;
  readonly providerJobId: string;
  readonly reason: string;
}

export type GenerationOutcome = GenerationSucceeded | GenerationFailed;

export type OutcomeListener = (outcome: GenerationOutcome) => Promise<void>;

/** A job as the task service recorded it: whose it is and the provider's id for it. */
export interface GenerationJobRef {
  readonly taskId: string;
  readonly providerJobId: string;
}

/**
 * What a provider knows of a job: still rendering (`pending`, its outcome will come as
 * usual), finished (the outcome it reported, or would have), or `unknown` (no record of
 * it: a provider in memory loses its jobs when its process ends).
 */
export type GenerationJobStatus = { readonly kind: 'pending' } | { readonly kind: 'unknown' } | GenerationOutcome;

/**
 * The port. `submit` is idempotent by `taskId`; outcomes arrive later, at most once per
 * job from the adapter's side (a listener must still tolerate repeats from a real provider).
 */
export interface GenerationProvider {
  submit(job: GenerationJob): Promise<SubmittedJob>;
  /** Best effort: a provider may still report an outcome for a cancelled job. */
  cancel(providerJobId: string): Promise<void>;
  /** What the provider knows of a job now (after a restart, say); throws `GenerationProviderError` when it cannot be asked. */
  status(job: GenerationJobRef): Promise<GenerationJobStatus>;
  /** Registers a listener; returns a function that removes it. */
  onOutcome(listener: OutcomeListener): () => void;
  close(): Promise<void>;
}
