import { assertNever, checkWebhookSignature, signWebhookBody } from '@billing/util';
import { PaymentWebhookError } from '../payment-errors';
import type { WebhookBody } from '../payment-provider';

/**
 * The sandbox signs like a real provider (`x-sandbox-signature: t=<unix seconds>,v1=<hex>`,
 * the shared scheme of `@billing/util`), so confirmations take the same checked path.
 */
export const SANDBOX_SIGNATURE_HEADER = 'x-sandbox-signature';

export function signSandboxPayload(rawBody: WebhookBody, secret: string, now: number): string {
  return signWebhookBody(rawBody, secret, now);
}

export function verifySandboxSignature(
  rawBody: WebhookBody,
  header: string | undefined,
  check: { secret: string; toleranceSeconds: number; now: number },
): void {
  const found = checkWebhookSignature(rawBody, header, check);
  switch (found.result) {
    case 'valid':
      return;
    case 'missing':
      throw new PaymentWebhookError('missing_signature', `no ${SANDBOX_SIGNATURE_HEADER} header`);
    case 'malformed':
      throw new PaymentWebhookError('malformed_signature', `${SANDBOX_SIGNATURE_HEADER} must read t=<unix seconds>,v1=<hex>`);
    case 'mismatch':
      throw new PaymentWebhookError('bad_signature', 'the sandbox signature does not match the body');
    case 'stale':
    case 'future':
      throw new PaymentWebhookError('stale_timestamp', 'the sandbox notification is outside the replay window');
    default:
      return assertNever(found, 'signature check');
  }
}
