import type { WebhookBody, WebhookHeaders } from './payment-provider';

/** Header names are matched case-insensitively; a repeated header counts by its first value. */
export function headerValue(headers: WebhookHeaders, name: string): string | undefined {
  const entry = Object.entries(headers).find(([key]) => key.toLowerCase() === name);
  const value = entry?.[1];
  return typeof value === 'string' ? value : value?.[0];
}

export function bodyText(rawBody: WebhookBody): string {
  return typeof rawBody === 'string' ? rawBody : Buffer.from(rawBody).toString('utf8');
}
