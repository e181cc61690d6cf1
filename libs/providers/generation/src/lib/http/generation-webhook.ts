import { createHmac, timingSafeEqual } from 'node:crypto';
import { GenerationWebhookError, InvalidGenerationOutcomeError } from '../generation-errors';
import { parseGenerationOutcome } from '../generation-outcome.dto';
import type { GenerationOutcome } from '../generation-provider';

/**
 * Signature header of an outcome webhook: `x-generation-signature: t=<unix seconds>,v1=<hex>`,
 * where v1 is HMAC-SHA256(secret, `${t}.${rawBody}`) in lower-case hex. Several `v1=` entries
 * may be sent while a secret is rotated; one match is enough.
 */
export const GENERATION_SIGNATURE_HEADER = 'x-generation-signature';

export type WebhookBody = string | Uint8Array;
export type WebhookHeaders = Readonly<Record<string, string | readonly string[] | undefined>>;

export interface GenerationWebhookVerification {
  readonly secret: string;
  /** How far a signature's timestamp may be from `now`, either way. */
  readonly toleranceSeconds: number;
  /** Milliseconds since the Unix epoch. */
  readonly now: number;
}

export function signGenerationWebhook(rawBody: WebhookBody, signing: { secret: string; now: number }): string {
  const timestamp = Math.floor(signing.now / 1000);
  return `t=${timestamp},v1=${hmacHex(signing.secret, timestamp, rawBody)}`;
}

/** Verifies the signature, then the timestamp, then the body; throws `GenerationWebhookError`. */
export function verifyGenerationWebhook(
  rawBody: WebhookBody,
  headers: WebhookHeaders,
  verification: GenerationWebhookVerification,
): GenerationOutcome {
  const { timestamp, signatures } = parseSignatureHeader(headerValue(headers, GENERATION_SIGNATURE_HEADER));
  const expected = Buffer.from(hmacHex(verification.secret, timestamp, rawBody), 'hex');
  if (!signatures.some((signature) => sameBytes(Buffer.from(signature, 'hex'), expected))) {
    throw new GenerationWebhookError('bad_signature', 'the webhook signature does not match its body');
  }
  const ageSeconds = Math.floor(verification.now / 1000) - timestamp;
  if (ageSeconds > verification.toleranceSeconds) {
    throw new GenerationWebhookError('stale_timestamp', `the webhook was signed ${ageSeconds}s ago, beyond the tolerance`);
  }
  if (-ageSeconds > verification.toleranceSeconds) {
    throw new GenerationWebhookError('future_timestamp', `the webhook is signed ${-ageSeconds}s in the future`);
  }
  return parseBody(rawBody);
}

function parseSignatureHeader(header: string | undefined): { timestamp: number; signatures: string[] } {
  if (header === undefined) throw new GenerationWebhookError('missing_signature', `no ${GENERATION_SIGNATURE_HEADER} header`);
  let timestamp: number | undefined;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const [key, value, ...rest] = part.trim().split('=');
    if (rest.length > 0 || value === undefined) continue;
    if (key === 't' && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    if (key === 'v1' && /^[0-9a-f]{64}$/.test(value)) signatures.push(value);
  }
  if (timestamp === undefined || signatures.length === 0) {
    throw new GenerationWebhookError('malformed_signature', `${GENERATION_SIGNATURE_HEADER} must read t=<unix seconds>,v1=<hex>`);
  }
  return { timestamp, signatures };
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

function hmacHex(secret: string, timestamp: number, rawBody: WebhookBody): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex');
}

function sameBytes(left: Buffer, right: Buffer): boolean {
  return left.length === right.length && timingSafeEqual(left, right);
}

function bodyText(rawBody: WebhookBody): string {
  return typeof rawBody === 'string' ? rawBody : Buffer.from(rawBody).toString('utf8');
}
