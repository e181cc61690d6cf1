import { createHmac } from 'node:crypto';

/** An endpoint's secret as the customer sees it: `whsec_` and the base64 of the key's bytes (Standard Webhooks). */
export const SECRET_PREFIX = 'whsec_';

export const secretOf = (keyBytes: Uint8Array): string => `${SECRET_PREFIX}${Buffer.from(keyBytes).toString('base64')}`;

const keyOf = (secret: string): Buffer => Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, 'base64');

/** `v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">`: what the Standard Webhooks spec signs. */
export function signatureOf(secret: string, messageId: string, timestampSeconds: number, body: string): string {
  return `v1,${createHmac('sha256', keyOf(secret)).update(`${messageId}.${timestampSeconds}.${body}`).digest('base64')}`;
}

export interface WebhookHeaders {
  readonly 'webhook-id': string;
  readonly 'webhook-timestamp': string;
  readonly 'webhook-signature': string;
}

/** One signature per secret in force, space separated: while a rotation overlaps, both the new and the old secret sign. */
export function webhookHeaders(secrets: readonly string[], messageId: string, timestampSeconds: number, body: string): WebhookHeaders {
  return {
    'webhook-id': messageId,
    'webhook-timestamp': String(timestampSeconds),
    'webhook-signature': secrets.map((secret) => signatureOf(secret, messageId, timestampSeconds, body)).join(' '),
  };
}
