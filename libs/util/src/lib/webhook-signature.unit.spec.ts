import { checkWebhookSignature, signWebhookBody } from './webhook-signature';

const secret = 'whsec_test';
const now = Date.UTC(2026, 10, 21, 12, 0, 0);
const body = '{"orderId":"o-1"}';
const check = (header: string | undefined, at = now, raw: string | Uint8Array = body) =>
  checkWebhookSignature(raw, header, { secret, toleranceSeconds: 300, now: at });

describe('signed webhooks (t=<unix seconds>,v1=<hmac hex>)', () => {
  it('given a body signed now, then it is valid, as text or bytes', () => {
    const header = signWebhookBody(body, secret, now);
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(check(header)).toEqual({ result: 'valid' });
    expect(check(header, now, new TextEncoder().encode(body))).toEqual({ result: 'valid' });
  });

  it('refuses a tampered body, another secret, a missing or malformed header', () => {
    const header = signWebhookBody(body, secret, now);
    expect(check(header, now, '{"orderId":"o-2"}')).toEqual({ result: 'mismatch' });
    expect(check(signWebhookBody(body, 'other', now))).toEqual({ result: 'mismatch' });
    expect(check(undefined)).toEqual({ result: 'missing' });
    expect(check('v1=abc')).toEqual({ result: 'malformed' });
  });

  it('accepts one matching signature among several while a secret is rotated', () => {
    const valid = signWebhookBody(body, secret, now);
    const other = signWebhookBody(body, 'old-secret', now).split(',')[1];
    expect(check(`${valid},${other}`)).toEqual({ result: 'valid' });
  });

  it('refuses a signature outside the replay window, either way, with its age', () => {
    const header = signWebhookBody(body, secret, now);
    expect(check(header, now + 301_000)).toEqual({ result: 'stale', ageSeconds: 301 });
    expect(check(header, now - 301_000)).toEqual({ result: 'future', ageSeconds: -301 });
    expect(check(header, now + 300_000)).toEqual({ result: 'valid' });
  });
});
