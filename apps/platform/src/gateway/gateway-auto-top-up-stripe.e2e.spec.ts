import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStripeMock, type StripeMockAvailability } from '@billing/payment-provider/testing';
import { eventually, eventuallyValue, startWebhookReceiver, type WebhookReceiver } from '@billing/util/testing';
import { EmbeddedTestPlatform } from '../testing/embedded-test-platform';
import { SdkAnswers } from '../testing/sdk';

describe('auto top-up with the Stripe provider against stripe-mock: the off-session path through the whole platform', () => {
  let availability: StripeMockAvailability;
  let dir: string;
  let platform: EmbeddedTestPlatform | undefined;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    availability = await startStripeMock();
    dir = mkdtempSync(join(tmpdir(), 'gateway-auto-top-up-stripe-e2e-'));
    receiver = await startWebhookReceiver();
    if (availability.kind !== 'running') return;
    const { host, port } = availability.mock;
    platform = await EmbeddedTestPlatform.start({
      dir,
      jwtSecret: 'auto-top-up-stripe-e2e-secret-auto-top-up',
      logRequests: false,
      variables: {
        PAYMENT_PROVIDER: 'stripe',
        STRIPE_SECRET_KEY: 'sk_test_123',
        STRIPE_WEBHOOK_SECRET: 'whsec_auto_top_up_e2e',
        STRIPE_SUCCESS_URL: 'https://billing.example/paid',
        STRIPE_CANCEL_URL: 'https://billing.example/cancelled',
        STRIPE_API_URL: `http://${host}:${port}`,
      },
    });
  }, 300_000);

  afterAll(async () => {
    await platform?.stop();
    await receiver?.close();
    if (availability?.kind === 'running') await availability.mock.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('given an empty pool and auto top-up set, then its pack is ordered and charged off session on the customer’s saved card (the adapter’s stripe-mock test checks the request); the intent stripe-mock leaves needing a payment method is a declined try, announced by auto_top_up.failed', async () => {
    if (!platform) {
      if (availability.kind === 'unavailable') console.warn(`stripe-mock could not run, so the Stripe path was not exercised: ${availability.reason}`);
      expect(availability).toMatchObject({ kind: 'unavailable', reason: expect.stringMatching(/Go is not installed/) });
      return;
    }
    const dee = new SdkAnswers(platform.url).anon.as(await platform.token('dee'));
    receiver.trust(String((await dee.webhookEndpoints.create({ url: receiver.url, event_types: ['auto_top_up.failed', 'auto_top_up.succeeded'] })).secret));

    // The pool is at zero: saving the setting checks it at once.
    await dee.autoTopUp.set('app', { threshold: 100, pack_id: 'app-300', monthly_cap_cents: 10_000, max_failures: 3 });
    const view = await eventuallyValue(() => dee.autoTopUp.get('app'), (v) => v.failures === 1 && v.in_flight_order_id === null, 'the first try settled');
    expect(view).toMatchObject({ status: 'enabled', spent_this_month: { amount_cents: 0 } });

    const order = await dee.orders.get('auto-top-up_dee_app_1');
    expect(order).toMatchObject({ status: 'payment_failed', item: { kind: 'pack', pack_id: 'app-300', pool: 'app' } });
    await eventually(() => receiver.received.some((r) => r.body.includes('"auto_top_up.failed"')), 'the declined try announced');
    const failed = receiver.received.find((r) => r.body.includes('"auto_top_up.failed"'));
    expect(JSON.parse(failed?.body ?? '{}')).toMatchObject({
      type: 'auto_top_up.failed',
      data: { account_id: 'dee', pool: 'app', order_id: 'auto-top-up_dee_app_1', failures: 1, disabled: false, reason: expect.stringMatching(/^payment intent pi_\w+ is requires_payment_method$/) },
    });
    expect(receiver.rejected).toEqual([]);
  }, 60_000);
});
