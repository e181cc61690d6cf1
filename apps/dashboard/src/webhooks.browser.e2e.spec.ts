import type { Page } from 'playwright-core';
import { eventually, type ReceivedWebhook, startWebhookReceiver, type WebhookReceiver } from '@billing/util/testing';
import { dashboardTier, newTab, shoot, signIn } from './testing/dashboard-tier';
import { expectText, expectVisible } from './testing/page-expectations';

jest.setTimeout(60_000);

describe('webhook endpoints, their deliveries, balance alerts and auto top-up in the dashboard, in Debian Chromium', () => {
  const tier = dashboardTier('webhooks');
  let page: Page;
  let receiver: WebhookReceiver;
  let token: string;

  const post = async (path: string, body?: object) => {
    const response = await fetch(`${tier.platform.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return (await response.json()) as Record<string, unknown>;
  };

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    page = await newTab(tier);
    token = await tier.platform.token('dash-hooks');
    await signIn(page, token);
  });

  afterAll(async () => {
    await receiver?.close();
  });

  it('given an endpoint created on the page, when a pack is bought, then the receiver verifies the delivery, the log shows it and a replay sends it again', async () => {
    await page.getByRole('link', { name: 'Webhooks & alerts' }).click();
    await expectVisible(page.getByRole('heading', { name: 'Webhooks & alerts', level: 1 }));
    await page.getByLabel('Endpoint URL').fill(receiver.url);
    await page.getByLabel('task.charged').check();
    await page.getByRole('button', { name: 'Create endpoint' }).click();
    const secret = await page.getByLabel('Signing secret', { exact: true }).inputValue();
    expect(secret).toMatch(/^whsec_/);
    receiver.trust(secret);
    const row = page.locator('tr[data-endpoint]', { hasText: receiver.url });
    await expectText(row, 'credits.purchased, task.charged');
    await expectText(row, 'enabled');
    await shoot(page, '20-webhook-endpoint');

    const order = await post('/v1/orders', { kind: 'pack', pack_id: 'api-300' });
    await post(`/v1/orders/${String(order['id'])}/confirm-sandbox-payment`);
    await eventually(() => receiver.received.length === 1, 'the purchase delivered');
    const first = receiver.received[0] as ReceivedWebhook;
    await row.getByRole('button', { name: 'Deliveries' }).click();
    const delivery = page.locator('tr[data-delivery]', { hasText: String(first.headers['webhook-id']) });
    await expectText(delivery, 'succeeded');
    await expectText(delivery, '204');
    await shoot(page, '21-webhook-deliveries');

    await delivery.getByRole('button', { name: /^Replay / }).click();
    await expectText(page.getByRole('status').filter({ hasText: 'Sent again' }), 'Sent again with the same webhook-id.');
    await eventually(() => receiver.received.length === 2, 'the replay delivered');
    expect((receiver.received[1] as ReceivedWebhook).headers['webhook-id']).toBe(first.headers['webhook-id']);
    expect(receiver.rejected).toEqual([]);
  });

  it('disables and enables an endpoint, and rotating shows a new secret', async () => {
    const row = page.locator('tr[data-endpoint]', { hasText: receiver.url });
    await row.getByRole('button', { name: 'Disable' }).click();
    await expectText(row, 'disabled');
    await row.getByRole('button', { name: 'Enable' }).click();
    await expectText(row, 'enabled');
    const before = await page.getByLabel('Signing secret', { exact: true }).inputValue();
    await row.getByRole('button', { name: 'Rotate secret' }).click();
    await eventually(async () => (await page.getByLabel('Signing secret', { exact: true }).inputValue()) !== before, 'a new secret shown');
    expect(await page.getByLabel('Signing secret', { exact: true }).inputValue()).toMatch(/^whsec_/);
  });

  it('sets the API pool’s thresholds and shows each alert armed (the pool holds 300), and a fourth decimal is refused in words', async () => {
    await page.getByLabel('Pool').selectOption('api');
    await page.getByLabel(/^Thresholds/).fill('200, 50.5');
    await page.getByRole('button', { name: 'Save thresholds' }).click();
    const table = page.locator('[data-alert-pool="api"]');
    await expectText(table, 'balance.low200armed');
    await expectText(table, 'balance.low50.5armed');
    await expectText(table, 'balance.depletedzeroarmed');
    await shoot(page, '22-balance-alerts');
    await page.getByLabel(/^Thresholds/).fill('0.0001');
    await page.getByRole('button', { name: 'Save thresholds' }).click();
    await expectVisible(page.getByRole('alert'));
    expect(tier.platform.logs.filter((line) => line.includes('"level":"error"'))).toEqual([]);
  });

  it('saves the app pool’s auto top-up on the page, shows it after a reload and through the API, and removes it', async () => {
    const panel = page.locator('[data-top-up-pool="app"]');
    await expectText(panel, 'No auto top-up.');
    await page.getByLabel('App: top up below (credits)').fill('150');
    await page.getByLabel('App: pack').selectOption('app-1000');
    await page.getByLabel('App: monthly cap ($)').fill('250');
    await page.getByLabel('App: declines before it turns off').fill('2');
    await page.getByRole('button', { name: 'Save App auto top-up' }).click();
    await expectText(panel, '1,000 credits (app-1000)');

    await page.reload();
    // The app pool holds nothing, so a top-up may already have started: the month's spend is $0 or $72.
    await expectText(panel, '1501,000 credits (app-1000) for $72$250');
    await expectText(panel, ' of 2enabled');
    await shoot(page, '23-auto-top-up');
    const response = await fetch(`${tier.platform.url}/v1/auto-top-up/app`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ pool: 'app', threshold: 150, pack_id: 'app-1000', monthly_cap: { amount_cents: 25_000 }, max_failures: 2, status: 'enabled' });

    await page.getByRole('button', { name: 'Remove App auto top-up' }).click();
    await expectText(panel, 'No auto top-up.');
    expect((await fetch(`${tier.platform.url}/v1/auto-top-up/app`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(404);
    expect(await page.getByRole('alert').count()).toBe(0);
  });
});
