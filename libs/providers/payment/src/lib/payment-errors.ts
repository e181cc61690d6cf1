export type PaymentWebhookErrorReason =
  | 'missing_signature'
  | 'malformed_signature'
  | 'bad_signature'
  | 'stale_timestamp'
  | 'invalid_body';

/** A webhook to refuse (answer 400): forged, replayed, or not what the provider sends. */
export class PaymentWebhookError extends Error {
  override readonly name = 'PaymentWebhookError';

  constructor(
    readonly reason: PaymentWebhookErrorReason,
    message: string,
  ) {
    super(message);
  }
}

export type PaymentProviderErrorCode =
  /** The request breaks a rule checked before anything is sent. */
  | 'invalid_checkout'
  /** The provider refused the request; repeating it will not help. */
  | 'rejected'
  /** The provider could not be reached or failed on its side; a later retry may succeed. */
  | 'unavailable'
  | 'invalid_response';

export class PaymentProviderError extends Error {
  override readonly name = 'PaymentProviderError';

  constructor(
    readonly code: PaymentProviderErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
