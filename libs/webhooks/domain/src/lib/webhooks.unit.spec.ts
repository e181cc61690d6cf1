import { createHmac } from 'node:crypto';
import { afterFailure, DEFAULT_RETRY_SCHEDULE_MILLIS } from './retry-schedule';
import { secretOf, webhookHeaders } from './signature';
import { webhookBody, webhookMessageOf } from './webhook-events';

describe('Standard Webhooks signatures', () => {
  const secret = secretOf(Buffer.from('a key of thirty-two bytes, exact'));

  it('given a secret, when a message is signed, then v1 is the base64 HMAC-SHA256 of id.timestamp.body under the decoded key', () => {
    const headers = webhookHeaders([secret], 'msg_1', 1_700_000_000, '{"a":1}');
    const expected = createHmac('sha256', Buffer.from('a key of thirty-two bytes, exact')).update('msg_1.1700000000.{"a":1}').digest('base64');
    expect(headers).toEqual({ 'webhook-id': 'msg_1', 'webhook-timestamp': '1700000000', 'webhook-signature': `v1,${expected}` });
  });

  it('given a rotation in its overlap, when a message is signed, then both secrets sign it, space separated', () => {
    const old = secretOf(Buffer.from('the previous key'));
    const signatures = webhookHeaders([secret, old], 'msg_1', 1, 'x')['webhook-signature'].split(' ');
    expect(signatures).toEqual([webhookHeaders([secret], 'msg_1', 1, 'x')['webhook-signature'], webhookHeaders([old], 'msg_1', 1, 'x')['webhook-signature']]);
  });
});

describe('retry schedule', () => {
  it('given no jitter spread (0.5), when attempts fail, then each wait is the schedule, and past its end the delivery is exhausted', () => {
    expect(afterFailure(DEFAULT_RETRY_SCHEDULE_MILLIS, 1, 1_000, 0.5)).toEqual({ kind: 'retry', at: 6_000 });
    expect(afterFailure(DEFAULT_RETRY_SCHEDULE_MILLIS, 7, 0, 0.5)).toEqual({ kind: 'retry', at: 36_000_000 });
    expect(afterFailure(DEFAULT_RETRY_SCHEDULE_MILLIS, 8, 0, 0.5)).toEqual({ kind: 'exhausted' });
  });

  it('the default schedule retries for more than a day', () => {
    expect(DEFAULT_RETRY_SCHEDULE_MILLIS.reduce((sum, wait) => sum + wait, 0)).toBeGreaterThan(86_400_000);
  });

  it('jitter spreads a wait by at most 10% either way', () => {
    expect(afterFailure([1_000], 1, 0, 0)).toEqual({ kind: 'retry', at: 900 });
    expect(afterFailure([1_000], 1, 0, 0.999_999)).toEqual({ kind: 'retry', at: 1_100 });
  });
});

describe('webhook messages from wallet events', () => {
  const at = Date.UTC(2026, 2, 1);

  it('given a purchase in the api pool, then credits.purchased with its amount, and the id follows the event id', () => {
    const message = webhookMessageOf({
      eventId: 'e-1',
      type: 'CreditsPurchased',
      streamName: 'wallet-acme-corp-api.202603',
      data: { purchaseId: 'p-1', millicredits: 1_000_500, amountCents: 7200, currency: 'USD', at },
    });
    expect(message).toEqual({
      messageId: 'msg_e-1',
      type: 'credits.purchased',
      accountId: 'acme-corp',
      at,
      data: { account_id: 'acme-corp', pool: 'api', credits: 1000.5, purchase_id: 'p-1', amount_cents: 7200, currency: 'USD' },
    });
    expect(message && JSON.parse(webhookBody(message))).toEqual({ type: 'credits.purchased', timestamp: '2026-03-01T00:00:00.000Z', data: message?.data });
  });

  it('a task charge and a task release become task.charged and task.refunded; a hold without a task, and a promotion, make nothing', () => {
    const event = (type: string, data: object) => webhookMessageOf({ eventId: 'e', type, streamName: 'wallet-a-app', data: { at, millicredits: 75_000, ...data } });
    expect(event('CreditsCharged', { taskId: 't-1' })?.type).toBe('task.charged');
    expect(event('CreditsReleased', { taskId: 't-1', reason: 'failed' })?.data).toMatchObject({ task_id: 't-1', reason: 'failed', credits: 75 });
    expect(event('CreditsCharged', {})).toBeUndefined();
    expect(event('CreditsGranted', { source: { kind: 'promotion', reference: 'x' } })).toBeUndefined();
    expect(event('CreditsGranted', { source: { kind: 'plan', reference: 'explorer:1' }, expiresAt: null })?.type).toBe('plan.renewed');
    expect(event('CreditsReserved', { taskId: 't-1' })).toBeUndefined();
  });
});
