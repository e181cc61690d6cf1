import { assertNever, checkWebhookSignature, signWebhookBody, type WebhookBody } from '@billing/util';
import { GenerationWebhookError, InvalidGenerationOutcomeError } from '../generation-errors';
import { parseGenerationOutcome } from '../generation-outcome.dto';
import type { GenerationOutcome } from '../generation-provider';

/**
 * Signature header of an outcome webhook: `x-generation-signature: t=<unix seconds>,v1=<hex>`,
 * the shared scheme of `@billing/util` (HMAC-SHA256 over `${t}.${rawBody}`; several `v1=`
 * entries may be sent while a secret is rotated; one match is enough).
 */
export const GENERATION_SIGNATURE_HEADER = 'x-generation-signature';

export type { WebhookBody };
export type WebhookHeaders = Readonly<Record<string, string | readonly string[] | undefined>>;

export interface GenerationWebhookVerification {
  readonly secret: string;
  /** How far a signature's timestamp may be from `now`, either way. */
  readonly toleranceSeconds: number;
  /** Milliseconds since the Unix epoch. */
  readonly now: number;
}

export function signGenerationWebhook(rawBody: WebhookBody, signing: { secret: string; now: number }): string {
  return signWebhookBody(rawBody, signing.secret, signing.now);
}

/** Verifies the signature, then the timestamp, then the body; throws `GenerationWebhookError`. */
export function verifyGenerationWebhook(
  rawBody: WebhookBody,
  headers: WebhookHeaders,
  verification: GenerationWebhookVerification,
): GenerationOutcome {
  const found = checkWebhookSignature(rawBody, headerValue(headers, GENERATION_SIGNATURE_HEADER), verification);
  switch (found.result) {
    case 'valid':
      return parseBody(rawBody);
    case 'missing':
      throw new GenerationWebhookError('missing_signature', `no ${GENERATION_SIGNATURE_HEADER} header`);
    case 'malformed':
      throw new GenerationWebhookError('malformed_signature', `${GENERATION_SIGNATURE_HEADER} must read t=<unix seconds>,v1=<hex>`);
    case 'mismatch':
      throw new GenerationWebhookError('bad_signature', 'the webhook signature does not match its body');
    case 'stale':
      throw new GenerationWebhookError('stale_timestamp', `the webhook was signed ${found.ageSeconds}s ago, beyond the tolerance`);
    case 'future':
      throw new GenerationWebhookError('future_timestamp', `the webhook is signed ${-found.ageSeconds}s in the future`);
    default:
      return assertNever(found, 'signature check');
  }
}

function parseBody(rawBody: WebhookBody): GenerationOutcome {
  try {
    return parseGenerationOutcome(JSON.parse(bodyText(rawBody)));
  } catch (error) {
    if (error instanceof InvalidGenerationOutcomeError) throw new GenerationWebhookError('invalid_body', error.message);
    if (error instanceof SyntaxError) throw new GenerationWebhookError('invalid_body', 'the webhook body is not JSON');
    throw error;
  }
}

function headerValue(headers: WebhookHeaders, name: string): string | undefined {
  const entry = Object.entries(headers).find(([key]) => key.toLowerCase() === name);
  const value = entry?.[1];
  return typeof value === 'string' ? value : value?.[0];
}

function bodyText(rawBody: WebhookBody): string {
  return typeof rawBody === 'string' ? rawBody : Buffer.from(rawBody).toString('utf8');
}
