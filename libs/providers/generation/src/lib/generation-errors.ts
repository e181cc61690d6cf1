export type GenerationProviderErrorCode =
  /** The job is not one a provider can accept (checked before sending). */
  | 'invalid_job'
  /** The provider answered with a non-retryable status (4xx other than 408/429). */
  | 'rejected'
  /** Retries were exhausted on 5xx, 408, 429, timeouts or network errors. */
  | 'unavailable'
  /** A 2xx answer whose body is not what the provider promised. */
  | 'invalid_response'
  | 'closed';

export class GenerationProviderError extends Error {
  override readonly name = 'GenerationProviderError';

  constructor(
    readonly code: GenerationProviderErrorCode,
    message: string,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export type GenerationWebhookErrorReason =
  | 'missing_signature'
  | 'malformed_signature'
  | 'bad_signature'
  | 'stale_timestamp'
  | 'future_timestamp'
  | 'invalid_body';

/** A webhook that must be refused; a receiving endpoint answers 400 and the provider retries or gives up. */
export class GenerationWebhookError extends Error {
  override readonly name = 'GenerationWebhookError';

  constructor(
    readonly reason: GenerationWebhookErrorReason,
    message: string,
  ) {
    super(message);
  }
}

/** An outcome message (webhook body or Kafka event) that does not validate. */
export class InvalidGenerationOutcomeError extends Error {
  override readonly name = 'InvalidGenerationOutcomeError';

  constructor(readonly problems: readonly string[]) {
    super(`invalid generation outcome: ${problems.join('; ')}`);
  }
}
