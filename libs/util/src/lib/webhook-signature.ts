import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The signed-webhook scheme the platform's providers share (the shape Stripe uses):
 * a header `t=<unix seconds>,v1=<hex>`, v1 = HMAC-SHA256(secret, `${t}.${rawBody}`) in
 * lower-case hex. Several `v1=` entries may be sent while a secret is rotated.
 */
export type WebhookBody = string | Uint8Array;

/** What a check found, each a reason a caller maps onto its own error. */
export type WebhookSignatureCheck =
  | { readonly result: 'valid' | 'missing' | 'malformed' | 'mismatch' }
  /** Signed `ageSeconds` ago (negative: in the future), beyond the tolerance. */
  | { readonly result: 'stale' | 'future'; readonly ageSeconds: number };

export function signWebhookBody(rawBody: WebhookBody, secret: string, nowMillis: number): string {
  const timestamp = Math.floor(nowMillis / 1000);
  return `t=${timestamp},v1=${hmacHex(secret, timestamp, rawBody)}`;
}

/** The signature first, then the replay window, `toleranceSeconds` either way of `now`. */
export function checkWebhookSignature(
  rawBody: WebhookBody,
  header: string | undefined,
  check: { readonly secret: string; readonly toleranceSeconds: number; readonly now: number },
): WebhookSignatureCheck {
  if (header === undefined) return { result: 'missing' };
  const parsed = parseHeader(header);
  if (!parsed) return { result: 'malformed' };
  const expected = Buffer.from(hmacHex(check.secret, parsed.timestamp, rawBody), 'hex');
  if (!parsed.signatures.some((signature) => sameBytes(Buffer.from(signature, 'hex'), expected))) return { result: 'mismatch' };
  const ageSeconds = Math.floor(check.now / 1000) - parsed.timestamp;
  if (ageSeconds > check.toleranceSeconds) return { result: 'stale', ageSeconds };
  if (-ageSeconds > check.toleranceSeconds) return { result: 'future', ageSeconds };
  return { result: 'valid' };
}

function parseHeader(header: string): { timestamp: number; signatures: string[] } | null {
  let timestamp: number | undefined;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const [key, value, ...rest] = part.trim().split('=');
    if (rest.length > 0 || value === undefined) continue;
    if (key === 't' && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    if (key === 'v1' && /^[0-9a-f]{64}$/.test(value)) signatures.push(value);
  }
  return timestamp === undefined || signatures.length === 0 ? null : { timestamp, signatures };
}

function hmacHex(secret: string, timestamp: number, rawBody: WebhookBody): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex');
}

function sameBytes(left: Buffer, right: Buffer): boolean {
  return left.length === right.length && timingSafeEqual(left, right);
}
