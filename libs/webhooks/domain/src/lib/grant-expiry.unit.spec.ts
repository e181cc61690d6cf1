import { expiringGrantOf, grantExpiringMessage, grantNoticeAt } from './grant-expiry';
import { webhookMessageOf } from './webhook-events';

const at = Date.UTC(2026, 2, 1);
const expiresAt = Date.UTC(2026, 3, 1);
const granted = (source: object, expiry: number | null) =>
  expiringGrantOf({ eventId: 'e-7', type: 'CreditsGranted', streamName: 'wallet-acme-app.202603', data: { grantId: 'plan:acme:1', millicredits: 1_000_000, source, expiresAt: expiry, at } });

describe('grant.expiring', () => {
  it('given a plan grant with an expiry, then its notice is due N days before it, once, under an id from the grant event', () => {
    const grant = granted({ kind: 'plan', reference: 'plan:acme:1' }, expiresAt);
    expect(grant).toEqual({ eventId: 'e-7', accountId: 'acme', pool: 'app', grantId: 'plan:acme:1', millicredits: 1_000_000, expiresAt });
    if (!grant) throw new Error('no grant');
    expect(grantNoticeAt(grant, 3)).toBe(Date.UTC(2026, 2, 29));
    expect(grantExpiringMessage(grant, 400_500, Date.UTC(2026, 2, 29))).toEqual({
      messageId: 'msg_expiring_e-7',
      type: 'grant.expiring',
      accountId: 'acme',
      at: Date.UTC(2026, 2, 29),
      data: { account_id: 'acme', pool: 'app', grant: 'plan:acme:1', credits: 400.5, credits_granted: 1000, expires_at: '2026-04-01T00:00:00.000Z' },
    });
  });

  it('given a grant with nothing left (spent or revoked), or already expired at the notice, then no notice', () => {
    const grant = granted({ kind: 'plan', reference: 'plan:acme:1' }, expiresAt);
    if (!grant) throw new Error('no grant');
    expect(grantExpiringMessage(grant, 0, Date.UTC(2026, 2, 29))).toBeUndefined();
    expect(grantExpiringMessage(grant, 1, Date.UTC(2026, 2, 29))?.data).toMatchObject({ credits: 0.001, credits_granted: 1000 });
    expect(grantExpiringMessage(grant, 1_000_000, expiresAt)).toBeUndefined();
  });

  it('given a promotion, or a plan grant that never expires, then there is nothing to announce', () => {
    expect(granted({ kind: 'promotion', reference: 'p' }, expiresAt)).toBeUndefined();
    expect(granted({ kind: 'plan', reference: 'plan:acme:1' }, null)).toBeUndefined();
  });
});

describe('plan.renewal_failed', () => {
  it('given a renewal the provider could not collect (SubscriptionPastDue), then one message with the attempt and the reason, its id from the event', () => {
    const data = { accountId: 'acme', planId: 'explorer', invoiceId: 'in_1', periodStart: at, periodEnd: expiresAt, attempt: 2, reason: 'card_declined', at };
    expect(webhookMessageOf({ eventId: 'e-9', type: 'SubscriptionPastDue', streamName: 'subscription-acme', data })).toEqual({
      messageId: 'msg_e-9',
      type: 'plan.renewal_failed',
      accountId: 'acme',
      at,
      data: {
        account_id: 'acme',
        plan_id: 'explorer',
        invoice_id: 'in_1',
        period_start: '2026-03-01T00:00:00.000Z',
        period_end: '2026-04-01T00:00:00.000Z',
        attempt: 2,
        reason: 'card_declined',
      },
    });
  });
});
