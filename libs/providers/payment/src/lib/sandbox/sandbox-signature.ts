import { createHmac, timingSafeEqual } from 'node:crypto';
import { PaymentWebhookError } from '../payment-errors';
import type { WebhookBody } from '../payment-provider';

/**
 * The sandbox signs like a real provider: `x-sandbox-signature: t=<unix seconds>,v1=<hex>`,
 * v1 = HMAC-SHA256(secret, `${t}.${rawBody}`), so confirmations take the same checked path.
 */
export const SANDBOX_SIGNATURE_HEADER = 'x-sandbox-signature';

export function signSandboxPayload(rawBody: WebhookBody, secret: string, now: number): string {
  const timestamp = Math.floor(now / 1000);
  return `t=${timestamp},v1=${hmacHex(secret, timestamp, rawBody)}`;
}

export function verifySandboxSignature(
  rawBody: WebhookBody,
  header: string | undefined,
  check: { secret: string; toleranceSeconds: number; now: number },
): void {
  if (header === undefined) throw new PaymentWebhookError('missing_signature', `no ${SANDBOX_SIGNATURE_HEADER} header`);
  const match = /^t=(\d{1,12}),v1=([0-9a-f]{64})$/.exec(header.trim());
  if (!match?.[1] || !match[2]) throw new PaymentWebhookError('malformed_signature', `${SANDBOX_SIGNATURE_HEADER} must read t=<unix seconds>,v1=<hex>`);
  const timestamp = Number(match[1]);
  const expected = Buffer.from(hmacHex(check.secret, timestamp, rawBody), 'hex');
  if (!timingSafeEqual(Buffer.from(match[2], 'hex'), expected)) {
    throw new PaymentWebhookError('bad_signature', 'the sandbox signature does not match the body');
  }
  if (Math.abs(Math.floor(check.now / 1000) - timestamp) > check.toleranceSeconds) {
    throw new PaymentWebhookError('stale_timestamp', 'the sandbox notification is outside the replay window');
  }
}

function hmacHex(secret: string, timestamp: number, rawBody: WebhookBody): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex');
}
